import type { DB } from "~/db.server";
import type { NewAnswer } from "../../db/schema";
import { randomBytes } from "node:crypto";
import type { ImportProblem, ImportedResponse } from "~/domain/import";
import { readImportInSteps } from "~/domain/import/in-steps";
import type { SurveyDefinition } from "~/domain/survey";
import {
  abandonImport,
  commitImport,
  keepImportJobAlive,
  openImportJob,
  publishStagedResponses,
  reclaimStoppedImports,
  recordImportProgress,
  saveImportJob,
  pacedPause,
  type ImportJobRef,
} from "./import-staging.server";
import { leaveOutImportedRows, type RefResponse } from "./import-refs.server";
import { answerRows, CONSENT_PURPOSES } from "./responses.server";
import { recordAudit } from "./audit.server";
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

/** Responses stored per transaction: about a hundredth of a second of the database's time. */
const RESPONSE_BATCH = 50;
/** Progress is reported every this many responses, which is often enough for a progress bar. */
const PROGRESS_EVERY = 200;
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
  /** The job's row in import_jobs (startImportJob makes it); without one the import records its own. */
  jobId?: string;
  /** Called as rows are stored: (0, total) first, then after each batch, last (total, total). */
  onProgress?: (done: number, total: number) => void;
  /** Called once every row is stored and the import has committed, as publishing begins. */
  onPublishing?: () => void;
  /** Awaited between steps (checking, storing, publishing); by default pacedPause, which lets waiting requests run. */
  pause?: () => Promise<void>;
}

export type ImportOutcome =
  | { ok: true; imported: number; skipped: number; surveySlug: string; versionNo: number }
  | { ok: false; problems: ImportProblem[]; problemCount: number };

/**
 * Imports a CSV of responses into the survey's current published version. All or nothing: every
 * row is checked first (in short steps, so the server goes on answering others meanwhile) and,
 * if any has a problem, nothing is stored. Otherwise the responses, their answers and consents
 * are stored a batch at a time, staged where no one sees them (import-staging.server.ts); then
 * the import commits, with one audit entry (the count, never an answer), and publishes them,
 * marking their KPI months stale. A failure before the commit removes exactly what was staged.
 *
 * Takes the database itself, not a transaction: the import's transactions are its own.
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
  const pause = input.pause ?? pacedPause();
  const read = await readImportInSteps(definition, input.csvText, { audience: survey.audience, now, keptFrom }, { pause });
  if (!read.ok) return read;
  // Rows already in the survey (this file, or an export of it, imported before) are left out.
  const { fresh: responses, skipped } = await leaveOutImportedRows(db, input.forumId, survey.id, read.responses);
  const actor = input.actor ?? "system";
  if (responses.length === 0) {
    input.onProgress?.(0, 0);
    await recordAudit(db, {
      forumId: input.forumId,
      actor,
      action: "responses.imported",
      subject: survey.id,
      detail: { count: 0, skipped, version: survey.version_no },
    });
    if (input.jobId === undefined) {
      const jobId = await openImportJob(db, { forumId: input.forumId, surveyId: survey.id, actor });
      await saveImportJob(db, jobId, { status: "imported", done: 0, total: 0, imported: 0, skipped });
    }
    return { ok: true, imported: 0, skipped, surveySlug: survey.slug, versionNo: survey.version_no };
  }

  // What earlier imports left behind (a server stopped part way) is put right before this one.
  await reclaimStoppedImports(db, Date.now(), pause);
  // Every import has a job row, the command line's too: it is how a stopped import is found.
  const ownJob = input.jobId === undefined;
  const job: ImportJobRef = {
    id: input.jobId ?? (await openImportJob(db, { forumId: input.forumId, surveyId: survey.id, actor })),
    forumId: input.forumId,
    surveyId: survey.id,
  };
  const total = responses.length;
  const startedAt = Date.now();
  const stopHeartbeat = keepImportJobAlive(db, job.id);
  try {
    try {
      input.onProgress?.(0, total);
      const importedAt = now.toISOString();
      for (let start = 0; start < total; start += RESPONSE_BATCH) {
        const done = Math.min(start + RESPONSE_BATCH, total);
        await stageBatch(db, job, survey.version_id, importIds(start, done - start, startedAt), responses.slice(start, done), importedAt, {
          done,
          total,
        });
        if (done % PROGRESS_EVERY === 0 || done === total) input.onProgress?.(done, total);
        await pause();
      }
      let [from, to] = [responses[0].submittedOn, responses[0].submittedOn];
      for (const r of responses) [from, to] = [r.submittedOn < from ? r.submittedOn : from, r.submittedOn > to ? r.submittedOn : to];
      await commitImport(db, job.id, total, {
        forumId: input.forumId,
        actor,
        action: "responses.imported",
        subject: survey.id,
        detail: { count: total, skipped, version: survey.version_no, from, to },
      });
    } catch (error) {
      // Not committed: nothing was ever visible, and what was staged goes. Should that fail as
      // well, the job is left for the next reclaim, which removes it.
      await abandonImport(db, job, pause).catch(() => undefined);
      throw error;
    }
    input.onPublishing?.();
    await pause();
    await publishStagedResponses(db, job, pause);
  } finally {
    stopHeartbeat();
  }
  if (ownJob) await saveImportJob(db, job.id, { status: "imported", done: total, total, imported: total, skipped });
  return { ok: true, imported: total, skipped, surveySlug: survey.slug, versionNo: survey.version_no };
}

/** One batch of staged responses with their consents and answers, and the job's progress: one transaction. */
async function stageBatch(
  db: DB,
  job: ImportJobRef,
  versionId: string,
  ids: string[],
  batch: RefResponse[],
  importedAt: string,
  progress: { done: number; total: number },
): Promise<void> {
  const rows = batch.map((response, i) => ({ id: ids[i], response }));
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("responses")
      .values(
        rows.map(({ id, response }) => ({
          id,
          forum_id: job.forumId,
          survey_id: job.surveyId,
          survey_version_id: versionId,
          // Staged: sent only when the import publishes it.
          status: "in_progress" as const,
          language: response.language,
          respondent_role: response.respondentRole,
          source: "import",
          mode: response.mode,
          idempotency_key: null,
          resume_hash: null,
          // No receipt: the respondent never saw one, so there is no code to withdraw with.
          receipt_hash: null,
          started_at: response.submittedAt,
          // The import time: retention's sweep of unfinished responses goes by it.
          updated_at: importedAt,
          submitted_at: response.submittedAt,
          submitted_on: response.submittedOn,
          import_job_id: job.id,
          response_ref: response.ref,
        })),
      )
      .execute();
    const consents = rows.flatMap(({ id, response }) =>
      CONSENT_PURPOSES.map((purpose) => ({
        response_id: id,
        forum_id: job.forumId,
        purpose,
        granted: IMPORT_CONSENTS[purpose] ? 1 : 0,
        wording_version: IMPORT_CONSENT_WORDING_VERSION,
        language: response.language,
        recorded_at: importedAt,
      })),
    );
    for (const chunk of chunks(consents, ROW_BATCH)) await trx.insertInto("consents").values(chunk).execute();
    const answers = rows.flatMap(({ id, response }) => answerRowsOf(job.forumId, id, response));
    for (const chunk of chunks(answers, ROW_BATCH)) await trx.insertInto("answers").values(chunk).execute();
    await recordImportProgress(trx, job.id, progress.done, progress.total);
  });
}

/**
 * Ids for an import's responses, in the order they are stored: UUIDs of version 7 (RFC 9562),
 * the import's start time in milliseconds followed by a counter and 62 random bits. A web
 * response's random id scatters its answers across the indexes; ids that follow one another put
 * an import's rows side by side, so each batch writes a few index pages rather than hundreds,
 * and counting a month reads them together. Still unguessable, and never shown to anyone: an
 * imported response has no cookie and no receipt.
 */
function importIds(first: number, count: number, startedAt: number): string[] {
  const random = randomBytes(8 * count);
  const ids: string[] = [];
  for (let i = first; i < first + count; i++) {
    // 4,096 ids to a millisecond (rand_a as a counter), then the next millisecond.
    const ms = (startedAt + Math.floor(i / 4096)).toString(16).padStart(12, "0");
    const counter = (i % 4096).toString(16).padStart(3, "0");
    const bits = random.subarray(8 * (i - first), 8 * (i - first + 1));
    bits[0] = (bits[0] & 0x3f) | 0x80;
    const tail = bits.toString("hex");
    ids.push(`${ms.slice(0, 8)}-${ms.slice(8)}-7${counter}-${tail.slice(0, 4)}-${tail.slice(4)}`);
  }
  return ids;
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
