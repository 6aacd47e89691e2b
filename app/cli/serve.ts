/**
 * The production server: migrates, seeds the demo forum on an empty database, then serves the
 * Remix build with compression and long-lived caching of fingerprinted assets.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { closeDb, getDb, migrateToLatest } from "~/db.server";
import { env } from "~/env.server";
import { pruneImportJobs } from "~/models/import-jobs.server";
import { applyRetentionToAll } from "~/models/retention.server";
import { contentSecurityPolicy } from "~/security/content-security-policy";
import { refusalPage, refuseBeforeReading } from "~/security/request-guard";
import { pruneRateLimits } from "~/auth/rate-limit.server";
import { seedDemoForum } from "~/seed.server";
import { startMailLoop } from "~/mail/outbox.server";
import { mailTransport } from "~/mail/transport.server";

/** How often the server deletes raw responses past each forum's retention period (and old rate-limit windows and import jobs). */
const RETENTION_EVERY_MS = 6 * 3600 * 1000;

/** How long a stopping server waits for requests in flight before closing what is left. */
const STOP_GRACE_MS = 10_000;

/** How long a refused request may go on sending the body it was refused, thrown away unread. */
const LINGER_MS = 5000;

/**
 * Runs retention now and then every few hours, never overlapping, on the connection the app
 * itself uses (getDb() is one per process): a second SQLite connection in the same process
 * would wait on the first's write lock with the event loop blocked.
 */
function scheduleRetention(): void {
  const run = async () => {
    try {
      await pruneRateLimits(getDb());
      await pruneImportJobs(getDb());
      for (const { result } of await applyRetentionToAll(getDb())) {
        if (result.submitted + result.inProgress > 0) {
          console.log(
            `Retention: deleted ${result.submitted} submitted and ${result.inProgress} unfinished responses sent before ${result.cutoffMonth}.`,
          );
        }
      }
    } catch (error) {
      console.error("Retention failed; it will try again later:", error instanceof Error ? error.message : error);
    }
    setTimeout(() => void run(), RETENTION_EVERY_MS).unref();
  };
  setTimeout(() => void run(), 1000).unref();
}

async function main() {
  const config = env();
  const db = getDb();
  const applied = await migrateToLatest(db);
  if (applied.length > 0) console.log(`Migrated: ${applied.join(", ")}`);
  const seed = await seedDemoForum(db, {
    sampleResponses: config.SEED_SAMPLE_RESPONSES === "1",
    demoPassword: config.DEMO_PASSWORD,
    now: new Date(),
  });
  // Printed once the port is known, so every link is a whole address to click or copy.
  const announceSeed = (base: string) => {
    if (!seed.seeded) return;
    console.log(`Seeded the demo forum with ${seed.surveys.length} surveys and ${seed.sampleResponses} sample responses.`);
    for (const s of seed.surveys) console.log(`  ${s.slug}: ${base}/s/${s.publicId}`);
    if (seed.invitationLinks?.length) {
      console.log("Single-use SENCO invitation links (each works once):");
      for (const link of seed.invitationLinks) console.log(`  invitation: ${base}${link}`);
    }
    console.log("Demo accounts: admin@example.org, moderator@example.org, board@example.org");
    if (seed.generatedPassword) {
      console.log(`Their password (shown once; set DEMO_PASSWORD to choose your own): ${seed.generatedPassword}`);
    } else {
      console.log("Their password is DEMO_PASSWORD.");
    }
  };
  // The bundled app opens its own connection; this one was for start-up work only.
  await db.destroy();
  (globalThis as { __forumDb?: unknown }).__forumDb = undefined;

  const buildPath = path.resolve("build/index.js");
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;

  const app = express();
  app.disable("x-powered-by");
  if (config.TRUST_PROXY === "1") app.set("trust proxy", 1);
  app.use(compression());
  const publicOrigin = config.PUBLIC_URL ? new URL(config.PUBLIC_URL).origin : null;
  if (config.TRUST_PROXY === "1" && !publicOrigin) {
    console.log("TRUST_PROXY is on but PUBLIC_URL is not set: forms are accepted from the Host each request names. Set PUBLIC_URL.");
  }
  app.use((req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    next();
  });
  // Same origin, size and type, before anything reads the body: a refused body is never read.
  app.use((req, res, next) => {
    const secure = "encrypted" in req.socket && Boolean(req.socket.encrypted);
    const refusal = refuseBeforeReading({
      method: req.method,
      path: req.path,
      header: (name) => req.get(name),
      expectedOrigin: publicOrigin ?? `${secure ? "https" : "http"}://${req.get("host") ?? ""}`,
    });
    if (!refusal) return next();
    // A lingering close. The client may still be sending the body it was refused; closing the
    // socket outright with unread bytes in it resets the connection, and the client can lose
    // this answer with it. So after the answer the server only half-closes (no more writing),
    // reads the rest and throws it away as it arrives (never kept: memory does not grow), and
    // closes for good when the client has finished, or after LINGER_MS.
    const socket = req.socket;
    socket.destroySoon = () => void socket.end();
    const linger = setTimeout(() => socket.destroy(), LINGER_MS);
    socket.once("close", () => clearTimeout(linger));
    res.setHeader("Connection", "close");
    res.status(refusal.status).type("html").send(refusalPage(refusal));
  });
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: config.NODE_ENV,
      getLoadContext: (req, res) => ({
        clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
        cspNonce: res.locals.cspNonce as string,
      }),
    }),
  );

  const server = app.listen(config.PORT, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.PORT;
    const base = config.PUBLIC_URL ? config.PUBLIC_URL.replace(/\/$/, "") : `http://localhost:${port}`;
    announceSeed(base);
    console.log(`Parents start at ${base}/ ; staff sign in at ${base}/login (the admin overview is ${base}/admin).`);
    console.log(`Listening on http://localhost:${port}`);
    scheduleRetention();
    const transport = mailTransport();
    if (transport) {
      stopMail = startMailLoop(getDb, transport, config.MAIL_POLL_SECONDS * 1000);
      console.log(`Mail is on: sent through ${new URL(config.SMTP_URL ?? "").host}.`);
    } else {
      console.log("Mail is off (SMTP_URL is not set): invitation and reset links are copied by hand.");
    }
  });
  let stopMail: (() => void) | undefined;
  // Stopping: take no new connections, answer every request in flight, then close the database
  // cleanly (on SQLite, the write-ahead log folded into the file), and only then exit.
  let stopping = false;
  const closeAndExit = async (code: number) => {
    try {
      await closeDb();
    } catch (error) {
      console.error("Closing the database failed:", error instanceof Error ? error.message : error);
      code = 1;
    }
    process.exit(code);
  };
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    stopMail?.();
    console.log(`${signal}: answering the requests in flight, then closing the database.`);
    server.close(() => void closeAndExit(0));
    // A client that never finishes its request does not keep the server up.
    setTimeout(() => {
      server.closeAllConnections();
      void closeAndExit(0);
    }, STOP_GRACE_MS).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
