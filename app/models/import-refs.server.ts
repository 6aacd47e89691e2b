/**
 * Each imported response's identity (responses.response_ref, unique per survey), so a row already
 * imported is skipped and never counted twice, whatever wave the admin says the file is.
 *
 * A row's identity is the raw export's response_ref when the file has one; otherwise a hash of
 * the survey, the row's answers (as read, so spacing and capitals in option labels do not matter)
 * and the date the file gives it. Rows that are the same in every answer and date (two parents
 * answering alike on paper) are told apart by how many came before them in the file, so the file
 * imported again finds each of them, and a file with rows added imports exactly those.
 */
import { createHash } from "node:crypto";
import type { DB } from "~/db.server";
import type { ImportedResponse } from "~/domain/import";

export type RefResponse = ImportedResponse & { ref: string };

/** Refs queried per statement (well under either database's parameter limit). */
const LOOKUP_BATCH = 500;

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The reference the raw export gives a response stored without one (a web response): never its id. */
export function exportedRefOf(surveyId: string, responseId: string): string {
  return `r-${sha256(`${surveyId}\n${responseId}`).slice(0, 32)}`;
}

function rowContent(surveyId: string, response: ImportedResponse): string {
  const answers = Object.keys(response.answers)
    .sort()
    .map((code) => [code, response.answers[code]]);
  return JSON.stringify([surveyId, answers, response.datedInFile ? response.submittedAt : ""]);
}

/** Every row's identity; a row repeating a reference given earlier in the same file is left out. */
function withRefs(surveyId: string, responses: ImportedResponse[]): RefResponse[] {
  const seen = new Map<string, number>();
  const given = new Set<string>();
  const rows: RefResponse[] = [];
  for (const response of responses) {
    if (response.givenRef !== null) {
      if (!given.has(response.givenRef)) rows.push({ ...response, ref: response.givenRef });
      given.add(response.givenRef);
      continue;
    }
    const content = rowContent(surveyId, response);
    const occurrence = (seen.get(content) ?? 0) + 1;
    seen.set(content, occurrence);
    rows.push({ ...response, ref: `h-${sha256(`${content}\n${occurrence}`).slice(0, 40)}` });
  }
  return rows;
}

/** The rows not yet in the survey, and how many were skipped as already imported. */
export async function leaveOutImportedRows(
  db: DB,
  forumId: string,
  surveyId: string,
  responses: ImportedResponse[],
): Promise<{ fresh: RefResponse[]; skipped: number }> {
  const rows = withRefs(surveyId, responses);
  const known = new Set<string>();
  const refs = rows.map((r) => r.ref);
  for (let i = 0; i < refs.length; i += LOOKUP_BATCH) {
    const found = await db
      .selectFrom("responses")
      .select("response_ref")
      .where("survey_id", "=", surveyId)
      .where("forum_id", "=", forumId)
      .where("response_ref", "in", refs.slice(i, i + LOOKUP_BATCH))
      .execute();
    for (const f of found) if (f.response_ref !== null) known.add(f.response_ref);
  }
  // An export's references to responses stored without one (given on the web) are worked out afresh.
  if (rows.some((r) => r.givenRef !== null && r.ref.startsWith("r-") && !known.has(r.ref))) {
    const web = await db
      .selectFrom("responses")
      .select("id")
      .where("survey_id", "=", surveyId)
      .where("forum_id", "=", forumId)
      .where("response_ref", "is", null)
      .execute();
    for (const w of web) known.add(exportedRefOf(surveyId, w.id));
  }
  const fresh = rows.filter((r) => !known.has(r.ref));
  return { fresh, skipped: responses.length - fresh.length };
}
