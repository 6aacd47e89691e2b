import { sql } from "kysely";
import type { DB } from "~/db.server";

/** Fixed-window counters by key hash (the rules are in the rate-limit module). */

/** One more in the key's window (a fresh window if the last one has passed); the count so far. */
export async function countAttempt(db: DB, keyHash: string, windowMs: number, now: number): Promise<number> {
  const expired = sql<boolean>`rate_limits.window_start <= ${now - windowMs}`;
  const row = await db
    .insertInto("rate_limits")
    .values({ key_hash: keyHash, window_start: now, count: 1 })
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

/** The count in the key's window if that window started after `windowStartAfter`; else 0. */
export async function currentCount(db: DB, keyHash: string, windowStartAfter: number): Promise<number> {
  const row = await db
    .selectFrom("rate_limits")
    .select("count")
    .where("key_hash", "=", keyHash)
    .where("window_start", ">", windowStartAfter)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

export async function deleteWindowsBefore(db: DB, before: number): Promise<number> {
  const deleted = await db.deleteFrom("rate_limits").where("window_start", "<", before).executeTakeFirst();
  return Number(deleted.numDeletedRows);
}
