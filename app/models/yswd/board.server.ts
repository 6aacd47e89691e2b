/** The register on the board's pages: reviews due, K14, response times and the CSV. */
import type { DB } from "~/db.server";
import { csvRow } from "~/domain/csv";
import type { KpiCell } from "~/domain/kpi-cells";
import type { PeriodType } from "~/domain/periods";
import { addDays, closureRateCells, dueForReview, type ResponseTime, responseTimes } from "~/domain/yswd";
import { evidenceSurveys } from "./choices.server";
import type { FigureCache } from "./evidence.server";
import { itemEvidence, itemQuery, toItems, type YswdItem } from "./items.server";
import { today } from "./shared.server";

// ---------------------------------------------------------------------------------------------
// The board

export interface BoardRegister {
  periodType: PeriodType;
  today: string;
  /** Published items (public or board only) overdue or due for review within the look-ahead. */
  review: (YswdItem & { review: "overdue" | "due" })[];
  k14: KpiCell[];
  responseTimes: ResponseTime[];
}

/** The board's section: reviews due, K14 per period and the median days to a response. */
export async function boardRegister(
  db: DB,
  forumId: string,
  options: { periodType: PeriodType; today?: string; lookAheadDays?: number },
): Promise<BoardRegister> {
  const day = options.today ?? today();
  const items = await toItems(db, forumId, await itemQuery(db, forumId).where("i.published_at", "is not", null).execute());
  const dueBy = addDays(day, options.lookAheadDays ?? 31);
  const review = items
    .map((item) => ({ ...item, review: dueForReview(item, day, dueBy) }))
    .filter((item): item is YswdItem & { review: "overdue" | "due" } => item.review !== null)
    .sort((a, b) => (a.nextReviewOn ?? "").localeCompare(b.nextReviewOn ?? "") || a.reference.localeCompare(b.reference));
  const closure = items.map((item) => ({
    status: item.status,
    targetOn: item.targetOn,
    completedOn: item.completedOn,
    notPossibleReason: item.notPossibleReason,
    published: item.publishedAt !== null,
  }));
  return {
    periodType: options.periodType,
    today: day,
    review,
    k14: closureRateCells(closure, options.periodType),
    responseTimes: responseTimes(
      items.map((item) => ({
        raisedOn: item.raisedOn,
        responsePublishedOn: item.responsePublishedOn,
        published: item.publishedAt !== null,
      })),
      options.periodType,
    ),
  };
}

export const REGISTER_CSV_COLUMNS = [
  "reference",
  "title",
  "themes",
  "status",
  "visibility",
  "involvement",
  "owner_org",
  "owner_role",
  "raised_on",
  "response_published_on",
  "target_on",
  "completed_on",
  "next_review_on",
  "survey",
  "time_identifier",
  "time_period",
  "segment_type",
  "segment_value",
  "kpi_id",
  "baseline_n",
  "baseline_percent",
  "baseline_ci_lower",
  "baseline_ci_upper",
  "latest_period",
  "latest_n",
  "latest_percent",
  "latest_ci_lower",
  "latest_ci_upper",
  "quotes",
  "said_plain",
  "what_done",
  "not_possible_reason",
] as const;

/**
 * The published register (public and board-only items) as CSV, one row per reference. Figures
 * are the published (SDC-1) cells; quotes are counted, never copied, so no answer leaves here.
 */
export async function registerCsv(db: DB, forumId: string): Promise<string> {
  const rows = await itemQuery(db, forumId).where("i.published_at", "is not", null).orderBy("i.reference").execute();
  const items = await toItems(db, forumId, rows);
  const surveys = new Map((await evidenceSurveys(db, forumId)).map((s) => [s.id, s.slug]));
  const cache: FigureCache = new Map();
  const lines = [csvRow([...REGISTER_CSV_COLUMNS])];
  for (const item of items) {
    const evidence = await itemEvidence(db, forumId, item, cache);
    const baseline = evidence.figure?.baseline ?? null;
    const latest = evidence.figure?.latest ?? null;
    lines.push(
      csvRow([
        item.reference,
        item.title,
        item.themes.map((t) => t.code).join(";"),
        item.status,
        item.visibility,
        item.involvement,
        item.ownerOrg,
        item.ownerRole,
        item.raisedOn,
        item.responsePublishedOn,
        item.targetOn,
        item.completedOn,
        item.nextReviewOn,
        item.evidence.surveyId ? (surveys.get(item.evidence.surveyId) ?? "") : "",
        evidence.checked?.periodType ?? "",
        item.evidence.period,
        item.evidence.segmentType,
        item.evidence.segmentValue,
        item.evidence.kpiId,
        baseline?.n,
        baseline?.percent,
        baseline?.ci_lower,
        baseline?.ci_upper,
        latest?.time_period,
        latest?.n,
        latest?.percent,
        latest?.ci_lower,
        latest?.ci_upper,
        evidence.quotes.length,
        item.saidPlain,
        item.whatDone,
        item.notPossibleReason,
      ]),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
