import type { DB } from "~/db.server";
import type { NewAnswer } from "../../db/schema";
import { newId } from "~/codes.server";
import { readImport, type ImportProblem, type ImportedResponse } from "~/domain/import";
import type { SurveyDefinition } from "~/domain/survey";
import { recordAudit } from "./audit.server";
import { markKpisStale } from "./kpi-stale.server";
import { answerRows, CONSENT_PURPOSES } from "./responses.server";
import { retentionCutoffMonth } from "./retention.server";

/**
 * Consents of imported responses. The forum collected consent where it collected the answers (on
 * the paper form, or in the tool that ran the earlier wave); taking part is that consent, and the
 * survey asks about a child's special educational needs, so both are recorded as given. Quotes
 * and follow-up contact were not asked in a form this platform can vouch for, so they are recorded
 * as not given: imported free text is never quoted and nobody is contacted on its strength.
 * `import` as the wording version keeps these apart from consents given to our own wording.
 */
export const IMPORT_CONSENT_WORDING_VERSION = "import";
const IMPORT_CONSENTS: Record<(typeof CONSENT_PURPOSES)[number], boolean> = {
  participate: true,
  special_category: true,
  quotes: false,
  follow_up: false,
};

/** Responses per multi-row insert: well inside SQLite's and PostgreSQL's bound-parameter limits. */
const RESPONSE_BATCH = 200;
/** Answer or consent rows per insert (7 parameters each). */
const ROW_BATCH = 1000;

export interface ImportInput {
  forumId: string;
  surveyId: string;
  /** The file's text (see decodeImportFile for uploaded bytes). */
  csvText: string;
  /** Who imported it, for the audit log: a user id, or `system` for the command line. */
  actor?: string;
  /** The import time; rows without submitted_at are dated with it. */
  now?: Date;
  /** Called as rows are stored: (0, total) first, then after each batch, last (total, total). */
  onProgress?: (done: number, total: number) => void;
}

export type ImportOutcome =
  { ok: true; imported: number; surveySlug: string; versionNo: number } | { ok: false; problems: ImportProblem[]; problemCount: number };

/**
 * Imports a CSV of responses into the survey's current published version. All or nothing: every
 * row is checked first and, if any has a problem, nothing is stored; otherwise every response,
 * its answers and consents go in one transaction, with the KPI months marked stale and one audit
 * entry (the count, never an answer).
 *
 * Takes the database itself, not a transaction: the import opens its own.
 */
export async function importResponses(db: DB, input: ImportInput): Promise<ImportOutcome> {
  const now = input.now ?? new Date();
  const survey = await db
    .selectFrom("surveys")
    .innerJoin("survey_versions", "survey_versions.id", "surveys.current_version_id")
    .select([
      "surveys.id",
      "surveys.slug",
      "surveys.audience",
      "survey_versions.id as version_id",
      "survey_versions.version_no",
      "survey_versions.definition",
    ])
    .where("surveys.id", "=", input.surveyId)
    .where("surveys.forum_id", "=", input.forumId)
    .where("survey_versions.forum_id", "=", input.forumId)
    .where("survey_versions.published_at", "is not", null)
    .executeTakeFirst();
  if (!survey) {
    return {
      ok: false,
      problems: [
        { row: null, column: null, message: "This survey has no published version in this forum, so there is nothing to import into." },
      ],
      problemCount: 1,
    };
  }
  const definition = JSON.parse(survey.definition) as SurveyDefinition;
  const forum = await db.selectFrom("forums").select("retention_months").where("id", "=", input.forumId).executeTakeFirstOrThrow();
  const keptFrom = { month: retentionCutoffMonth(now, forum.retention_months), months: forum.retention_months };
  const read = readImport(definition, input.csvText, { audience: survey.audience, now, keptFrom });
  if (!read.ok) return read;

  const responses = read.responses;
  const total = responses.length;
  input.onProgress?.(0, total);
  await db.transaction().execute(async (trx) => {
    const importedAt = now.toISOString();
    for (let start = 0; start < total; start += RESPONSE_BATCH) {
      const batch = responses.slice(start, start + RESPONSE_BATCH).map((r) => ({ id: newId(), response: r }));
      await trx
        .insertInto("responses")
        .values(
          batch.map(({ id, response }) => ({
            id,
            forum_id: input.forumId,
            survey_id: survey.id,
            survey_version_id: survey.version_id,
            status: "submitted" as const,
            language: response.language,
            respondent_role: response.respondentRole,
            source: "import",
            idempotency_key: null,
            resume_hash: null,
            // No receipt: the respondent never saw one, so there is no code to withdraw with.
            receipt_hash: null,
            started_at: response.submittedAt,
            updated_at: importedAt,
            submitted_at: response.submittedAt,
            submitted_on: response.submittedOn,
          })),
        )
        .execute();
      const consents = batch.flatMap(({ id, response }) =>
        CONSENT_PURPOSES.map((purpose) => ({
          response_id: id,
          forum_id: input.forumId,
          purpose,
          granted: IMPORT_CONSENTS[purpose] ? 1 : 0,
          wording_version: IMPORT_CONSENT_WORDING_VERSION,
          language: response.language,
          recorded_at: importedAt,
        })),
      );
      for (const chunk of chunks(consents, ROW_BATCH)) await trx.insertInto("consents").values(chunk).execute();
      const answers = batch.flatMap(({ id, response }) => answerRowsOf(input.forumId, id, response));
      for (const chunk of chunks(answers, ROW_BATCH)) await trx.insertInto("answers").values(chunk).execute();
      input.onProgress?.(Math.min(start + RESPONSE_BATCH, total), total);
    }
    const dates = responses.map((r) => r.submittedOn).sort();
    await markKpisStale(trx, survey.id, dates);
    await recordAudit(trx, {
      forumId: input.forumId,
      actor: input.actor ?? "system",
      action: "responses.imported",
      subject: survey.id,
      detail: { count: total, version: survey.version_no, from: dates[0], to: dates[dates.length - 1] },
    });
  });
  return { ok: true, imported: total, surveySlug: survey.slug, versionNo: survey.version_no };
}

function answerRowsOf(forumId: string, responseId: string, response: ImportedResponse): NewAnswer[] {
  return Object.entries(response.answers).flatMap(([code, value]) => answerRows(forumId, responseId, code, value));
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface ImportTarget {
  forumId: string;
  forumName: string;
  surveyId: string;
  slug: string;
  /** How many other forums have a published survey with this slug (only for a slug lookup). */
  otherForums: number;
}

/**
 * The survey the command line names: its public id, or else its slug in the first forum (oldest)
 * that has one published. The only lookup across forums, for the operator's command line; the
 * admin page knows its forum and calls importResponses directly.
 */
export async function findImportTarget(db: DB, reference: string): Promise<ImportTarget | undefined> {
  const rows = await db
    .selectFrom("surveys")
    .innerJoin("forums", "forums.id", "surveys.forum_id")
    .select(["surveys.id", "surveys.slug", "surveys.public_id", "forums.id as forum_id", "forums.name as forum_name"])
    .where((eb) => eb.or([eb("surveys.public_id", "=", reference), eb("surveys.slug", "=", reference)]))
    .where("surveys.current_version_id", "is not", null)
    .orderBy("forums.created_at")
    .orderBy("forums.id")
    .execute();
  const byPublicId = rows.find((r) => r.public_id === reference);
  const chosen = byPublicId ?? rows[0];
  if (!chosen) return undefined;
  return {
    forumId: chosen.forum_id,
    forumName: chosen.forum_name,
    surveyId: chosen.id,
    slug: chosen.slug,
    otherForums: byPublicId ? 0 : rows.length - 1,
  };
}
