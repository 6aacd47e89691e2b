/**
 * The forum's raw responses as a CSV, for its admins (the forum is the data controller; this file
 * never goes to the board or the council). One row per submitted response, numbered 1, 2, 3 … in
 * submission order: the row number is not the database id, so a file cannot be joined back to
 * receipts, consents or contact details. Contact details are never read here. Each row carries the
 * response's reference (an imported response's own, or a hash for one given here; never its id),
 * so the file imported again into the survey recognises the responses it already holds.
 *
 * Free text is the moderated text only (approved items, the redacted copy where redacted, via
 * moderatedTextsOf), unless the admin asks for the original text, which the route records in the
 * audit log. A text answer that was never approved is blank.
 */
import type { DB } from "~/db.server";
import { CSV_BOM, CSV_LINE_END, csvRow } from "~/domain/csv";
import type { SurveyDefinition } from "~/domain/survey";
import { exportedRefOf } from "./import-refs.server";
import { moderatedTextsOf } from "./moderation.server";

export const RAW_EXPORT_FIXED_COLUMNS = ["row_number", "submitted_at", "language", "respondent_role", "response_ref"] as const;

/** Responses per query: keeps each synchronous SQLite read short. */
const PAGE = 500;

export interface RawExportOptions {
  forumId: string;
  surveyId: string;
  /** The respondents' own words, unmoderated: only when an admin explicitly asks (audited). */
  includeOriginals: boolean;
}

interface ExportPlan {
  columns: string[];
  textCodes: Set<string>;
}

/** Question codes of every published version, the current version's order first. */
async function exportPlan(db: DB, forumId: string, surveyId: string): Promise<ExportPlan | undefined> {
  const survey = await db
    .selectFrom("surveys")
    .select(["id", "current_version_id"])
    .where("id", "=", surveyId)
    .where("forum_id", "=", forumId)
    .executeTakeFirst();
  if (!survey) return undefined;
  const versions = await db
    .selectFrom("survey_versions")
    .select(["id", "version_no", "definition"])
    .where("survey_id", "=", surveyId)
    .where("forum_id", "=", forumId)
    .where("published_at", "is not", null)
    .orderBy("version_no", "desc")
    .execute();
  const ordered = [
    ...versions.filter((v) => v.id === survey.current_version_id),
    ...versions.filter((v) => v.id !== survey.current_version_id),
  ];
  const columns: string[] = [];
  const textCodes = new Set<string>();
  for (const version of ordered) {
    const definition = JSON.parse(version.definition) as SurveyDefinition;
    for (const q of definition.questions) {
      if (!columns.includes(q.code)) columns.push(q.code);
      if (q.type === "text_short" || q.type === "text_long") textCodes.add(q.code);
    }
  }
  return { columns, textCodes };
}

/** How many responses the export will hold (for the audit entry). */
export async function countSubmittedResponses(db: DB, forumId: string, surveyId: string): Promise<number> {
  const row = await db
    .selectFrom("responses")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("forum_id", "=", forumId)
    .where("survey_id", "=", surveyId)
    .where("status", "=", "submitted")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The export as CSV text in chunks (BOM and header first, then one chunk per page of responses).
 * Undefined when the survey is not this forum's.
 */
export async function rawResponsesCsv(db: DB, options: RawExportOptions): Promise<AsyncGenerator<string> | undefined> {
  const plan = await exportPlan(db, options.forumId, options.surveyId);
  if (!plan) return undefined;
  return rawRows(db, options, plan);
}

async function* rawRows(db: DB, options: RawExportOptions, plan: ExportPlan): AsyncGenerator<string> {
  yield CSV_BOM + csvRow([...RAW_EXPORT_FIXED_COLUMNS, ...plan.columns]) + CSV_LINE_END;
  let rowNumber = 0;
  let after: { at: string; id: string } | undefined;
  for (;;) {
    let query = db
      .selectFrom("responses")
      .select(["id", "submitted_at", "language", "respondent_role", "response_ref"])
      .where("forum_id", "=", options.forumId)
      .where("survey_id", "=", options.surveyId)
      .where("status", "=", "submitted")
      .where("submitted_at", "is not", null)
      .orderBy("submitted_at")
      .orderBy("id")
      .limit(PAGE);
    if (after) {
      const { at, id } = after;
      query = query.where((eb) => eb.or([eb("submitted_at", ">", at), eb.and([eb("submitted_at", "=", at), eb("id", ">", id)])]));
    }
    const responses = await query.execute();
    if (responses.length === 0) return;
    const ids = responses.map((r) => r.id);
    const answers = await db
      .selectFrom("answers")
      .select(["response_id", "question_code", "ordinal", "option_code", "number_value", "text_value"])
      .where("forum_id", "=", options.forumId)
      .where("response_id", "in", ids)
      .orderBy("response_id")
      .orderBy("question_code")
      .orderBy("ordinal")
      .execute();
    const byResponse = new Map<string, Map<string, string | number>>();
    const put = (responseId: string, code: string, value: string | number) => {
      let row = byResponse.get(responseId);
      if (!row) byResponse.set(responseId, (row = new Map()));
      const existing = row.get(code);
      // Multiple choice: codes in the order they were stored, joined with ";".
      row.set(code, existing === undefined ? value : `${existing};${value}`);
    };
    for (const a of answers) {
      if (a.option_code !== null) put(a.response_id, a.question_code, a.option_code);
      else if (a.number_value !== null) put(a.response_id, a.question_code, Number(a.number_value));
      else if (a.text_value !== null && options.includeOriginals && plan.textCodes.has(a.question_code)) {
        put(a.response_id, a.question_code, a.text_value);
      }
    }
    if (!options.includeOriginals) {
      for (const t of await moderatedTextsOf(db, options.forumId, ids)) put(t.responseId, t.questionCode, t.text);
    }
    let text = "";
    for (const r of responses) {
      rowNumber += 1;
      const values = byResponse.get(r.id);
      text +=
        csvRow([
          rowNumber,
          r.submitted_at,
          r.language,
          r.respondent_role,
          r.response_ref ?? exportedRefOf(options.surveyId, r.id),
          ...plan.columns.map((code) => values?.get(code) ?? null),
        ]) + CSV_LINE_END;
    }
    yield text;
    const last = responses[responses.length - 1];
    after = { at: last.submitted_at ?? "", id: last.id };
    if (responses.length < PAGE) return;
  }
}
