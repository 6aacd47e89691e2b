import { hashToken } from "~/codes.server";
import type { DB } from "~/db.server";
import { countAttempt, currentCount, deleteWindowsBefore } from "~/models/rate-limits.server";

/**
 * Fixed-window guessing limits, kept in the database: app servers sharing one PostgreSQL share
 * one count, so adding servers never multiplies anyone's guesses. They slow the guessing of
 * passwords, two-factor, resume and receipt codes, and invitation links.
 *
 * Keys name what is limited (`login:account:<email>`, `receipt:<address>`); only their hash is
 * stored. Each check is one statement, so two servers counting the same key at once both count.
 */

/** Counts an attempt and says whether it is within `limit` for the current window. */
export async function allowAttempt(db: DB, key: string, limit: number, windowMs: number, now = Date.now()): Promise<boolean> {
  return (await countAttempt(db, hashToken(key), windowMs, now)) <= limit;
}

/** Failure-only counting, for sign-in: successful logins never use up anyone's allowance. */
export async function tooManyFailures(db: DB, key: string, limit: number, windowMs: number, now = Date.now()): Promise<boolean> {
  return (await currentCount(db, hashToken(key), now - windowMs)) >= limit;
}

export async function recordFailure(db: DB, key: string, windowMs: number, now = Date.now()): Promise<void> {
  await countAttempt(db, hashToken(key), windowMs, now);
}

/** Forgets windows that ended long ago; run with retention. */
export async function pruneRateLimits(db: DB, now = Date.now(), olderThanMs = 24 * 3600 * 1000): Promise<number> {
  return deleteWindowsBefore(db, now - olderThanMs);
}

/** The client's address, as the server passed it in the load context. */
export function clientAddress(context: unknown): string {
  const address = (context as { clientAddress?: string } | undefined)?.clientAddress;
  return address ?? "unknown";
}
