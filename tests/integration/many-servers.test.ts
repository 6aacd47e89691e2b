import { describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../support/app";
import { postgresUrl } from "../support/db";
import { Balancer, compareWithStore, Parents, seededRandom, sleep, Traffic } from "../support/journeys";
import { killHard, ownDatabase, waitForHealthy } from "../support/servers";

/**
 * Three app servers on one PostgreSQL, as a forum that has outgrown one machine runs them behind
 * a load balancer. They start at the same moment on an empty database, so they race on the
 * migrations and the demo seed. Parents' requests go round robin, request by request, so one
 * journey's pages are answered by every server. One server is killed with SIGKILL mid-run and
 * left dead: its unanswered requests are sent again and the balancer passes them to the others.
 * Nothing is lost, duplicated or half-written, and /healthz tells the balancer which is which.
 * CRASH_SEED=<n> picks another victim and moment.
 */
const PARENTS = 6;
const SEED = Number(process.env.CRASH_SEED || 20261205);
/** Journeys that must end after the kill, on the two servers left, before the run stops. */
const JOURNEYS_AFTER_KILL = PARENTS;

describe.skipIf(!postgresUrl)("three app servers on one PostgreSQL", () => {
  it("all start together, share the parents, and lose nothing when one is killed", async () => {
    const database = await ownDatabase("postgres", "servers");
    const random = seededRandom(SEED);
    const starts = await Promise.allSettled([0, 1, 2].map(() => startApp({ DATABASE_URL: database.url })));
    const servers = starts.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    const dead = new Set<RunningApp>();
    let parents: Parents | null = null;
    try {
      // All three come up although they migrate and seed the same empty database at once.
      expect(starts.map((s) => (s.status === "fulfilled" ? "up" : String(s.reason)))).toEqual(["up", "up", "up"]);
      for (const server of servers) await waitForHealthy(server);

      const db = database.open();
      try {
        // The seed ran once: one demo forum, whichever server won.
        const forums = await db.selectFrom("forums").select("id").execute();
        expect(forums).toHaveLength(1);
      } finally {
        await db.destroy();
      }
      const publicId = servers.map((s) => s.publicIds["parent-carer-experience"]).find(Boolean);
      expect(publicId).toBeTruthy();

      const balancer = new Balancer(servers.map((s) => s.url));
      const traffic = new Traffic();
      parents = new Parents({ route: balancer, publicId: publicId!, seed: SEED, parents: PARENTS, traffic });

      // Killed while some parent's Send is on its way, late in the time a Send takes.
      const victim = servers[Math.floor(random() * servers.length)];
      const after = 60 + Math.floor(random() * 60);
      const share = 0.25 + 0.9 * random();
      await traffic.next("send", after);
      await sleep(Math.round(share * traffic.typicalMs("send")));
      await killHard(victim);
      dead.add(victim);
      await parents.finish(JOURNEYS_AFTER_KILL);
      const journeys = await parents.stop();
      expect(parents.errors).toEqual([]);

      // Every server answered some of the parents' requests, and the killed one was taken out of
      // the rotation when a request to it went unanswered (and was sent again to another).
      for (const server of servers) expect(balancer.served.get(server.url) ?? 0).toBeGreaterThan(0);
      expect(balancer.down.has(victim.url)).toBe(true);

      const check = database.open();
      try {
        const findings = await compareWithStore(check, publicId!, journeys);
        const receipts = journeys.filter((j) => j.receipt).length;
        console.log(
          `Three servers: ${journeys.length} journeys, ${receipts} receipts shown, ` +
            `${journeys.reduce((n, j) => n + j.resent, 0)} requests sent again after the kill; requests per server ` +
            servers.map((s) => `${balancer.served.get(s.url) ?? 0}${dead.has(s) ? " (killed)" : ""}`).join(", "),
        );
        expect(findings).toEqual({ lost: [], duplicated: [], partial: [] });
        expect(receipts).toBeGreaterThan(0);
      } finally {
        await check.destroy();
      }

      // The balancer's health check: the live servers answer 200, the killed one does not answer.
      for (const server of servers.filter((s) => !dead.has(s))) {
        expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      }
      await expect(fetch(`${victim.url}/healthz`, { signal: AbortSignal.timeout(10_000) })).rejects.toThrow();
    } finally {
      await parents?.abandon();
      for (const server of servers) if (!dead.has(server)) await server.stop();
      await database.drop();
    }
  }, 180_000);
});
