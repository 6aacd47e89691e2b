import type { DB } from "~/db.server";
import { londonDate } from "~/domain/periods";
import { countNewContactRequests } from "./contact-requests.server";
import { ensureQueued } from "./moderation-queue.server";

/** What waits for the forum's staff: the admin overview and the daily summary read the same counts. */
export interface WhatWaits {
  toModerate: number;
  openSafeguarding: number;
  newContactRequests: number;
  /** Published "you said, we did" items whose review date is today or has passed. */
  reviewsDue: number;
  importsRunning: number;
  /** Open surveys whose closing time falls within the next 14 days. */
  surveysClosingSoon: number;
}

export const CLOSING_SOON_DAYS = 14;

const count = (row: { n: number | string | bigint } | undefined) => Number(row?.n ?? 0);

export async function whatWaits(db: DB, forumId: string, now = new Date()): Promise<WhatWaits> {
  // Answers enter the queue lazily; the count must include those sent since anyone last looked.
  await ensureQueued(db, forumId);
  const today = londonDate(now);
  const soon = new Date(now.getTime() + CLOSING_SOON_DAYS * 86_400_000).toISOString();
  const [toModerate, openSafeguarding, reviewsDue, importsRunning, surveysClosingSoon, newContactRequests] = await Promise.all([
    db
      .selectFrom("moderation_items")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("forum_id", "=", forumId)
      .where("state", "=", "pending")
      .executeTakeFirst(),
    db
      .selectFrom("moderation_items")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("forum_id", "=", forumId)
      .where("safeguarding", "=", 1)
      .where("safeguarding_resolved_at", "is", null)
      .executeTakeFirst(),
    db
      .selectFrom("yswd_items")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("forum_id", "=", forumId)
      .where("published_at", "is not", null)
      .where("deleted_at", "is", null)
      .where("status", "!=", "superseded")
      .where("next_review_on", "<=", today)
      .executeTakeFirst(),
    db
      .selectFrom("import_jobs")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("forum_id", "=", forumId)
      .where("status", "=", "running")
      .executeTakeFirst(),
    db
      .selectFrom("surveys")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("forum_id", "=", forumId)
      .where("status", "=", "open")
      .where("closes_at", ">", now.toISOString())
      .where("closes_at", "<=", soon)
      .executeTakeFirst(),
    countNewContactRequests(db, forumId),
  ]);
  return {
    toModerate: count(toModerate),
    openSafeguarding: count(openSafeguarding),
    newContactRequests,
    reviewsDue: count(reviewsDue),
    importsRunning: count(importsRunning),
    surveysClosingSoon: count(surveysClosingSoon),
  };
}
