/** The surveys, KPIs and groups the register's forms offer as evidence. */
import type { DB } from "~/db.server";
import { UNKNOWN_SEGMENT_VALUE } from "~/domain/kpi-cells";
import type { SurveyDefinition } from "~/domain/survey";
import { RESPONSE_SEGMENTS } from "../kpi-survey.server";

// ---------------------------------------------------------------------------------------------
// Surveys, KPIs and groups the forms offer

export interface EvidenceSurvey {
  id: string;
  slug: string;
  publicId: string;
  definition: SurveyDefinition;
}

/** The forum's surveys with a published version (evidence comes only from those). */
export async function evidenceSurveys(db: DB, forumId: string): Promise<EvidenceSurvey[]> {
  const rows = await db
    .selectFrom("surveys")
    .innerJoin("survey_versions", "survey_versions.id", "surveys.current_version_id")
    .select(["surveys.id", "surveys.slug", "surveys.public_id", "survey_versions.definition"])
    .where("surveys.forum_id", "=", forumId)
    .where("survey_versions.published_at", "is not", null)
    .orderBy("surveys.created_at")
    .execute();
  return rows.map((r) => ({ id: r.id, slug: r.slug, publicId: r.public_id, definition: JSON.parse(r.definition) as SurveyDefinition }));
}

export interface SegmentChoice {
  type: string;
  value: string;
  /** English, for staff forms. */
  label: string;
}

/** The groups a survey's evidence may be narrowed to: each segment question's options, plus unknown. */
export function segmentChoices(definition: SurveyDefinition): SegmentChoice[] {
  const choices: SegmentChoice[] = [];
  for (const q of definition.questions) {
    if (q.role !== "segment" || (RESPONSE_SEGMENTS as readonly string[]).includes(q.code)) continue;
    for (const o of q.options ?? []) choices.push({ type: q.code, value: o.code, label: `${q.code}: ${o.label.en}` });
    choices.push({ type: q.code, value: UNKNOWN_SEGMENT_VALUE, label: `${q.code}: not answered` });
  }
  for (const language of definition.languages) choices.push({ type: "language", value: language, label: `language: ${language}` });
  return choices;
}
