/**
 * The surveys the board pages, exports and API report on, and what they need to know about
 * them. Figures come only from the KPI engine (kpi-dashboard.server.ts); this module finds
 * surveys and their wording.
 */
import type { DB } from "~/db.server";
import { ALL_SEGMENT } from "~/domain/kpi-cells";
import { periodTypeOf, type PeriodType } from "~/domain/periods";
import type { DifferenceInterval } from "~/domain/statistics";
import type { SurveyDefinition } from "~/domain/survey";
import { kpiMetadata, type KpiMetadata } from "~/domain/xlsx-metadata";
import { listKpis } from "./kpi-register.server";
import { DEFAULT_PERIOD_TYPE, readBoardView } from "~/schemas/board";
import { computeKpiCells, kpiDashboard } from "./kpi-dashboard.server";
import { applicableKpis, kpiApplies, kpiSegments, type KpiResultCell } from "./kpi-survey.server";

export interface ForumSurvey {
  id: string;
  slug: string;
  publicId: string;
  title: string;
  audience: string;
  /** The current published version's definition. */
  definition: SurveyDefinition;
}

// A published version never changes, so its parsed definition can be kept.
const definitions = new Map<string, SurveyDefinition>();

/** The forum's surveys that have a published version, oldest first. */
export async function forumSurveys(db: DB, forumId: string): Promise<ForumSurvey[]> {
  const rows = await db
    .selectFrom("surveys")
    .innerJoin("survey_versions", "survey_versions.id", "surveys.current_version_id")
    .select([
      "surveys.id",
      "surveys.slug",
      "surveys.public_id",
      "surveys.audience",
      "survey_versions.id as version_id",
      "survey_versions.definition",
    ])
    .where("surveys.forum_id", "=", forumId)
    .where("survey_versions.forum_id", "=", forumId)
    .where("survey_versions.published_at", "is not", null)
    .orderBy("surveys.created_at")
    .orderBy("surveys.slug")
    .execute();
  return rows.map((row) => {
    let definition = definitions.get(row.version_id);
    if (!definition) {
      definition = JSON.parse(row.definition) as SurveyDefinition;
      definitions.set(row.version_id, definition);
    }
    return { id: row.id, slug: row.slug, publicId: row.public_id, title: definition.title.en, audience: row.audience, definition };
  });
}

/** Surveys with at least one KPI in the forum's register: what the board chooses from. */
export async function boardSurveys(db: DB, forumId: string): Promise<ForumSurvey[]> {
  const [surveys, kpis] = await Promise.all([forumSurveys(db, forumId), listKpis(db, forumId)]);
  return surveys.filter((s) => kpis.some((k) => kpiApplies(k, s.definition)));
}

/** A survey of this forum by its short name or its public id; undefined for any other forum's. */
export async function findForumSurvey(db: DB, forumId: string, reference: string): Promise<ForumSurvey | undefined> {
  return (await forumSurveys(db, forumId)).find((s) => s.slug === reference || s.publicId === reference);
}

/** Each KPI that applies to the survey, described in the survey's words (current versions). */
export async function surveyKpiMetadata(db: DB, forumId: string, survey: ForumSurvey): Promise<KpiMetadata[]> {
  const kpis = (await listKpis(db, forumId)).filter((k) => kpiApplies(k, survey.definition));
  return kpis.map((k) => kpiMetadata(k, survey.definition));
}

export interface BoardKpi {
  id: string;
  name: string;
  kind: "proportion" | "ehcp_quality_index";
  version: number;
  target: number | null;
  metadata: KpiMetadata;
  /** The `all` cell of the latest period (SDC-1 applied); null when the period has no cell. */
  latest: KpiResultCell | null;
  /** Change from the previous period (Newcombe); null when either period's figure is not published. */
  change: DifferenceInterval | null;
  /** The `all` cell of every period with responses, oldest first. */
  trend: KpiResultCell[];
  /** The latest period's breakdown cells for the chosen segment (SDC-1 applied). */
  breakdown: KpiResultCell[];
}

export interface BoardFigures {
  /** The period shown (chosen, or the latest with published figures); null when the survey has no responses. */
  period: string | null;
  previousPeriod: string | null;
  /** Every period with responses, oldest first. */
  periods: string[];
  /** Later periods that have responses but too few to publish any figure yet (only when no period was chosen). */
  tooFewLater: string[];
  /** A period asked for in which nobody answered this survey: set aside for the default one. */
  setAside: string | null;
  kpis: BoardKpi[];
}

/**
 * Everything the dashboard and the board pack show for one survey, period type and (at most one)
 * breakdown, from the KPI engine's own functions: kpiDashboard for the latest period, its
 * breakdown and the change; computeKpiCells for the trend. Nothing is computed here. `now` is
 * the caller's clock: without a chosen period, the view opens on the latest period with
 * published figures as of then. A chosen period nobody answered in (an old bookmark, a period
 * not begun) is set aside for that one, and named in `setAside`.
 */
export async function boardFigures(
  db: DB,
  input: { forumId: string; survey: ForumSurvey; periodType: PeriodType; period?: string; by?: string; now?: Date },
): Promise<BoardFigures> {
  const { forumId, survey, periodType, by, now } = input;
  const ask = (period: string | undefined) => kpiDashboard(db, { forumId, surveyId: survey.id, periodType, period, by, now });
  let dashboard = await ask(input.period);
  const setAside = input.period && !dashboard.periods.includes(input.period) ? input.period : null;
  if (setAside) dashboard = await ask(undefined);
  const trend = dashboard.period ? await computeKpiCells(db, { forumId, surveyId: survey.id, periodType }) : [];
  const kpis = await applicableKpis(db, forumId, survey.id);
  return {
    period: dashboard.period,
    previousPeriod: dashboard.previousPeriod,
    periods: dashboard.periods,
    tooFewLater: dashboard.tooFewLater,
    setAside,
    kpis: kpis.map((kpi) => ({
      id: kpi.id,
      name: kpi.name,
      kind: kpi.kind === "ehcp_quality_index" ? ("ehcp_quality_index" as const) : ("proportion" as const),
      version: kpi.version,
      target: kpi.target,
      metadata: kpiMetadata(kpi, survey.definition),
      latest: dashboard.cells.find((c) => c.kpi_id === kpi.id && c.segment_type === ALL_SEGMENT) ?? null,
      change: dashboard.changes.find((c) => c.kpi_id === kpi.id && c.segment_type === ALL_SEGMENT)?.change ?? null,
      trend: trend.filter((c) => c.kpi_id === kpi.id && c.segment_type === ALL_SEGMENT),
      breakdown: by ? dashboard.cells.filter((c) => c.kpi_id === kpi.id && c.segment_type === by) : [],
    })),
  };
}

export interface ResolvedBoardView {
  /** What the form shows (the typed values, kept on an error). */
  values: { survey: string; periodType: string; period: string; by: string };
  errors: Record<string, string>;
  surveys: ForumSurvey[];
  survey: ForumSurvey | null;
  segments: string[];
  periodType: PeriodType;
  /** Undefined: the latest period with published figures. */
  period: string | undefined;
  by: string | undefined;
}

/**
 * Reads the board's query string (survey, periodType, period, by) for the dashboard and the
 * pack: defaults to the first survey, stocktake periods and the latest period with published
 * figures; a survey of no survey in this forum or a breakdown the survey does not have is an
 * error for the form, never a figure. A period of another period type (left in the address when
 * the board changes the type) is set aside, and the latest period of the new type is shown.
 */
export async function resolveBoardView(db: DB, forumId: string, params: URLSearchParams): Promise<ResolvedBoardView> {
  const surveys = await boardSurveys(db, forumId);
  const values = {
    survey: (params.get("survey") ?? "").slice(0, 100),
    periodType: (params.get("periodType") ?? DEFAULT_PERIOD_TYPE).slice(0, 40),
    period: (params.get("period") ?? "").slice(0, 10),
    by: (params.get("by") ?? "").slice(0, 64),
  };
  const empty = { values, surveys, survey: null, segments: [], periodType: DEFAULT_PERIOD_TYPE, period: undefined, by: undefined };
  const parsed = readBoardView(params);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "survey")] ??= issue.message;
    return { ...empty, errors };
  }
  const { survey: reference, periodType, by } = parsed.data;
  const period = parsed.data.period && periodTypeOf(parsed.data.period) === periodType ? parsed.data.period : undefined;
  values.period = period ?? "";
  const survey = reference ? surveys.find((s) => s.slug === reference || s.publicId === reference) : surveys[0];
  if (!survey) {
    return surveys.length === 0 ? { ...empty, errors: {} } : { ...empty, errors: { survey: "Choose one of this forum's surveys." } };
  }
  values.survey = survey.slug;
  const segments = await kpiSegments(db, forumId, survey.id);
  if (by && !segments.includes(by)) {
    return { ...empty, survey, segments, periodType, errors: { by: "This survey has no such breakdown: choose one from the list." } };
  }
  return { values, errors: {}, surveys, survey, segments, periodType, period, by: by || undefined };
}
