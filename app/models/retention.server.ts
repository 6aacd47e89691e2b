import { keepPublishedQuotes } from "./yswd/keep-quotes.server";
import { sql, type SelectQueryBuilder } from "kysely";
import type { Database } from "../../db/schema";
import { transaction, type DB } from "~/db.server";
import { eraseDeletedFromDisk } from "./erasure.server";
import { londonDate } from "~/domain/periods";
import { recordAudit } from "./audit.server";
import { refreshKpiSummary } from "./kpi-summary.server";
import { KpiRequestError } from "./kpi-survey.server";

/**
 * Retention ("automatic, default 24 months for raw responses, aggregates kept, and
 * logged"). Raw responses — answers, consents, contact details, moderation copies — are deleted
 * once the calendar month they were sent in is more than the forum's retention period ago, so a
 * response is kept for at least that many months and at most one month more. In-progress
 * responses nobody touched since before that month go too.
 *
 * Aggregates are kept: before deleting, the KPI summary of each affected survey is brought up to
 * date and checked against the raw rows; then, in one transaction per survey, the months before
 * the cut-off are sealed (their counts are final and never recounted) and their responses
 * deleted. A month whose summary does not match its rows is left for the next run, never deleted
 * uncounted.
 *
 * A response with an unresolved safeguarding concern is held back until the lead resolves it.
 */

export const DEFAULT_RETENTION_MONTHS = 24;
export const RETENTION_MONTHS_RANGE = { min: 6, max: 120 } as const;

export interface RetentionStatus {
  retentionMonths: number;
  /** "YYYY-MM": responses sent before this month are due for deletion. */
  cutoffMonth: string;
  /** Submitted responses due for deletion now. */
  submitted: number;
  /** In-progress responses untouched since before the cut-off. */
  inProgress: number;
  /** Due, but held back by an unresolved safeguarding concern. */
  heldBack: number;
  /** When retention last ran for the forum (ISO), if ever. */
  checkedAt: string | null;
}

export interface RetentionResult extends RetentionStatus {
  /** Surveys left for the next run because their summary did not match their rows. */
  skippedSurveys: number;
  sealedMonths: number;
}

/** The first month kept: `months` calendar months before the London month of `now`. */
export function retentionCutoffMonth(now: Date, months: number): string {
  const [year, month] = londonDate(now).split("-").map(Number);
  const index = year * 12 + (month - 1) - months;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

async function forumRetention(db: DB, forumId: string) {
  return db.selectFrom("forums").select(["retention_months", "retention_checked_at"]).where("id", "=", forumId).executeTakeFirstOrThrow();
}

/** Responses with a safeguarding concern the lead has not yet resolved. */
function heldBackIds(db: DB, forumId: string) {
  return db
    .selectFrom("moderation_items")
    .select("response_id")
    .where("forum_id", "=", forumId)
    .where("safeguarding", "=", 1)
    .where("safeguarding_resolved_at", "is", null);
}

function dueSubmitted(db: DB, forumId: string, cutoffMonth: string): ResponsesQuery {
  return db
    .selectFrom("responses")
    .where("forum_id", "=", forumId)
    .where("status", "=", "submitted")
    .where("submitted_on", "<", `${cutoffMonth}-01`);
}

function dueInProgress(db: DB, forumId: string, cutoffMonth: string): ResponsesQuery {
  return db
    .selectFrom("responses")
    .where("forum_id", "=", forumId)
    .where("status", "=", "in_progress")
    .where("updated_at", "<", `${cutoffMonth}-01T00:00:00.000Z`);
}

type ResponsesQuery = SelectQueryBuilder<Database, "responses", object>;

async function countOf(query: ResponsesQuery): Promise<number> {
  const row = await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * What the next run would delete, without deleting anything; with `months`, what it would delete
 * if the forum kept responses for that long instead (asked before a shorter period is saved).
 */
export async function retentionStatus(db: DB, forumId: string, now: Date = new Date(), months?: number): Promise<RetentionStatus> {
  const forum = await forumRetention(db, forumId);
  const retentionMonths = months ?? forum.retention_months;
  const cutoffMonth = retentionCutoffMonth(now, retentionMonths);
  const held = heldBackIds(db, forumId);
  const [submitted, heldBack, inProgress] = await Promise.all([
    countOf(dueSubmitted(db, forumId, cutoffMonth).where("id", "not in", held)),
    countOf(dueSubmitted(db, forumId, cutoffMonth).where("id", "in", held)),
    countOf(dueInProgress(db, forumId, cutoffMonth)),
  ]);
  return { retentionMonths, cutoffMonth, submitted, inProgress, heldBack, checkedAt: forum.retention_checked_at };
}

/**
 * Changes how long the forum keeps raw responses; audited, with the number of responses the
 * admin confirmed the next run would delete when the period was shortened.
 */
export async function setRetentionMonths(db: DB, forumId: string, months: number, actor: string, confirmedDue?: number): Promise<void> {
  if (!Number.isInteger(months) || months < RETENTION_MONTHS_RANGE.min || months > RETENTION_MONTHS_RANGE.max) {
    throw new RangeError(`Retention must be a whole number of months from ${RETENTION_MONTHS_RANGE.min} to ${RETENTION_MONTHS_RANGE.max}`);
  }
  await transaction(db, async (trx) => {
    const before = await forumRetention(trx, forumId);
    await trx.updateTable("forums").set({ retention_months: months }).where("id", "=", forumId).execute();
    await recordAudit(trx, {
      forumId,
      actor,
      action: "retention.changed",
      detail: {
        from_months: before.retention_months,
        to_months: months,
        ...(confirmedDue === undefined ? {} : { confirmed_due: confirmedDue }),
      },
    });
  });
}

/** Deletes the forum's raw responses that are past retention, keeping their KPI counts. */
export async function applyRetention(db: DB, forumId: string, actor = "system", now: Date = new Date()): Promise<RetentionResult> {
  const forum = await forumRetention(db, forumId);
  const cutoffMonth = retentionCutoffMonth(now, forum.retention_months);
  const cutoffDate = `${cutoffMonth}-01`;
  const surveys = await dueSubmitted(db, forumId, cutoffMonth)
    .where("id", "not in", heldBackIds(db, forumId))
    .select("survey_id")
    .distinct()
    .execute();

  let submitted = 0;
  let sealedMonths = 0;
  let skippedSurveys = 0;
  for (const { survey_id: surveyId } of surveys) {
    // Count everything first: stale months are recounted and every month checked against its rows.
    try {
      await refreshKpiSummary(db, forumId, surveyId, { reconcile: true });
    } catch (error) {
      if (!(error instanceof KpiRequestError)) throw error;
      skippedSurveys += 1; // no published version to count against: left alone
      continue;
    }
    const outcome = await transaction(db, async (trx) => {
      const due = () => dueSubmitted(trx, forumId, cutoffMonth).where("survey_id", "=", surveyId);
      const stale = await trx
        .selectFrom("kpi_stale_months")
        .select("month")
        .where("survey_id", "=", surveyId)
        .where("month", "<", cutoffMonth)
        .executeTakeFirst();
      if (stale) return null;
      // The same literal text in select and group by, as PostgreSQL requires.
      const month = sql<string>`substr(submitted_on, 1, 7)`;
      const raw = await due()
        .select((eb) => [month.as("month"), eb.fn.countAll<number>().as("n")])
        .groupBy(month)
        .execute();
      const summary = await trx
        .selectFrom("kpi_summary_months")
        .select(["month", "responses", "sealed_at"])
        .where("survey_id", "=", surveyId)
        .where("month", "<", cutoffMonth)
        .execute();
      const byMonth = new Map(summary.map((s) => [s.month, s]));
      for (const row of raw) {
        const counted = byMonth.get(String(row.month));
        // Uncounted rows are never deleted: the figures would lose them.
        if (!counted || (!counted.sealed_at && Number(counted.responses) !== Number(row.n))) return null;
      }
      const sealed = await trx
        .updateTable("kpi_summary_months")
        .set({ sealed_at: now.toISOString() })
        .where("survey_id", "=", surveyId)
        .where("month", "<", cutoffMonth)
        .where("sealed_at", "is", null)
        .executeTakeFirst();
      const deleted = await deleteResponses(trx, due().where("id", "not in", heldBackIds(trx, forumId)).select("id"), { forumId, now });
      await trx
        .deleteFrom("kpi_counted_responses")
        .where("survey_id", "=", surveyId)
        .where("submitted_on", "<", cutoffDate)
        .where("response_id", "not in", heldBackIds(trx, forumId))
        .execute();
      return { deleted, sealed: Number(sealed.numUpdatedRows) };
    });
    if (!outcome) skippedSurveys += 1;
    else {
      submitted += outcome.deleted;
      sealedMonths += outcome.sealed;
    }
  }

  const inProgress = await transaction(db, (trx) => deleteResponses(trx, dueInProgress(trx, forumId, cutoffMonth).select("id")));
  if (submitted + inProgress > 0) await eraseDeletedFromDisk(db, { vacuum: true });
  const heldBack = await countOf(dueSubmitted(db, forumId, cutoffMonth).where("id", "in", heldBackIds(db, forumId)));
  const checkedAt = now.toISOString();
  await transaction(db, async (trx) => {
    await trx.updateTable("forums").set({ retention_checked_at: checkedAt }).where("id", "=", forumId).execute();
    if (submitted + inProgress + sealedMonths + skippedSurveys > 0) {
      await recordAudit(trx, {
        forumId,
        actor,
        action: "retention.applied",
        detail: {
          retention_months: forum.retention_months,
          cutoff_month: cutoffMonth,
          submitted_deleted: submitted,
          in_progress_deleted: inProgress,
          held_back: heldBack,
          months_sealed: sealedMonths,
          surveys_left_for_next_run: skippedSurveys,
        },
      });
    }
  });
  return {
    retentionMonths: forum.retention_months,
    cutoffMonth,
    submitted,
    inProgress,
    heldBack,
    checkedAt,
    skippedSurveys,
    sealedMonths,
  };
}

/**
 * Deletes responses with everything that hangs off them. Explicit deletes, not only ON DELETE
 * CASCADE, as withdrawal does: a deletion must not depend on the connection's foreign-key mode.
 */
async function deleteResponses(
  trx: DB,
  ids: SelectQueryBuilder<Database, "responses", { id: string }>,
  keep?: { forumId: string; now: Date },
): Promise<number> {
  if (keep) await keepPublishedQuotes(trx, keep.forumId, ids, keep.now);
  const items = trx.selectFrom("moderation_items").select("id").where("response_id", "in", ids);
  await trx.deleteFrom("yswd_quotes").where("moderation_item_id", "in", items).execute();
  await trx.deleteFrom("moderation_item_themes").where("item_id", "in", items).execute();
  await trx.deleteFrom("moderation_items").where("response_id", "in", ids).execute();
  await trx.deleteFrom("answers").where("response_id", "in", ids).execute();
  await trx.deleteFrom("consents").where("response_id", "in", ids).execute();
  await trx.deleteFrom("follow_up_contacts").where("response_id", "in", ids).execute();
  const deleted = await trx.deleteFrom("responses").where("id", "in", ids).executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

/**
 * The retention periods in use across all forums, distinct and smallest first, for the public
 * privacy page. With no forum yet, the default period.
 */
export async function retentionPeriods(db: DB): Promise<number[]> {
  const rows = await db.selectFrom("forums").select("retention_months").distinct().orderBy("retention_months").execute();
  const months = rows.map((r) => Number(r.retention_months));
  return months.length > 0 ? months : [DEFAULT_RETENTION_MONTHS];
}

/** Every forum, one after another: what the server runs on start and every few hours. */
export async function applyRetentionToAll(db: DB, now: Date = new Date()): Promise<{ forumId: string; result: RetentionResult }[]> {
  const forums = await db.selectFrom("forums").select("id").orderBy("id").execute();
  const results: { forumId: string; result: RetentionResult }[] = [];
  for (const forum of forums) results.push({ forumId: forum.id, result: await applyRetention(db, forum.id, "system", now) });
  return results;
}
