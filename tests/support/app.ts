import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Starts the built server exactly as `npm start` runs it, on a free port with its own SQLite
 * file, and stops it by its own process id.
 */
/** The demo accounts' password in browser tests. */
export const DEMO_PASSWORD = "test-demo-password-2026";

export interface RunningApp {
  url: string;
  databaseUrl: string;
  publicIds: Record<string, string>;
  /** The demo SENCO survey's single-use invitation paths (/i/<token>). */
  invitationLinks: string[];
  output: () => string;
  stop(): Promise<void>;
}

export async function startApp(env: Record<string, string> = {}, options: { nodeArgs?: string[] } = {}): Promise<RunningApp> {
  const tmp = path.resolve("tests/.tmp");
  fs.mkdirSync(tmp, { recursive: true });
  const databaseUrl = env.DATABASE_URL ?? path.join(tmp, `e2e-${randomBytes(6).toString("hex")}.db`);
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
  for (const match of output.matchAll(/^\s+([a-z-]+): \/s\/([a-z0-9]+)$/gm)) publicIds[match[1]] = match[2];
  const invitationLinks = [...output.matchAll(/^\s+invitation: (\/i\/\S+)$/gm)].map((m) => m[1]);

  return {
    url: `http://localhost:${port}`,
    databaseUrl,
    publicIds,
    invitationLinks,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      if (!env.DATABASE_URL) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(databaseUrl + suffix, { force: true });
    },
  };
}
