/**
 * The survey a KPI request is about and what applies to it: the shared types and errors of the
 * KPI engine (kpi-summary.server.ts counts, kpi-dashboard.server.ts builds the cells), and
 * finding a survey by public id or slug for the command-line tools.
 */
import type { DB } from "~/db.server";
import { ALL_SEGMENT, type KpiCell } from "~/domain/kpi-cells";
import { EHCP_QUALITY_INDEX_MINIMUM } from "~/domain/kpi-definitions";
import type { SurveyDefinition } from "~/domain/survey";
import { listKpis, listKpisOfForums, type RegisteredKpi } from "./kpi-register.server";

/** A published cell, plus the version of the KPI definition it was computed under (not a CSV column). */
export type KpiResultCell = KpiCell & { kpi_version: number };

/** Segments that come from the response itself rather than from a segment question. */
export const RESPONSE_SEGMENTS = ["language", "respondent_role", "mode"] as const;

/** Derived question code under which an index KPI's per-respondent classes are counted. */
export function indexQuestionCode(kpiId: string): string {
  return `__index:${kpiId}`;
}

export type KpiRequestProblem = "survey_not_found" | "unknown_segment" | "bad_period";

/** A request the engine cannot answer (unknown survey, segment or period): the caller's mistake. */
export class KpiRequestError extends Error {
  constructor(
    readonly problem: KpiRequestProblem,
    message: string,
  ) {
    super(message);
    this.name = "KpiRequestError";
  }
}

// ------------------------------------------------------------------------------------------------
// The survey and what applies to it

export interface KpiSurvey {
  id: string;
  forumId: string;
  slug: string;
  definition: SurveyDefinition;
}

export interface SummaryContext {
  survey: KpiSurvey;
  /** Register KPIs (current versions) whose questions the survey's current definition has. */
  kpis: RegisteredKpi[];
  /** Segment questions answered in the survey (not language, respondent_role or mode). */
  segmentQuestions: string[];
  /** Every segment code a breakdown may use, in display order. */
  segments: string[];
  indexes: RegisteredKpi[];
  /** What the summary is built on; a month summarised on another basis is recounted. */
  basis: string;
}

// A published version never changes, so its parsed definition can be kept.
const definitionCache = new Map<string, SurveyDefinition>();

async function loadSurvey(db: DB, forumId: string, surveyId: string): Promise<KpiSurvey> {
  const row = await db
    .selectFrom("surveys")
    .innerJoin("survey_versions", "survey_versions.id", "surveys.current_version_id")
    .select(["surveys.id", "surveys.forum_id", "surveys.slug", "survey_versions.id as version_id", "survey_versions.definition"])
    .where("surveys.id", "=", surveyId)
    .where("surveys.forum_id", "=", forumId)
    .executeTakeFirst();
  if (!row) throw new KpiRequestError("survey_not_found", "There is no published survey with that id in this forum.");
  return { id: row.id, forumId: row.forum_id, slug: row.slug, definition: parsedDefinition(row.version_id, row.definition) };
}

function parsedDefinition(versionId: string, text: string): SurveyDefinition {
  let definition = definitionCache.get(versionId);
  if (!definition) {
    definition = JSON.parse(text) as SurveyDefinition;
    definitionCache.set(versionId, definition);
  }
  return definition;
}

/** The survey's segment questions, minus codes the response itself supplies. */
function segmentQuestionCodes(definition: SurveyDefinition): string[] {
  const reserved = new Set<string>([ALL_SEGMENT, ...RESPONSE_SEGMENTS]);
  return definition.questions.filter((q) => q.role === "segment" && !reserved.has(q.code)).map((q) => q.code);
}

/** The segment codes a breakdown of this survey may use: its segment questions, language, respondent_role, mode. */
export function surveySegments(definition: SurveyDefinition): string[] {
  return [...segmentQuestionCodes(definition), ...RESPONSE_SEGMENTS];
}

/**
 * KPIs apply to a survey whose current definition has every question they score. Segment
 * questions are breakdowns, not KPIs: the summary does not count them as answers.
 */
export function kpiApplies(kpi: RegisteredKpi, definition: SurveyDefinition): boolean {
  const codes = new Set(definition.questions.filter((q) => q.role !== "segment").map((q) => q.code));
  if (kpi.kind === "ehcp_quality_index") return (kpi.questions ?? []).length > 0 && (kpi.questions ?? []).every((q) => codes.has(q));
  return codes.has(kpi.question);
}

export async function summaryContext(db: DB, forumId: string, surveyId: string): Promise<SummaryContext> {
  const survey = await loadSurvey(db, forumId, surveyId);
  return contextOf(survey, await listKpis(db, forumId));
}

/**
 * summaryContext for many surveys (each of its own forum) in two queries: what the network needs
 * for every hosted forum at once. Surveys not found (or not published) are left out.
 */
export async function summaryContexts(db: DB, surveys: readonly { forumId: string; surveyId: string }[]): Promise<SummaryContext[]> {
  if (surveys.length === 0) return [];
  const rows = await db
    .selectFrom("surveys")
    .innerJoin("survey_versions", "survey_versions.id", "surveys.current_version_id")
    .select(["surveys.id", "surveys.forum_id", "surveys.slug", "survey_versions.id as version_id", "survey_versions.definition"])
    .where(
      "surveys.id",
      "in",
      surveys.map((s) => s.surveyId),
    )
    .execute();
  const found = new Map(rows.map((r) => [r.id, r]));
  const kpis = await listKpisOfForums(db, [...new Set(surveys.map((s) => s.forumId))]);
  const out: SummaryContext[] = [];
  for (const { forumId, surveyId } of surveys) {
    const row = found.get(surveyId);
    if (!row || row.forum_id !== forumId) continue;
    out.push(
      contextOf(
        { id: row.id, forumId: row.forum_id, slug: row.slug, definition: parsedDefinition(row.version_id, row.definition) },
        kpis.get(forumId) ?? [],
      ),
    );
  }
  return out;
}

function contextOf(survey: KpiSurvey, register: RegisteredKpi[]): SummaryContext {
  const kpis = register.filter((k) => kpiApplies(k, survey.definition));
  const segmentQuestions = segmentQuestionCodes(survey.definition);
  const indexes = kpis.filter((k) => k.kind === "ehcp_quality_index");
  const sorted = (codes: readonly string[] | undefined) => [...(codes ?? [])].sort();
  const basis = JSON.stringify({
    v: 1,
    segments: sorted(segmentQuestions),
    indexes: indexes
      .map((k) => ({
        id: k.id,
        questions: sorted(k.questions),
        positive: sorted(k.positive),
        excluded: sorted(k.excluded),
        minimum: EHCP_QUALITY_INDEX_MINIMUM,
      }))
      .sort((a, b) => (a.id < b.id ? -1 : 1)),
  });
  return { survey, kpis, segmentQuestions, segments: surveySegments(survey.definition), indexes, basis };
}

/** The KPIs that apply to a survey, current versions, in register order. */
export async function applicableKpis(db: DB, forumId: string, surveyId: string): Promise<RegisteredKpi[]> {
  return (await summaryContext(db, forumId, surveyId)).kpis;
}

/** The segment codes a breakdown of the survey may use. */
export async function kpiSegments(db: DB, forumId: string, surveyId: string): Promise<string[]> {
  return surveySegments((await loadSurvey(db, forumId, surveyId)).definition);
}

// ------------------------------------------------------------------------------------------------
// Finding a survey by public id or slug (command-line tools)

/**
 * The published survey a command line names: by public id, else by slug in the first forum
 * (oldest) that has a survey with that slug. `forums` says how many forums have that slug.
 */
export async function findKpiSurvey(
  db: DB,
  reference: string,
): Promise<{ forumId: string; surveyId: string; slug: string; forums: number } | undefined> {
  const rows = await db
    .selectFrom("surveys")
    .innerJoin("forums", "forums.id", "surveys.forum_id")
    .select(["surveys.id", "surveys.forum_id", "surveys.slug", "surveys.public_id"])
    .where((eb) => eb.or([eb("surveys.public_id", "=", reference), eb("surveys.slug", "=", reference)]))
    .where("surveys.current_version_id", "is not", null)
    .orderBy("forums.created_at")
    .orderBy("forums.id")
    .execute();
  const row = rows.find((r) => r.public_id === reference) ?? rows[0];
  if (!row) return undefined;
  return {
    forumId: row.forum_id,
    surveyId: row.id,
    slug: row.slug,
    forums: row.public_id === reference ? 1 : rows.filter((r) => r.slug === reference).length,
  };
}
