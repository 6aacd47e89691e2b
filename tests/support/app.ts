import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { migrateToLatest, openDatabase } from "~/db.server";
import { seedDemoForum } from "~/seed.server";
import { SAMPLE_UNTIL } from "./clock";

/** The demo accounts' password in browser tests. */
export const DEMO_PASSWORD = "test-demo-password-2026";

export interface RunningApp {
  url: string;
  /** The server's process id, to read its memory. */
  pid: number;
  databaseUrl: string;
  publicIds: Record<string, string>;
  /** The demo SENCO survey's single-use invitation paths (/i/<token>). */
  invitationLinks: string[];
  output: () => string;
  stop(): Promise<void>;
}

export interface StartOptions {
  nodeArgs?: string[];
  /**
   * With SEED_SAMPLE_RESPONSES=1: the demo forum is seeded here, before the server starts, with
   * this clock (default SAMPLE_UNTIL), so its sample responses are the same whatever the date.
   * `"server"` leaves the seeding to the server, at its own "now", as `npm start` does.
   */
  seedClock?: Date | "server";
}

/**
 * Starts the built server exactly as `npm start` runs it, on a free port with its own SQLite
 * file, and stops it by its own process id.
 */
export async function startApp(env: Record<string, string> = {}, options: StartOptions = {}): Promise<RunningApp> {
  const tmp = path.resolve("tests/.tmp");
  fs.mkdirSync(tmp, { recursive: true });
  const databaseUrl = env.DATABASE_URL ?? path.join(tmp, `e2e-${randomBytes(6).toString("hex")}.db`);
  const seededHere =
    env.SEED_SAMPLE_RESPONSES === "1" && options.seedClock !== "server"
      ? await seedHere(databaseUrl, options.seedClock ?? SAMPLE_UNTIL)
      : null;
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), "--import", "tsx", "app/cli/serve.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: "0",
      SEED_SAMPLE_RESPONSES: "0",
      DEMO_PASSWORD: DEMO_PASSWORD,
      ...env,
      DATABASE_URL: databaseUrl,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start:\n${output}`)), 60_000);
    const check = () => {
      const match = output.match(/Listening on http:\/\/localhost:(\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on("data", check);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited with ${code}:\n${output}`));
    });
  });
  const publicIds: Record<string, string> = {};
  for (const match of output.matchAll(/^\s+([a-z-]+): \S*\/s\/([a-z0-9]+)$/gm)) publicIds[match[1]] = match[2];
  const invitationLinks = [...output.matchAll(/^\s+invitation: \S*?(\/i\/\S+)$/gm)].map((m) => m[1]);
  if (seededHere) {
    for (const s of seededHere.surveys) publicIds[s.slug] = s.publicId;
    invitationLinks.push(...(seededHere.invitationLinks ?? []));
  }

  return {
    url: `http://localhost:${port}`,
    pid: child.pid ?? 0,
    databaseUrl,
    publicIds,
    invitationLinks,
    output: () => output,
    async stop() {
      // A server already killed by a signal has exited, though its exit code stays null.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      if (!env.DATABASE_URL) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(databaseUrl + suffix, { force: true });
    },
  };
}

/** Migrates and seeds the demo forum with its sample responses at `clock`, as the server would at start. */
async function seedHere(databaseUrl: string, clock: Date) {
  const db = openDatabase(databaseUrl);
  try {
    await migrateToLatest(db);
    return await seedDemoForum(db, { sampleResponses: true, demoPassword: DEMO_PASSWORD, now: clock });
  } finally {
    await db.destroy();
  }
}
