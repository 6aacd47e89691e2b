/**
 * For tests that start, kill and restart the built server: a database of the test's own that
 * outlives any one server, a health poll, and a kill that gives the server no chance to tidy up.
 */
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { openDatabase, type DB } from "~/db.server";
import type { RunningApp } from "./app";
import { postgresUrl, type StoreKind } from "./db";
import { freshName, sleep } from "./journeys";

export interface OwnDatabase {
  kind: StoreKind;
  /** DATABASE_URL for the servers: a SQLite file, or a PostgreSQL database made for this test. */
  url: string;
  /** Opens it from the test, to look at what the servers stored. */
  open(): DB;
  drop(): Promise<void>;
}

/** An empty database: a SQLite file under tests/.tmp, or a PostgreSQL database of its own (dropped by `drop`). */
export async function ownDatabase(kind: StoreKind, prefix: string): Promise<OwnDatabase> {
  const name = freshName(prefix);
  if (kind === "sqlite") {
    const dir = path.resolve("tests/.tmp");
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}.db`);
    return {
      kind,
      url: file,
      open: () => openDatabase(file),
      async drop() {
        for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
      },
    };
  }
  await asPostgresAdmin((client) => client.query(`create database ${name}`));
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    open: () => openDatabase(url.toString()),
    async drop() {
      await asPostgresAdmin((client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}

async function asPostgresAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Polls /healthz until it answers 200; a server that never does fails with what it printed. */
export async function waitForHealthy(app: RunningApp, deadlineMs = 60_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${app.url}/healthz`, { signal: AbortSignal.timeout(5000) });
      if (response.status === 200) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(100);
  }
  throw new Error(
    `${app.url}/healthz did not answer 200 within ${deadlineMs / 1000} s (last: ${last}). The server printed:\n${app.output()}`,
  );
}

/**
 * SIGKILL, as a power cut or the out-of-memory killer would: no shutdown code runs. Resolves
 * once the process is gone, so a restart never meets the old one. (A killed app's `stop()`
 * must not be called: it would wait for an exit that has already happened.)
 */
export async function killHard(app: RunningApp, deadlineMs = 30_000): Promise<void> {
  process.kill(app.pid, "SIGKILL");
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    try {
      process.kill(app.pid, 0);
    } catch {
      return;
    }
    await sleep(20);
  }
  throw new Error(`Process ${app.pid} was still there ${deadlineMs / 1000} s after SIGKILL`);
}

/**
 * A TCP relay in front of a server that is killed and restarted, so the phones keep one address.
 * It can also stop passing on what the server sends, then cut every connection: the replies of
 * that moment never arrive, as when a machine loses power after a commit and before its reply
 * has left, which a kill alone, racing the reply, seldom catches.
 */
export class Relay {
  private readonly relayed = new Set<{ client: net.Socket; upstream: net.Socket }>();
  private holding = false;

  private constructor(
    private readonly listener: net.Server,
    private targetPort: number,
    readonly url: string,
  ) {
    listener.on("connection", (client) => this.relay(client));
  }

  static async start(target: string): Promise<Relay> {
    const listener = net.createServer();
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
    const { port } = listener.address() as net.AddressInfo;
    return new Relay(listener, Number(new URL(target).port), `http://127.0.0.1:${port}`);
  }

  /** New connections go to the server now at `target`. */
  retarget(target: string): void {
    this.targetPort = Number(new URL(target).port);
  }

  /** From now until cut(), nothing the server sends reaches the phones. */
  hold(): void {
    this.holding = true;
  }

  /** Drops every connection, and with them whatever was held back; later ones are relayed as usual. */
  cut(): void {
    for (const { client, upstream } of this.relayed) {
      client.destroy();
      upstream.destroy();
    }
    this.relayed.clear();
    this.holding = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise((resolve) => this.listener.close(resolve));
  }

  private relay(client: net.Socket) {
    const upstream = net.connect(this.targetPort, "127.0.0.1");
    const pair = { client, upstream };
    this.relayed.add(pair);
    let upstreamEnded = false;
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", drop);
    upstream.on("error", drop);
    client.on("close", () => {
      upstream.destroy();
      this.relayed.delete(pair);
    });
    // While holding, a server connection that closes waits for cut() with the rest.
    upstream.on("close", () => {
      if (!this.holding && !upstreamEnded) client.destroy();
    });
    client.on("data", (chunk: Buffer) => upstream.write(chunk));
    client.on("end", () => upstream.end());
    upstream.on("data", (chunk: Buffer) => {
      if (!this.holding) client.write(chunk);
    });
    upstream.on("end", () => {
      upstreamEnded = true;
      if (!this.holding) client.end();
    });
  }
}
