import { randomInt } from "node:crypto";
import { hashToken } from "~/codes.server";
import type { DB } from "~/db.server";
import { enqueueMail } from "./mail-outbox.server";
import { createInvitationBatch } from "./survey-invitations.server";

/**
 * SENCO invitations sent from a list of addresses, one single-use link each. Which address got
 * which link is never stored: the links are made, shuffled against the addresses and put in the
 * outbox in one transaction, and each outbox row (address and link) is deleted once the message
 * is sent. The batch keeps only its name and size; the links only their hashes.
 */
export async function mailInvitationBatch(
  db: DB,
  input: {
    forumId: string;
    forumName: string;
    surveyId: string;
    surveyTitle: string;
    label: string;
    addresses: string[];
    createdBy: string;
    base: string;
  },
): Promise<{ batchId: string; sent: number }> {
  // Shuffled, so not even the order links are stored in follows the list's order.
  const addresses = [...input.addresses];
  for (let i = addresses.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [addresses[i], addresses[j]] = [addresses[j], addresses[i]];
  }
  const { batchId } = await createInvitationBatch(
    db,
    { forumId: input.forumId, surveyId: input.surveyId, label: input.label, size: input.addresses.length, createdBy: input.createdBy },
    async (trx, tokens) => {
      await enqueueMail(
        trx,
        tokens.map((token, i) => ({
          forumId: input.forumId,
          kind: "senco_invitation" as const,
          to: addresses[i],
          subject: `${input.forumName}: ${input.surveyTitle}`,
          text: [
            `${input.forumName} asks for your view in a short survey: ${input.surveyTitle}.`,
            "",
            "This link is for one response from your setting. It works once:",
            `${input.base}/i/${token}`,
            "",
            "Your answers are not linked to this e-mail address: the forum does not keep which address received which link.",
          ].join("\n"),
        })),
      );
    },
  );
  return { batchId, sent: input.addresses.length };
}

/** Revokes a batch: its links that were not used yet stop working. */
export async function revokeInvitationBatch(db: DB, forumId: string, surveyId: string, batchId: string, now = new Date()): Promise<number> {
  const batch = await db
    .updateTable("survey_invitation_batches")
    .set({ revoked_at: now.toISOString() })
    .where("id", "=", batchId)
    .where("forum_id", "=", forumId)
    .where("survey_id", "=", surveyId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  if (Number(batch.numUpdatedRows) === 0) return -1;
  const links = await db
    .updateTable("survey_invitations")
    .set({ revoked_at: now.toISOString() })
    .where("batch_id", "=", batchId)
    .where("forum_id", "=", forumId)
    .where("spent_at", "is", null)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(links.numUpdatedRows);
}

/** The token in a pasted link (…/i/<token>) or the token alone; undefined when there is none. */
export function invitationToken(linkOrToken: string): string | undefined {
  const match = linkOrToken.trim().match(/(?:\/i\/)?([A-Za-z0-9_-]{10,64})\/?$/);
  return match?.[1];
}

/** Revokes one leaked link of this survey: "revoked", "used" (too late) or "unknown". */
export async function revokeInvitationLink(
  db: DB,
  forumId: string,
  surveyId: string,
  linkOrToken: string,
  now = new Date(),
): Promise<"revoked" | "used" | "unknown"> {
  const token = invitationToken(linkOrToken);
  if (!token) return "unknown";
  const row = await db
    .selectFrom("survey_invitations")
    .select(["spent_at", "revoked_at"])
    .where("token_hash", "=", hashToken(token))
    .where("forum_id", "=", forumId)
    .where("survey_id", "=", surveyId)
    .executeTakeFirst();
  if (!row) return "unknown";
  if (row.spent_at) return "used";
  await db
    .updateTable("survey_invitations")
    .set({ revoked_at: row.revoked_at ?? now.toISOString() })
    .where("token_hash", "=", hashToken(token))
    .where("forum_id", "=", forumId)
    .execute();
  return "revoked";
}
