import { type Expression, sql, type SqlBool } from "kysely";
import type { DB } from "~/db.server";
import { languageName } from "~/domain/survey-builder-form";
import type { ModerationState } from "./moderation-actor.server";
import { publishedDefinitions, questionTitle } from "./moderation-definitions.server";

/**
 * What a volunteer can narrow the queue to. Every condition is plain SQL over the queue's own
 * aliases (m = moderation_items, a = answers, r = responses) with its values as parameters, so
 * one list of conditions serves the page, its total and the counts by state.
 */
export interface QueueFilter {
  surveyId?: string;
  questionCode?: string;
  language?: string;
  theme?: string;
  /** Only items with no theme at all. */
  untagged?: boolean;
  state?: ModerationState | "all";
  /** Only items with an open safeguarding flag. */
  flagged?: boolean;
  /** Only items whose text still has an open suggested redaction (worked out in code, not SQL). */
  suggestions?: boolean;
  /** Words to find in the text a moderator may see (the redacted copy when there is one). */
  search?: string;
  sort?: "oldest" | "newest";
  page?: number;
}

/** `%`, `_` and the escape character itself match only themselves in a LIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The SQL conditions of a filter; state and the safeguarding flag only when `withState`. */
export function filterConditions(forumId: string, filter: QueueFilter, withState: boolean): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [];
  if (filter.surveyId) conditions.push(sql<SqlBool>`m.survey_id = ${filter.surveyId}`);
  if (filter.questionCode) conditions.push(sql<SqlBool>`m.question_code = ${filter.questionCode}`);
  if (filter.language) conditions.push(sql<SqlBool>`r.language = ${filter.language}`);
  if (filter.theme) {
    conditions.push(
      sql<SqlBool>`exists (select 1 from moderation_item_themes mit inner join themes t on t.id = mit.theme_id
        where mit.item_id = m.id and t.code = ${filter.theme} and t.forum_id = ${forumId})`,
    );
  }
  if (filter.untagged) conditions.push(sql<SqlBool>`not exists (select 1 from moderation_item_themes mit where mit.item_id = m.id)`);
  const search = filter.search?.trim();
  if (search) {
    // lower() on both sides: SQLite's LIKE ignores case for ASCII only, PostgreSQL's not at all.
    const pattern = `%${escapeLike(search)}%`;
    conditions.push(sql<SqlBool>`lower(coalesce(m.redacted_text, a.text_value)) like lower(${pattern}) escape '\\'`);
  }
  if (withState) {
    const state = filter.state ?? "pending";
    if (state !== "all") conditions.push(sql<SqlBool>`m.state = ${state}`);
    if (filter.flagged) conditions.push(sql<SqlBool>`m.safeguarding = 1 and m.safeguarding_resolved_at is null`);
  }
  return conditions;
}

/** The queue's rows with their answer and response, for counting and listing. */
export function queueRows(db: DB, forumId: string) {
  return db
    .selectFrom("moderation_items as m")
    .innerJoin("answers as a", (join) =>
      join
        .onRef("a.response_id", "=", "m.response_id")
        .onRef("a.question_code", "=", "m.question_code")
        .onRef("a.forum_id", "=", "m.forum_id")
        .on("a.ordinal", "=", 0),
    )
    .innerJoin("responses as r", "r.id", "m.response_id")
    .where("m.forum_id", "=", forumId)
    .where("r.status", "=", "submitted");
}

interface FilterOption {
  value: string;
  label: string;
}

/** The questions that have answers in the queue, named by their title in the survey's current version. */
export async function queueQuestions(db: DB, forumId: string): Promise<FilterOption[]> {
  const rows = await db
    .selectFrom("moderation_items as m")
    .innerJoin("surveys as s", "s.id", "m.survey_id")
    .select(["m.question_code", "s.current_version_id"])
    .distinct()
    .where("m.forum_id", "=", forumId)
    .orderBy("m.question_code")
    .execute();
  const versionIds = [...new Set(rows.map((r) => r.current_version_id).filter((v): v is string => !!v))];
  const definitions = await publishedDefinitions(db, forumId, versionIds);
  const options = new Map<string, string>();
  for (const row of rows) {
    if (options.has(row.question_code)) continue;
    const definition = row.current_version_id ? definitions.get(row.current_version_id) : undefined;
    options.set(row.question_code, questionTitle(definition, row.question_code));
  }
  return [...options].map(([value, label]) => ({ value, label })).sort((x, y) => x.label.localeCompare(y.label));
}

/** The languages answers in the queue were written in. */
export async function queueLanguages(db: DB, forumId: string): Promise<FilterOption[]> {
  const rows = await db
    .selectFrom("moderation_items as m")
    .innerJoin("responses as r", "r.id", "m.response_id")
    .select("r.language")
    .distinct()
    .where("m.forum_id", "=", forumId)
    .execute();
  return rows.map((r) => ({ value: r.language, label: languageName(r.language) })).sort((x, y) => x.label.localeCompare(y.label));
}
