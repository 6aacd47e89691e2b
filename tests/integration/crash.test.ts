import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import { startApp, type RunningApp } from "../support/app";
import { STORES } from "../support/db";
import {
  compareWithStore,
  OneServer,
  Parents,
  seededRandom,
  sleep,
  Traffic,
  type RequestKind,
  type SentRequest,
} from "../support/journeys";
import { killHard, ownDatabase, Relay, waitForHealthy } from "../support/servers";

/**
 * The server killed with SIGKILL (a power cut, the out-of-memory killer) while parents are
 * answering, then restarted on the same database, several times. Parents whose request got no
 * answer send it again, as a phone would. At the end every receipt code a parent was shown is
 * stored exactly once, no start is stored twice, no sent response lacks an answer, a consent or a
 * contact it was sent with, and SQLite's file is intact.
 *
 * The kills are few and aimed. Each waits a seeded random number of requests, then for the next
 * request of a chosen kind to leave (a Send, a start, an answer), and kills late in the time
 * such a request has lately taken, where its writes are. One kill is placed exactly: a relay in
 * front of the server holds back every reply from the moment a Send leaves until its response
 * shows as submitted in the database, then the server is killed and the held replies dropped,
 * so that parent's Send is stored and its reply lost, which is when a receipt could be lost or a
 * response sent twice. A failure prints the seed; CRASH_SEED=<n> runs another.
 */
const PARENTS = 6;
const KILLS: { kind: RequestKind; when: "late" | "once stored" }[] = [
  { kind: "send", when: "once stored" },
  { kind: "send", when: "late" },
  { kind: "start", when: "late" },
  { kind: "answer", when: "late" },
];
/** Journeys that must end on the last restarted server before the run stops. */
const JOURNEYS_AFTER_LAST_RESTART = PARENTS;

/** Resolves once the Send's response reads as submitted in the database. */
async function stored(db: DB, request: SentRequest, deadlineMs = 60_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    const row = await db.selectFrom("responses").select("status").where("id", "=", request.responseId!).executeTakeFirst();
    if (row?.status === "submitted") return;
    await sleep(1);
  }
  throw new Error(`Response ${request.responseId} was not submitted within ${deadlineMs / 1000} s of its Send`);
}

describe.each(STORES)("the server killed mid-journey on $kind", ({ kind, skip }) => {
  const seed = Number(process.env.CRASH_SEED || (kind === "sqlite" ? 20261203 : 20261204));

  it.skipIf(skip)(
    `${KILLS.length} kills with SIGKILL lose, duplicate and half-write nothing`,
    async () => {
      const database = await ownDatabase(kind, "crash");
      const random = seededRandom(seed);
      // Seeds the demo forum with no responses: every response in the survey is then a journey's.
      let app: RunningApp | null = await startApp({ DATABASE_URL: database.url });
      const db = database.open();
      let parents: Parents | null = null;
      let closeRelay: (() => Promise<void>) | null = null;
      const log: string[] = [`seed ${seed}`];
      try {
        await waitForHealthy(app);
        const publicId = app.publicIds["parent-carer-experience"];
        expect(publicId).toBeTruthy();
        const relay = await Relay.start(app.url);
        closeRelay = () => relay.close();
        const traffic = new Traffic();
        parents = new Parents({ route: new OneServer(relay.url), publicId, seed, parents: PARENTS, traffic });

        const order = [...KILLS];
        for (let i = order.length - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [order[i], order[j]] = [order[j], order[i]];
        }
        const kills: { request: SentRequest; note: string }[] = [];
        for (const { kind: target, when } of order) {
          const after = 20 + Math.floor(random() * 80);
          const share = 0.25 + 0.9 * random();
          const request = await traffic.next(target, after);
          let note: string;
          if (when === "once stored") {
            relay.hold();
            await stored(db, request);
            note = `killed as a "${target}" was stored, its reply held back`;
          } else {
            const delayMs = Math.round(share * traffic.typicalMs(target));
            await sleep(delayMs);
            note = `killed ${delayMs} ms after a "${target}" left`;
          }
          await killHard(app);
          relay.cut();
          kills.push({ request, note: `${note}, ${after}+ requests after the last start` });
          app = null; // never stopped again: see killHard
          app = await startApp({ DATABASE_URL: database.url });
          await waitForHealthy(app);
          relay.retarget(app.url);
          if (parents.errors.length > 0) break;
        }
        await parents.finish(JOURNEYS_AFTER_LAST_RESTART);
        const journeys = await parents.stop();
        for (const kill of kills)
          log.push(`${kill.note} (its reply ${kill.request.outcome === "answered" ? "arrived first" : "was lost"})`);
        expect(parents.errors, log.join("\n")).toEqual([]);
        await app.stop();
        app = null;

        const findings = await compareWithStore(db, publicId, journeys);
        const receipts = journeys.filter((j) => j.receipt).length;
        const resentSends = journeys.filter((j) => j.sendResent);
        log.push(
          `${journeys.length} journeys, ${receipts} receipts shown; ${resentSends.length} Sends sent again after a lost reply, ` +
            `${resentSends.filter((j) => j.receipt).length} of them then showing a receipt; ` +
            `${journeys.reduce((n, j) => n + j.resent, 0)} requests sent again in all`,
        );
        console.log(`Crash test on ${kind}: ${log.join("; ")}`);
        expect(findings, log.join("\n")).toEqual({ lost: [], duplicated: [], partial: [] });
        expect(receipts).toBeGreaterThan(0);
        if (kind === "sqlite") {
          const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
          expect(integrity.rows.map((r) => r.integrity_check)).toEqual(["ok"]);
          expect((await sql`pragma foreign_key_check`.execute(db)).rows).toEqual([]);
        }
      } finally {
        await parents?.abandon();
        await closeRelay?.();
        await app?.stop();
        await db.destroy();
        await database.drop();
      }
    },
    240_000,
  );
});
