import { sql } from "kysely";
import { hashToken } from "~/codes.server";
import type { DB } from "~/db.server";

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
  return (await countAttempt(db, key, windowMs, now)) <= limit;
}

/** Failure-only counting, for sign-in: successful logins never use up anyone's allowance. */
export async function tooManyFailures(db: DB, key: string, limit: number, windowMs: number, now = Date.now()): Promise<boolean> {
  const row = await db
    .selectFrom("rate_limits")
    .select("count")
    .where("key_hash", "=", hashToken(key))
    .where("window_start", ">", now - windowMs)
    .executeTakeFirst();
  return Number(row?.count ?? 0) >= limit;
}

export async function recordFailure(db: DB, key: string, windowMs: number, now = Date.now()): Promise<void> {
  await countAttempt(db, key, windowMs, now);
}

/** One more in the key's window (a fresh window if the last one has passed); the count so far. */
async function countAttempt(db: DB, key: string, windowMs: number, now: number): Promise<number> {
  const expired = sql<boolean>`rate_limits.window_start <= ${now - windowMs}`;
  const row = await db
    .insertInto("rate_limits")
    .values({ key_hash: hashToken(key), window_start: now, count: 1 })
    .onConflict((oc) =>
      oc.column("key_hash").doUpdateSet({
        window_start: sql<number>`case when ${expired} then ${now} else rate_limits.window_start end`,
        count: sql<number>`case when ${expired} then 1 else rate_limits.count + 1 end`,
      }),
    )
    .returning("count")
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Forgets windows that ended long ago; run with retention. */
export async function pruneRateLimits(db: DB, now = Date.now(), olderThanMs = 24 * 3600 * 1000): Promise<number> {
  const deleted = await db
    .deleteFrom("rate_limits")
    .where("window_start", "<", now - olderThanMs)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

/** The client's address, as the server passed it in the load context. */
export function clientAddress(context: unknown): string {
  const address = (context as { clientAddress?: string } | undefined)?.clientAddress;
  return address ?? "unknown";
}
