import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type DB } from "~/db.server";
import {
  allowAttempt,
  pruneRateLimits,
  recordFailure,
  recordSignInFailure,
  SIGN_IN_LIMITS,
  signInAllowance,
  tooManyFailures,
} from "~/auth/rate-limit.server";
import { createTestDb, postgresUrl, STORES, type TestDb } from "../support/db";

/**
 * Guessing limits live in the database, so two app servers on one database share a count. Each
 * test opens a second connection to the same database, standing for a second app server.
 */
describe.each(STORES)("rate limits on $kind", ({ kind, skip }) => {
  let t: TestDb;
  let second: DB;
  beforeEach(async () => {
    if (skip) return;
    t = await createTestDb(kind);
    second = kind === "sqlite" ? openDatabase(t.url) : openDatabase(postgresUrl, { searchPath: t.schema });
  });
  afterEach(async () => {
    if (skip) return;
    await second.destroy();
    await t.destroy();
  });

  it.skipIf(skip)("allows so many attempts per window across both servers, then refuses until the window has passed", async () => {
    const key = "receipt:203.0.113.9";
    const start = 1_000_000;
    const servers = [t.db, second];
    for (let i = 0; i < 3; i++) expect(await allowAttempt(servers[i % 2], key, 3, 60_000, start + i)).toBe(true);
    expect(await allowAttempt(second, key, 3, 60_000, start + 10)).toBe(false);
    expect(await allowAttempt(t.db, key, 3, 60_000, start + 11)).toBe(false);
    // Another key has its own count.
    expect(await allowAttempt(t.db, "receipt:203.0.113.10", 3, 60_000, start + 12)).toBe(true);
    // A new window starts afresh.
    expect(await allowAttempt(second, key, 3, 60_000, start + 60_000)).toBe(true);
  });

  it.skipIf(skip)("sign-in: a stranger stops only themselves; guessing from many addresses is slowed, then stopped", async () => {
    const lead = "lead@example.org";
    const window = 15 * 60_000;
    for (let i = 0; i < SIGN_IN_LIMITS.perAccountAndAddress; i++) await recordSignInFailure(t.db, lead, "198.51.100.7", window);
    expect((await signInAllowance(second, lead, "198.51.100.7", window)).refused).toBe(true);
    const fromHome = await signInAllowance(second, lead, "203.0.113.20", window);
    expect(fromHome).toEqual({ refused: false, delayMs: 0 });
    // Guesses spread over many addresses: each answer comes later, and none is refused...
    for (let i = 0; i < 20; i++) await recordSignInFailure(t.db, lead, `192.0.2.${i}`, window);
    const slowed = await signInAllowance(t.db, lead, "203.0.113.20", window);
    expect(slowed.refused).toBe(false);
    expect(slowed.delayMs).toBe((25 - SIGN_IN_LIMITS.slowAfter) * SIGN_IN_LIMITS.stepMs);
    // ...until a number no person reaches, and the delay never passes its ceiling.
    for (let i = 0; i < 80; i++) await recordSignInFailure(second, lead, `192.0.2.${100 + i}`, window);
    const stopped = await signInAllowance(t.db, lead, "203.0.113.20", window);
    expect(stopped.refused).toBe(true);
    expect(stopped.delayMs).toBe(SIGN_IN_LIMITS.maxDelayMs);
  });

  it.skipIf(skip)("attempts made at the same moment on both servers are all counted", async () => {
    const key = "resume:198.51.100.7";
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => allowAttempt(i % 2 ? second : t.db, key, 6, 60_000, 5_000_000)));
    expect(results.filter(Boolean)).toHaveLength(6);
  });

  it.skipIf(skip)("counts only failures for sign-in, so successful logins never lock anyone out", async () => {
    const key = "login:account:parent@example.org";
    const start = 2_000_000;
    expect(await tooManyFailures(t.db, key, 2, 60_000, start)).toBe(false);
    await recordFailure(t.db, key, 60_000, start);
    expect(await tooManyFailures(second, key, 2, 60_000, start + 1)).toBe(false);
    await recordFailure(second, key, 60_000, start + 2);
    expect(await tooManyFailures(t.db, key, 2, 60_000, start + 3)).toBe(true);
    expect(await tooManyFailures(second, key, 2, 60_000, start + 60_001)).toBe(false);
  });

  it.skipIf(skip)("stores a hash of the key, never the email or address, and forgets old windows", async () => {
    await recordFailure(t.db, "login:account:parent@example.org", 60_000, 3_000_000);
    await recordFailure(t.db, "login:address:192.0.2.1", 60_000, 3_000_000 + 86_400_000);
    const rows = await t.db.selectFrom("rate_limits").selectAll().execute();
    expect(rows).toHaveLength(2);
    expect(JSON.stringify(rows)).not.toMatch(/parent@example\.org|192\.0\.2\.1/);
    expect(await pruneRateLimits(t.db, 3_000_000 + 86_400_000 + 1)).toBe(1);
    expect(await t.db.selectFrom("rate_limits").selectAll().execute()).toHaveLength(1);
  });
});
