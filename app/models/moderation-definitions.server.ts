import type { DB } from "~/db.server";
import { localise, type SurveyDefinition } from "~/domain/survey";

// ---------------------------------------------------------------------------------------------
// Survey definitions (published versions never change, so parsed ones are kept)

const definitionCache = new Map<string, SurveyDefinition>();

export async function publishedDefinitions(db: DB, forumId: string, versionIds?: string[]): Promise<Map<string, SurveyDefinition>> {
  const result = new Map<string, SurveyDefinition>();
  const missing = versionIds ? versionIds.filter((id) => !definitionCache.has(id)) : undefined;
  if (!missing || missing.length > 0) {
    let query = db
      .selectFrom("survey_versions")
      .select(["id", "definition"])
      .where("forum_id", "=", forumId)
      .where("published_at", "is not", null);
    if (missing) query = query.where("id", "in", missing);
    for (const row of await query.execute()) {
      const definition = definitionCache.get(row.id) ?? (JSON.parse(row.definition) as SurveyDefinition);
      definitionCache.set(row.id, definition);
      if (!versionIds) result.set(row.id, definition);
    }
  }
  for (const id of versionIds ?? []) {
    const definition = definitionCache.get(id);
    if (definition) result.set(id, definition);
  }
  return result;
}

export function freeTextCodes(definition: SurveyDefinition): string[] {
  return definition.questions.filter((q) => q.role === "free_text").map((q) => q.code);
}

export function questionTitle(definition: SurveyDefinition | undefined, code: string): string {
  const question = definition?.questions.find((q) => q.code === code);
  return question ? localise(question.title, "en") : code;
}

interface ModerationSurvey {
  id: string;
  title: string;
}

/** The forum's surveys that have a published version, for the queue's filter. */
export async function moderationSurveys(db: DB, forumId: string): Promise<ModerationSurvey[]> {
  const rows = await db
    .selectFrom("surveys")
    .innerJoin("survey_versions", "survey_versions.id", "surveys.current_version_id")
    .select(["surveys.id", "surveys.slug", "survey_versions.id as version_id"])
    .where("surveys.forum_id", "=", forumId)
    .where("survey_versions.published_at", "is not", null)
    .orderBy("surveys.created_at")
    .execute();
  const definitions = await publishedDefinitions(
    db,
    forumId,
    rows.map((r) => r.version_id),
  );
  return rows.map((r) => ({ id: r.id, title: definitions.get(r.version_id)?.title.en ?? r.slug }));
}
