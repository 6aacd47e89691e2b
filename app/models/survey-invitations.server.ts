import { randomBytes } from "node:crypto";
import { transaction, type DB } from "~/db.server";
import { hashToken, newId } from "~/codes.server";

/**
 * Single-use survey invitations. Tokens are handed out once (as links in a CSV) and stored only
 * as hashes; spending one happens in the transaction that stores the response, and the response
 * keeps no reference to it, so an answer cannot be traced back to the setting it was sent to.
 */
export const MAX_BATCH = 2000;

export async function createInvitationBatch(
  db: DB,
  input: { forumId: string; surveyId: string; label: string; size: number; createdBy: string },
  /** Runs in the batch's transaction with its links (the mailed batch queues its messages here). */
  alsoInTransaction?: (trx: DB, tokens: string[]) => Promise<void>,
): Promise<{ batchId: string; tokens: string[] }> {
  const batchId = newId();
  const tokens = Array.from({ length: input.size }, () => randomBytes(18).toString("base64url"));
  await transaction(db, async (trx) => {
    await trx
      .insertInto("survey_invitation_batches")
      .values({
        id: batchId,
        forum_id: input.forumId,
        survey_id: input.surveyId,
        label: input.label,
        size: input.size,
        created_by: input.createdBy,
        created_at: new Date().toISOString(),
      })
      .execute();
    for (let i = 0; i < tokens.length; i += 200) {
      await trx
        .insertInto("survey_invitations")
        .values(
          tokens.slice(i, i + 200).map((token) => ({
            token_hash: hashToken(token),
            forum_id: input.forumId,
            survey_id: input.surveyId,
            batch_id: batchId,
            spent_at: null,
          })),
        )
        .execute();
    }
    if (alsoInTransaction) await alsoInTransaction(trx, tokens);
  });
  return { batchId, tokens };
}

export type InvitationState =
  { state: "unknown" } | { state: "spent"; publicId: string } | { state: "usable"; publicId: string; surveyId: string };

export async function checkSurveyInvitation(db: DB, token: string): Promise<InvitationState> {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(token)) return { state: "unknown" };
  const row = await db
    .selectFrom("survey_invitations")
    .innerJoin("surveys", "surveys.id", "survey_invitations.survey_id")
    .select(["survey_invitations.spent_at", "survey_invitations.revoked_at", "surveys.public_id", "surveys.id"])
    .where("survey_invitations.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  // A revoked link is as good as none: it opens nothing.
  if (!row || (row.revoked_at && !row.spent_at)) return { state: "unknown" };
  if (row.spent_at) return { state: "spent", publicId: row.public_id };
  return { state: "usable", publicId: row.public_id, surveyId: row.id };
}

/** Spends the invitation whose link hashes to `tokenHash`; false when it is unknown, for another survey, or already spent. */
export async function spendSurveyInvitation(db: DB, tokenHash: string, surveyId: string): Promise<boolean> {
  const result = await db
    .updateTable("survey_invitations")
    .set({ spent_at: new Date().toISOString() })
    .where("token_hash", "=", tokenHash)
    .where("survey_id", "=", surveyId)
    .where("spent_at", "is", null)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface InvitationBatchSummary {
  id: string;
  label: string;
  size: number;
  spent: number;
  createdAt: string;
  revoked: boolean;
}

export async function listInvitationBatches(db: DB, forumId: string, surveyId: string): Promise<InvitationBatchSummary[]> {
  const rows = await db
    .selectFrom("survey_invitation_batches as b")
    .leftJoin("survey_invitations as i", (join) => join.onRef("i.batch_id", "=", "b.id").on("i.spent_at", "is not", null))
    .select((eb) => ["b.id", "b.label", "b.size", "b.created_at", "b.revoked_at", eb.fn.count<number>("i.token_hash").as("spent")])
    .where("b.forum_id", "=", forumId)
    .where("b.survey_id", "=", surveyId)
    .groupBy(["b.id", "b.label", "b.size", "b.created_at", "b.revoked_at"])
    .orderBy("b.created_at", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    size: Number(r.size),
    spent: Number(r.spent),
    createdAt: r.created_at,
    revoked: r.revoked_at !== null,
  }));
}

export async function setSurveyAccess(db: DB, forumId: string, surveyId: string, access: "public" | "invite_only") {
  await db.updateTable("surveys").set({ access }).where("id", "=", surveyId).where("forum_id", "=", forumId).execute();
}

/** A forum's survey for its sharing page; undefined for another forum's id. */
export async function findSurveyToShare(db: DB, forumId: string, surveyId: string) {
  const row = await db
    .selectFrom("surveys")
    .leftJoin("survey_versions", "survey_versions.id", "surveys.current_version_id")
    .select(["surveys.id", "surveys.slug", "surveys.public_id", "surveys.status", "surveys.access", "survey_versions.definition"])
    .where("surveys.forum_id", "=", forumId)
    .where("surveys.id", "=", surveyId)
    .executeTakeFirst();
  if (!row) return undefined;
  const title = row.definition ? (JSON.parse(row.definition) as { title: { en: string } }).title.en : row.slug;
  return {
    id: row.id,
    slug: row.slug,
    publicId: row.public_id,
    status: row.status,
    access: row.access,
    title,
    published: !!row.definition,
  };
}
