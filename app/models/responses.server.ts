import { withdrawKeptQuotes } from "./yswd/kept-quotes.server";
import { groupedTransaction, transaction, type DB } from "~/db.server";
import { eraseDeletedFromDisk } from "./erasure.server";
import type { NewAnswer } from "../../db/schema";
import { hashCode, hashToken, newCode, newId } from "~/codes.server";
import { checkSubmission, type SubmissionProblem } from "~/domain/answers";
import { londonDate } from "~/domain/periods";
import { routedAnswers, type Answers, type AnswerValue } from "~/domain/routing";
import type { SurveyDefinition } from "~/domain/survey";
import type { AssistedMode, ResponseMode } from "~/domain/response-modes";
import { recordAudit } from "./audit.server";
import { markKpisStale } from "./kpi-stale.server";
import { spendSurveyInvitation } from "./survey-invitations.server";

export const CONSENT_PURPOSES = ["participate", "special_category", "quotes", "follow_up"] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
/** Bump when the consent wording changes; each consent records the version it was given to. */
export const CONSENT_WORDING_VERSION = "2026-11-v1";
/**
 * The easy read start page asks for the same consents in other words (short sentences, pictures),
 * so what a respondent agreed to is recorded as that wording, not the standard one.
 */
export const EASY_READ_CONSENT_WORDING_VERSION = "2026-12-easy-read-v1";

/**
 * The consent wording a respondent saw depends on who the survey is for: parents consent about
 * their child, young people about themselves, professionals about the children they work with.
 */
export type ConsentWording = "parent" | "young_person" | "professional";

export function consentWordingFor(audience: string): ConsentWording {
  if (audience === "young_person") return "young_person";
  if (audience === "senco" || audience === "professional") return "professional";
  return "parent";
}

/** The version recorded with each consent: the wording's date, and whose wording it was. */
export function consentWordingVersion(audience: string, easyRead = false): string {
  const wording = consentWordingFor(audience);
  const base = easyRead ? EASY_READ_CONSENT_WORDING_VERSION : CONSENT_WORDING_VERSION;
  return wording === "parent" ? base : `${base}-${wording.replace("_", "-")}`;
}

export interface StartInput {
  forumId: string;
  surveyId: string;
  versionId: string;
  respondentRole: string;
  language: string;
  idempotencyKey: string;
  consents: Record<ConsentPurpose, boolean>;
  /** The consents were given on the easy read start page (recorded in their wording version). */
  easyRead?: boolean;
  contact?: { name: string; contact: string } | null;
  /** Invitation-only surveys: the hash of the single-use link, kept with the response until it is sent. */
  invitationHash?: string | null;
  /** Entered for someone by a member of staff (from their assisted entry, never a form); web otherwise. */
  mode?: ResponseMode;
}

class InvitationSpent extends Error {}

export class ResponseAlreadySubmitted extends Error {
  constructor() {
    super("This response has already been submitted");
  }
}

/**
 * Starts a response with its consents. Idempotent on the key the start form carries: a double
 * tap or a retried POST finds the response the first one made and records nothing twice.
 */
export async function startResponse(db: DB, input: StartInput): Promise<{ responseId: string; created: boolean }> {
  return groupedTransaction(db, async (trx) => {
    const now = new Date().toISOString();
    const id = newId();
    const inserted = await trx
      .insertInto("responses")
      .values({
        id,
        forum_id: input.forumId,
        survey_id: input.surveyId,
        survey_version_id: input.versionId,
        status: "in_progress",
        language: input.language,
        respondent_role: input.respondentRole,
        source: "web",
        mode: input.mode ?? "web",
        idempotency_key: input.idempotencyKey,
        resume_hash: null,
        receipt_hash: null,
        invitation_hash: input.invitationHash ?? null,
        started_at: now,
        updated_at: now,
        submitted_at: null,
        submitted_on: null,
      })
      .onConflict((oc) => oc.column("idempotency_key").doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
      const existing = await trx
        .selectFrom("responses")
        .select(["id"])
        .where("idempotency_key", "=", input.idempotencyKey)
        .where("survey_id", "=", input.surveyId)
        .executeTakeFirst();
      if (!existing) throw new Error("Idempotency key belongs to another survey");
      return { responseId: existing.id, created: false };
    }
    await trx
      .insertInto("consents")
      .values(
        CONSENT_PURPOSES.map((purpose) => ({
          response_id: id,
          forum_id: input.forumId,
          purpose,
          granted: input.consents[purpose] ? 1 : 0,
          wording_version: consentWordingVersion(input.respondentRole, input.easyRead === true),
          language: input.language,
          recorded_at: now,
        })),
      )
      .execute();
    if (input.contact) {
      await trx
        .insertInto("follow_up_contacts")
        .values({ id: newId(), forum_id: input.forumId, response_id: id, ...input.contact, created_at: now })
        .execute();
    }
    return { responseId: id, created: true };
  });
}

export interface RespondentResponse {
  id: string;
  forumId: string;
  surveyId: string;
  versionId: string;
  status: "in_progress" | "submitted";
  language: string;
  receiptHash: string | null;
  submittedAt: string | null;
}

/** A response as its own respondent may see it, only within the survey it belongs to. */
export async function findRespondentResponse(db: DB, responseId: string, surveyId: string): Promise<RespondentResponse | undefined> {
  const row = await db
    .selectFrom("responses")
    .select(["id", "forum_id", "survey_id", "survey_version_id", "status", "language", "receipt_hash", "submitted_at"])
    .where("id", "=", responseId)
    .where("survey_id", "=", surveyId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    forumId: row.forum_id,
    surveyId: row.survey_id,
    versionId: row.survey_version_id,
    status: row.status,
    language: row.language,
    receiptHash: row.receipt_hash,
    submittedAt: row.submitted_at,
  };
}

export async function loadAnswers(db: DB, responseId: string): Promise<Answers> {
  const rows = await db
    .selectFrom("answers")
    .select(["question_code", "ordinal", "option_code", "text_value", "number_value"])
    .where("response_id", "=", responseId)
    .orderBy("question_code")
    .orderBy("ordinal")
    .execute();
  const answers: Answers = {};
  for (const row of rows) {
    if (row.option_code !== null) {
      const existing = answers[row.question_code];
      if (existing?.kind === "options") existing.codes.push(row.option_code);
      else answers[row.question_code] = { kind: "options", codes: [row.option_code] };
    } else if (row.text_value !== null) {
      answers[row.question_code] = { kind: "text", text: row.text_value };
    } else if (row.number_value !== null) {
      answers[row.question_code] = { kind: "number", value: Number(row.number_value) };
    }
  }
  return answers;
}

export function answerRows(forumId: string, responseId: string, questionCode: string, value: AnswerValue): NewAnswer[] {
  const base = { response_id: responseId, forum_id: forumId, question_code: questionCode };
  switch (value.kind) {
    case "options":
      return value.codes.map((code, ordinal) => ({
        ...base,
        ordinal,
        option_code: code,
        text_value: null,
        number_value: null,
      }));
    case "text":
      return [{ ...base, ordinal: 0, option_code: null, text_value: value.text, number_value: null }];
    case "number":
      return [{ ...base, ordinal: 0, option_code: null, text_value: null, number_value: value.value }];
  }
}

/**
 * Stores one page's answer (or its absence) on an in-progress response, replacing what was
 * there. Refuses a submitted response: replaying a question form cannot change it.
 */
export async function saveAnswer(
  db: DB,
  response: { id: string; forumId: string },
  questionCode: string,
  value: AnswerValue | null,
  language: string,
): Promise<void> {
  await groupedTransaction(db, async (trx) => {
    const touched = await trx
      .updateTable("responses")
      .set({ updated_at: new Date().toISOString(), language })
      .where("id", "=", response.id)
      .where("status", "=", "in_progress")
      .executeTakeFirst();
    if (Number(touched.numUpdatedRows) === 0) throw new ResponseAlreadySubmitted();
    await trx.deleteFrom("answers").where("response_id", "=", response.id).where("question_code", "=", questionCode).execute();
    if (value)
      await trx
        .insertInto("answers")
        .values(answerRows(response.forumId, response.id, questionCode, value))
        .execute();
  });
}

export type SubmitResult =
  | { status: "submitted"; receiptCode: string }
  | { status: "already_submitted" }
  | { status: "invitation_spent" }
  | { status: "invalid"; problems: SubmissionProblem[] };

export interface SubmitOptions {
  now?: Date;
  /**
   * For invitation-only surveys: the single-use link, spent in this same transaction. The one
   * the response started with is used; `token` (this browser's link) only for a response that
   * started before responses kept theirs.
   */
  invitation?: { token: string | null } | null;
  /**
   * The receipt code to give, derived from a key only the sending device holds, so that a
   * repeated Send from that device can show the same code again. Without one, a random code.
   */
  receiptCode?: string;
  /**
   * Sent by a member of staff entering it for someone: the response stores their mode and the
   * audit log their account, the survey and the mode (never an answer). Without it, `web`.
   */
  assisted?: { mode: AssistedMode; actor: string } | null;
}

/**
 * Submits a response: prunes answers that routing no longer asks for, checks the rest, and
 * marks it submitted with a receipt code, all in one transaction. Submitting twice (a double
 * tap, a retried POST) finds it already submitted and changes nothing.
 */
export async function submitResponse(
  db: DB,
  response: { id: string; forumId: string },
  definition: SurveyDefinition,
  language: string,
  options: SubmitOptions = {},
): Promise<SubmitResult> {
  const now = options.now ?? new Date();
  const invitation = options.invitation;
  return groupedTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom("responses")
      .select(["status", "forum_id", "survey_id", "invitation_hash"])
      .where("id", "=", response.id)
      .executeTakeFirst();
    if (!current || current.status !== "in_progress") return { status: "already_submitted" } as const;

    const answers = await loadAnswers(trx, response.id);
    const kept = routedAnswers(definition, answers);
    const problems = checkSubmission(definition, kept);
    if (problems.length > 0) return { status: "invalid", problems } as const;

    const dropped = Object.keys(answers).filter((code) => !(code in kept));
    if (dropped.length > 0) {
      await trx.deleteFrom("answers").where("response_id", "=", response.id).where("question_code", "in", dropped).execute();
    }
    const receiptCode = options.receiptCode ?? newCode(12);
    const updated = await trx
      .updateTable("responses")
      .set({
        status: "submitted",
        language,
        mode: options.assisted?.mode ?? "web",
        receipt_hash: hashCode(receiptCode),
        resume_hash: null,
        invitation_hash: null,
        idempotency_key: null,
        submitted_at: now.toISOString(),
        submitted_on: londonDate(now),
        updated_at: now.toISOString(),
      })
      .where("id", "=", response.id)
      .where("status", "=", "in_progress")
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new ResponseAlreadySubmitted();
    const invitationHash = current.invitation_hash ?? (invitation?.token ? hashToken(invitation.token) : null);
    if (invitation && !(invitationHash && (await spendSurveyInvitation(trx, invitationHash, current.survey_id)))) {
      // Throwing rolls the whole submission back: the response stays in progress, unchanged.
      throw new InvitationSpent();
    }
    await markKpisStale(trx, current.survey_id, [londonDate(now)]);
    if (options.assisted) {
      await recordAudit(trx, {
        forumId: current.forum_id,
        actor: options.assisted.actor,
        action: "response.entered_for_someone",
        subject: current.survey_id,
        detail: { mode: options.assisted.mode },
      });
    }
    return { status: "submitted", receiptCode } as const;
  }).catch((error) => {
    if (error instanceof ResponseAlreadySubmitted) return { status: "already_submitted" } as const;
    if (error instanceof InvitationSpent) return { status: "invitation_spent" } as const;
    throw error;
  });
}

/** A response that arrives complete: submitted, with its answers and consents. */
export interface CompleteResponse {
  forumId: string;
  surveyId: string;
  versionId: string;
  respondentRole: string;
  language: string;
  source: string;
  /** web unless given. */
  mode?: ResponseMode;
  submittedAt: Date;
  answers: Answers;
  consents: Record<ConsentPurpose, boolean>;
  /** The language the consents were given in. */
  consentLanguage: string;
}

/**
 * Records a complete response (the demo's sample responses) with its answers and consents; its
 * receipt code is thrown away. Run it inside the caller's transaction, which also marks the KPI
 * months stale.
 */
export async function recordSubmittedResponse(db: DB, input: CompleteResponse): Promise<string> {
  const id = newId();
  const at = input.submittedAt.toISOString();
  await db
    .insertInto("responses")
    .values({
      id,
      forum_id: input.forumId,
      survey_id: input.surveyId,
      survey_version_id: input.versionId,
      status: "submitted",
      language: input.language,
      respondent_role: input.respondentRole,
      source: input.source,
      mode: input.mode ?? "web",
      idempotency_key: null,
      resume_hash: null,
      receipt_hash: hashCode(newCode(12)),
      started_at: at,
      updated_at: at,
      submitted_at: at,
      submitted_on: londonDate(input.submittedAt),
    })
    .execute();
  const rows = Object.entries(input.answers).flatMap(([code, value]) => answerRows(input.forumId, id, code, value));
  if (rows.length > 0) await db.insertInto("answers").values(rows).execute();
  await db
    .insertInto("consents")
    .values(
      CONSENT_PURPOSES.map((purpose) => ({
        response_id: id,
        forum_id: input.forumId,
        purpose,
        granted: input.consents[purpose] ? 1 : 0,
        wording_version: consentWordingVersion(input.respondentRole),
        language: input.consentLanguage,
        recorded_at: at,
      })),
    )
    .execute();
  return id;
}

/** A fresh resume code for an in-progress response; any earlier code stops working. */
export async function issueResumeCode(db: DB, responseId: string): Promise<string | null> {
  const code = newCode(10);
  const updated = await db
    .updateTable("responses")
    .set({ resume_hash: hashCode(code) })
    .where("id", "=", responseId)
    .where("status", "=", "in_progress")
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1 ? code : null;
}

/**
 * Uses a resume code: the response it names, if still in progress, and the code stops working.
 * Whoever is sent a parent's resume link can therefore not go on reading their answers; saving
 * again gives the parent a fresh code. Two devices racing with one code: only one gets it.
 */
export async function claimResumeCode(
  db: DB,
  code: string,
): Promise<{ responseId: string; publicId: string; language: string } | undefined> {
  const hash = hashCode(code);
  const row = await db
    .selectFrom("responses")
    .innerJoin("surveys", "surveys.id", "responses.survey_id")
    .select(["responses.id", "surveys.public_id", "responses.language"])
    .where("responses.resume_hash", "=", hash)
    .where("responses.status", "=", "in_progress")
    .executeTakeFirst();
  if (!row) return undefined;
  const spent = await db
    .updateTable("responses")
    .set({ resume_hash: null })
    .where("id", "=", row.id)
    .where("resume_hash", "=", hash)
    .where("status", "=", "in_progress")
    .executeTakeFirst();
  return Number(spent.numUpdatedRows) === 1 ? { responseId: row.id, publicId: row.public_id, language: row.language } : undefined;
}

export interface ReceiptView {
  responseId: string;
  forumId: string;
  surveyVersionId: string;
  submittedAt: string;
}

export async function findByReceipt(db: DB, code: string): Promise<ReceiptView | undefined> {
  const row = await db
    .selectFrom("responses")
    .select(["id", "forum_id", "survey_version_id", "submitted_at"])
    .where("receipt_hash", "=", hashCode(code))
    .where("status", "=", "submitted")
    .executeTakeFirst();
  if (!row || !row.submitted_at) return undefined;
  return { responseId: row.id, forumId: row.forum_id, surveyVersionId: row.survey_version_id, submittedAt: row.submitted_at };
}

/**
 * Withdraws a submitted response: the response, its answers, consents and any contact details
 * are deleted, not hidden. The audit log records that a withdrawal happened, not what it held.
 */
export async function withdrawResponse(db: DB, code: string): Promise<boolean> {
  const withdrawn = await transaction(db, async (trx) => {
    const row = await trx
      .selectFrom("responses")
      .select(["id", "forum_id", "survey_id", "submitted_on"])
      .where("receipt_hash", "=", hashCode(code))
      .where("status", "=", "submitted")
      .executeTakeFirst();
    // A quote kept in a "you said, we did" item after retention deleted the response goes too.
    const keptIn = await withdrawKeptQuotes(trx, hashCode(code));
    for (const forumId of keptIn) {
      await recordAudit(trx, { forumId, actor: "respondent", action: "yswd.kept_quote_withdrawn" });
    }
    if (!row) return keptIn.length > 0;
    // Explicit deletes, not only ON DELETE CASCADE: SQLite enforces cascades only when the
    // connection turned foreign keys on, and a deletion must not depend on that.
    const moderated = trx.selectFrom("moderation_items").select("id").where("response_id", "=", row.id);
    await trx.deleteFrom("moderation_item_themes").where("item_id", "in", moderated).execute();
    await trx.deleteFrom("moderation_items").where("response_id", "=", row.id).execute();
    await trx.deleteFrom("answers").where("response_id", "=", row.id).execute();
    await trx.deleteFrom("consents").where("response_id", "=", row.id).execute();
    await trx.deleteFrom("follow_up_contacts").where("response_id", "=", row.id).execute();
    await trx.deleteFrom("responses").where("id", "=", row.id).execute();
    if (row.submitted_on) await markKpisStale(trx, row.survey_id, [row.submitted_on]);
    await recordAudit(trx, {
      forumId: row.forum_id,
      actor: "respondent",
      action: "response.withdrawn",
      subject: row.survey_id,
    });
    return true;
  });
  // Before the parent is told it is gone, the text leaves the file's bytes too.
  if (withdrawn) await eraseDeletedFromDisk(db);
  return withdrawn;
}
