import type { DB } from "~/db.server";
import { londonDate } from "~/domain/periods";
import { dailySummaryMail, safeguardingFlagMail } from "~/mail/messages.server";
import { enqueueMail } from "./mail-outbox.server";
import { whatWaits } from "./overview.server";

/** Addresses of a forum's members with a role, or its safeguarding leads; accounts not disabled. */
async function memberAddresses(db: DB, forumId: string, who: "admins" | "safeguarding_leads"): Promise<string[]> {
  let query = db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select("users.email")
    .where("memberships.forum_id", "=", forumId)
    .where("users.disabled_at", "is", null);
  query = who === "admins" ? query.where("memberships.role", "=", "admin") : query.where("memberships.safeguarding_lead", "=", 1);
  return (await query.orderBy("users.email").execute()).map((r) => r.email);
}

async function forumName(db: DB, forumId: string): Promise<{ id: string; name: string }> {
  const row = await db.selectFrom("forums").select(["id", "name"]).where("id", "=", forumId).executeTakeFirstOrThrow();
  return row;
}

/** Tells the forum's safeguarding lead(s) at once; call inside the transaction that flags. */
export async function queueSafeguardingNotice(db: DB, forumId: string, base: string): Promise<void> {
  const forum = await forumName(db, forumId);
  const leads = await memberAddresses(db, forumId, "safeguarding_leads");
  await enqueueMail(
    db,
    leads.map((to) => safeguardingFlagMail(forum, to, base)),
  );
}

/**
 * Queues each forum's daily summary for its admins, once a London day: the first server (or
 * command) to record the day queues it; others find the day taken. With `force` (the command
 * line), the summary is queued even if the day was already recorded. A forum with nothing
 * waiting gets no message. Returns how many messages were queued.
 */
export async function queueDailySummaries(db: DB, base: string, options: { now?: Date; force?: boolean } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const day = londonDate(now);
  const forums = await db.selectFrom("forums").select(["id", "name"]).orderBy("id").execute();
  let queued = 0;
  for (const forum of forums) {
    const taken = await db
      .insertInto("mail_daily_runs")
      .values({ forum_id: forum.id, day, queued_at: now.toISOString() })
      .onConflict((oc) => oc.columns(["forum_id", "day"]).doNothing())
      .executeTakeFirst();
    if (Number(taken.numInsertedOrUpdatedRows ?? 0) === 0 && !options.force) continue;
    const waits = await whatWaits(db, forum.id, now);
    const nothing =
      waits.newContactRequests + waits.openSafeguarding + waits.reviewsDue + waits.toModerate + waits.surveysClosingSoon === 0;
    if (nothing) continue;
    const admins = await memberAddresses(db, forum.id, "admins");
    await enqueueMail(
      db,
      admins.map((to) => dailySummaryMail(forum, to, base, waits)),
    );
    queued += admins.length;
  }
  return queued;
}
