/**
 * The evidence of a "you said, we did" item: the cell, the figure and the quotes.
 *
 * Evidence is never computed here. The KPI figure comes from computeKpiCells (SDC-1 applied, the
 * same cell the dashboard shows), and quotes come only through approvedQuotes, with SDC-1 rule 5
 * added on top: a quote is attached and shown only if the cell it comes from (survey × period,
 * and segment if any) has at least 10 submitted responses and the family agreed to quotes. Both
 * checks are made again each time an item is published or shown, because answers can be
 * withdrawn, rejected or flagged after they were attached.
 */
import { type Expression, type ExpressionBuilder, sql, type SqlBool } from "kysely";
import type { DB } from "~/db.server";
import { ALL_SEGMENT, type KpiCell, UNKNOWN_SEGMENT_VALUE } from "~/domain/kpi-cells";
import { periodRange, type PeriodType, periodTypeOf } from "~/domain/periods";
import type { ResponseMode } from "~/domain/response-modes";
import { type QuoteRefusal, quoteRefusal } from "~/domain/yswd";
import type { Database } from "../../../db/schema";
import { computeKpiCells, periodsWithResponses } from "../kpi-dashboard.server";
import { applicableKpis, KpiRequestError, kpiSegments } from "../kpi-survey.server";
import { approvedQuotes } from "../moderation.server";
import { evidenceSurveys, type SegmentChoice, segmentChoices } from "./choices.server";
import { clean, type FieldProblem, type YswdEvidence } from "./shared.server";

// ---------------------------------------------------------------------------------------------
// Evidence: the cell, the figure and the quotes

export interface CheckedEvidence {
  surveyId: string;
  periodType: PeriodType;
  period: string;
  kpiId: string | null;
  segmentType: string | null;
  segmentValue: string | null;
}

/** Checks the evidence against the forum's surveys, KPIs and segments. Null evidence is fine. */
export async function checkEvidence(
  db: DB,
  forumId: string,
  evidence: YswdEvidence,
): Promise<{ evidence: CheckedEvidence | null; problems: FieldProblem[] }> {
  const surveyId = clean(evidence.surveyId);
  const period = clean(evidence.period);
  const kpiId = clean(evidence.kpiId);
  const segmentType = clean(evidence.segmentType);
  const segmentValue = clean(evidence.segmentValue);
  if (!surveyId && !period && !kpiId && !segmentType) return { evidence: null, problems: [] };
  const problems: FieldProblem[] = [];
  if (!surveyId) problems.push({ field: "survey", message: "Choose the survey the evidence comes from" });
  let periodType: PeriodType | undefined;
  if (!period) {
    problems.push({ field: "period", message: "Enter the period the evidence covers, for example 2026-H1" });
  } else {
    try {
      periodType = periodTypeOf(period);
      periodRange(periodType, period);
    } catch {
      problems.push({
        field: "period",
        message: "Enter a period like 2026-Q1 (a quarter), 2026-H1 (a stocktake) or 2025/26 (an academic year)",
      });
    }
  }
  if (!surveyId || problems.length > 0) return { evidence: null, problems };
  let kpis: { id: string }[];
  let segments: string[];
  try {
    kpis = await applicableKpis(db, forumId, surveyId);
    segments = await kpiSegments(db, forumId, surveyId);
  } catch (error) {
    if (error instanceof KpiRequestError)
      return { evidence: null, problems: [{ field: "survey", message: "Choose a published survey of this forum" }] };
    throw error;
  }
  if (kpiId && !kpis.some((k) => k.id === kpiId)) {
    problems.push({ field: "kpi", message: "Choose a KPI that this survey measures" });
  }
  if (segmentType && !segments.includes(segmentType)) {
    problems.push({ field: "segment", message: "Choose a group from the list" });
  }
  if (segmentType && (!segmentValue || !/^[A-Za-z0-9_-]{1,60}$/.test(segmentValue))) {
    problems.push({ field: "segment", message: "Choose a group from the list" });
  }
  if (problems.length > 0 || !periodType || !period) return { evidence: null, problems };
  return {
    evidence: {
      surveyId,
      periodType,
      period,
      kpiId,
      segmentType,
      segmentValue: segmentType ? segmentValue : null,
    },
    problems: [],
  };
}

/** A condition on `responses as r` that puts a response in the segment (an `unknown` value: no answer). */
function inSegment(segmentType: string, segmentValue: string) {
  return (eb: ExpressionBuilder<Database & { r: Database["responses"] }, "r">): Expression<SqlBool> => {
    if (segmentType === "language") return eb("r.language", "=", segmentValue);
    if (segmentType === "respondent_role") return eb("r.respondent_role", "=", segmentValue);
    if (segmentType === "mode") return eb("r.mode", "=", segmentValue as ResponseMode);
    const answered = (value?: string) => {
      let q = eb
        .selectFrom("answers as seg")
        .select(sql<number>`1`.as("one"))
        .whereRef("seg.response_id", "=", "r.id")
        .where("seg.question_code", "=", segmentType)
        .where("seg.option_code", "is not", null);
      if (value !== undefined) q = q.where("seg.option_code", "=", value);
      return eb.exists(q);
    };
    return segmentValue === UNKNOWN_SEGMENT_VALUE ? eb.not(answered()) : answered(segmentValue);
  };
}

/** Submitted responses in the evidence's cell: the n that SDC-1 rule 5 asks about. */
export async function cellResponses(db: DB, forumId: string, evidence: CheckedEvidence): Promise<number> {
  const { start, end } = periodRange(evidence.periodType, evidence.period);
  let query = db
    .selectFrom("responses as r")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("r.forum_id", "=", forumId)
    .where("r.survey_id", "=", evidence.surveyId)
    .where("r.status", "=", "submitted")
    .where("r.submitted_on", ">=", start)
    .where("r.submitted_on", "<=", end);
  if (evidence.segmentType && evidence.segmentValue) query = query.where(inSegment(evidence.segmentType, evidence.segmentValue));
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface QuoteChoice {
  itemId: string;
  text: string;
  redacted: boolean;
  themes: string[];
  quoteConsent: boolean;
  submittedOn: string | null;
  /** The language the family answered the survey in (for the page's lang attribute). */
  language: string;
  /** Null: may be attached and published. */
  refusal: QuoteRefusal | null;
}

export interface QuoteChoices {
  /** Submitted responses in the cell. */
  cellResponses: number;
  quotes: QuoteChoice[];
}

/**
 * The approved answers from the evidence's cell, each with whether it may be quoted. With
 * `themes`, only answers tagged with any of them. Answers outside the cell are not offered.
 */
export async function quoteChoices(
  db: DB,
  forumId: string,
  evidence: CheckedEvidence,
  options: { themes?: string[]; limit?: number } = {},
): Promise<QuoteChoices> {
  const { start, end } = periodRange(evidence.periodType, evidence.period);
  let quotes = await approvedQuotes(db, forumId, {
    surveyId: evidence.surveyId,
    from: start,
    to: end,
    themes: options.themes && options.themes.length > 0 ? options.themes : undefined,
  });
  // The cell membership (segment) and answer language of each quote, by moderation item id.
  const inCell = new Map<string, string>();
  const ids = quotes.map((q) => q.itemId);
  for (let i = 0; i < ids.length; i += 500) {
    let query = db
      .selectFrom("moderation_items as m")
      .innerJoin("responses as r", "r.id", "m.response_id")
      .select(["m.id", "r.language"])
      .where("m.forum_id", "=", forumId)
      .where("m.id", "in", ids.slice(i, i + 500));
    if (evidence.segmentType && evidence.segmentValue) query = query.where(inSegment(evidence.segmentType, evidence.segmentValue));
    for (const row of await query.execute()) inCell.set(row.id, row.language);
  }
  quotes = quotes.filter((q) => inCell.has(q.itemId));
  const n = await cellResponses(db, forumId, evidence);
  const limited = options.limit ? quotes.slice(-options.limit) : quotes;
  return {
    cellResponses: n,
    quotes: limited.map((q) => ({
      itemId: q.itemId,
      text: q.text,
      redacted: q.redacted,
      themes: q.themes,
      quoteConsent: q.quoteConsent,
      submittedOn: q.submittedOn,
      language: inCell.get(q.itemId) ?? "en",
      refusal: quoteRefusal({ cellResponses: n, quoteConsent: q.quoteConsent }),
    })),
  };
}

export interface EvidenceFigure {
  /** The KPI's cell in the evidence period: the baseline. Null when the period has no responses. */
  baseline: KpiCell | null;
  /** The KPI's cell in the latest period with responses. */
  latest: KpiCell | null;
  periodType: PeriodType;
}

export type FigureCache = Map<string, KpiCell[]>;

/** The KPI figure (baseline and latest) from computeKpiCells, the dashboard's own function. */
export async function evidenceFigure(
  db: DB,
  forumId: string,
  evidence: CheckedEvidence,
  cache: FigureCache = new Map(),
): Promise<EvidenceFigure | null> {
  if (!evidence.kpiId) return null;
  const key = [evidence.surveyId, evidence.periodType, evidence.segmentType ?? ""].join("\u0000");
  let cells = cache.get(key);
  if (!cells) {
    try {
      cells = await computeKpiCells(db, {
        forumId,
        surveyId: evidence.surveyId,
        periodType: evidence.periodType,
        by: evidence.segmentType ?? undefined,
      });
    } catch (error) {
      if (error instanceof KpiRequestError) return null;
      throw error;
    }
    cache.set(key, cells);
  }
  const segmentType = evidence.segmentType ?? ALL_SEGMENT;
  const segmentValue = evidence.segmentType ? evidence.segmentValue : ALL_SEGMENT;
  const mine = cells.filter((c) => c.kpi_id === evidence.kpiId && c.segment_type === segmentType && c.segment_value === segmentValue);
  return {
    baseline: mine.find((c) => c.time_period === evidence.period) ?? null,
    latest: mine.at(-1) ?? null,
    periodType: evidence.periodType,
  };
}

export interface DraftEvidence {
  problems: FieldProblem[];
  /** Periods with responses for the chosen survey, newest first (suggestions for the period box). */
  periods: string[];
  kpis: { id: string; name: string }[];
  segments: SegmentChoice[];
  /** Approved answers from the cell tagged with the chosen themes; null until a survey and period are chosen. */
  quotes: QuoteChoices | null;
  figure: EvidenceFigure | null;
}

/** What the draft form shows for an evidence choice: the figure, and the answers it may quote. */
export async function draftEvidence(
  db: DB,
  forumId: string,
  evidence: YswdEvidence,
  themes: string[],
  attached: string[] = [],
): Promise<DraftEvidence> {
  const surveyId = clean(evidence.surveyId);
  const empty: DraftEvidence = { problems: [], periods: [], kpis: [], segments: [], quotes: null, figure: null };
  if (!surveyId) return empty;
  const survey = (await evidenceSurveys(db, forumId)).find((s) => s.id === surveyId);
  if (!survey) return { ...empty, problems: [{ field: "survey", message: "Choose a published survey of this forum" }] };
  const kpis = (await applicableKpis(db, forumId, surveyId)).map((k) => ({ id: k.id, name: k.name }));
  const periods: string[] = [];
  for (const type of ["stocktake", "quarter", "academic_year"] as const) {
    periods.push(...(await periodsWithResponses(db, forumId, surveyId, type)).reverse());
  }
  const base = { ...empty, periods, kpis, segments: segmentChoices(survey.definition) };
  if (!clean(evidence.period)) return base;
  const { evidence: checked, problems } = await checkEvidence(db, forumId, evidence);
  if (!checked) return { ...base, problems };
  return {
    ...base,
    quotes: await offeredQuotes(db, forumId, checked, themes, attached),
    figure: await evidenceFigure(db, forumId, checked),
  };
}

/**
 * Answers tagged with any of the themes, answers approved but not themed yet (a moderator may
 * approve without tagging: the answer is still evidence from this survey and period), and those
 * already attached; newest 100.
 */
async function offeredQuotes(
  db: DB,
  forumId: string,
  evidence: CheckedEvidence,
  themes: string[],
  attached: string[],
): Promise<QuoteChoices> {
  const all = await quoteChoices(db, forumId, evidence);
  const wanted = new Set(themes);
  const kept = new Set(attached);
  const quotes = all.quotes.filter((q) => kept.has(q.itemId) || q.themes.length === 0 || q.themes.some((code) => wanted.has(code)));
  return { cellResponses: all.cellResponses, quotes: quotes.slice(-100) };
}

/** Checks quotes to attach against the cell: every one must be offered there, and quotable. */
export async function checkQuotes(db: DB, forumId: string, evidence: CheckedEvidence | null, quoteIds: string[]): Promise<FieldProblem[]> {
  const ids = [...new Set(quoteIds)];
  if (ids.length === 0) return [];
  if (!evidence) return [{ field: "quotes", message: "Choose the survey and period the quotes come from" }];
  const choices = await quoteChoices(db, forumId, evidence);
  const byId = new Map(choices.quotes.map((q) => [q.itemId, q]));
  const problems: FieldProblem[] = [];
  for (const id of ids) {
    const choice = byId.get(id);
    if (!choice) {
      problems.push({
        field: "quotes",
        code: "not_in_cell",
        message: "A chosen answer is not an approved answer from this survey, period and group",
      });
    } else if (choice.refusal === "small_cell") {
      problems.push({
        field: "quotes",
        code: "small_cell",
        message: "Fewer than 10 responses in this group: its answers cannot be quoted",
      });
    } else if (choice.refusal === "no_consent") {
      problems.push({
        field: "quotes",
        code: "no_consent",
        message: "A chosen answer cannot be quoted: the family did not agree to quotes",
      });
    }
  }
  // One message per kind is enough for the error summary.
  return problems.filter((p, i) => problems.findIndex((q) => q.code === p.code) === i);
}
