import { newId } from "~/codes.server";
import type { DB } from "~/db.server";
import { recordAudit } from "./audit.server";

/**
 * The mail outbox. A message is a row until the SMTP server accepts it; every app server's loop
 * claims rows one at a time with a conditional UPDATE (a row another server holds is skipped), so
 * several servers never send the same row at once, and a row whose server died is claimed again
 * once its claim has run out. A message may go twice if a server dies between sending and
 * deleting; it is never lost.
 */

export type MailKind = "safeguarding_flag" | "daily_summary" | "staff_invitation" | "password_reset" | "senco_invitation";

export interface OutgoingMail {
  forumId: string | null;
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
}

export interface ClaimedMail extends OutgoingMail {
  id: string;
  attempts: number;
}

/** How long a claim holds: longer than any one SMTP conversation. */
export const CLAIM_MS = 2 * 60_000;
/** After this many failed attempts a message is given up (and the audit log says so). */
export const MAX_ATTEMPTS = 8;

/** Wait before the next attempt: 30 s, 1 min, 2 min … at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** Queues messages; pass the transaction that records what they tell of. */
export async function enqueueMail(db: DB, messages: OutgoingMail[], now = new Date()): Promise<void> {
  if (messages.length === 0) return;
  await db
    .insertInto("mail_outbox")
    .values(
      messages.map((m) => ({
        id: newId(),
        forum_id: m.forumId,
        kind: m.kind,
        recipient: m.to,
        subject: m.subject,
        body: m.text,
        created_at: now.toISOString(),
        attempts: 0,
        next_attempt_at: now.toISOString(),
        claimed_by: null,
        claimed_until: null,
        last_error: null,
      })),
    )
    .execute();
  wakeMailLoop();
}

/** Claims the oldest message due, for `runner`; undefined when none is due or free. */
export async function claimNextMail(db: DB, runner: string, now = new Date()): Promise<ClaimedMail | undefined> {
  const at = now.toISOString();
  for (let tries = 0; tries < 5; tries++) {
    const candidate = await db
      .selectFrom("mail_outbox")
      .select("id")
      .where("next_attempt_at", "<=", at)
      .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<", at)]))
      .orderBy("next_attempt_at")
      .orderBy("id")
      .limit(1)
      .executeTakeFirst();
    if (!candidate) return undefined;
    // The same conditions again in the UPDATE: of two servers that picked the same row, one wins.
    const claimed = await db
      .updateTable("mail_outbox")
      .set({ claimed_by: runner, claimed_until: new Date(now.getTime() + CLAIM_MS).toISOString() })
      .where("id", "=", candidate.id)
      .where("next_attempt_at", "<=", at)
      .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<", at)]))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) continue;
    const row = await db
      .selectFrom("mail_outbox")
      .select(["id", "forum_id", "kind", "recipient", "subject", "body", "attempts"])
      .where("id", "=", candidate.id)
      .where("claimed_by", "=", runner)
      .executeTakeFirst();
    if (!row) continue;
    return {
      id: row.id,
      forumId: row.forum_id,
      kind: row.kind as MailKind,
      to: row.recipient,
      subject: row.subject,
      text: row.body,
      attempts: Number(row.attempts),
    };
  }
  return undefined;
}

/** Accepted by the SMTP server: the row (address, link and all) is deleted. */
export async function mailSent(db: DB, mail: ClaimedMail, runner: string): Promise<void> {
  await db.deleteFrom("mail_outbox").where("id", "=", mail.id).where("claimed_by", "=", runner).execute();
  await recordAudit(db, { forumId: mail.forumId, actor: "system", action: "mail.sent", detail: { kind: mail.kind } });
}

/** Refused or unreachable: tried again later, or given up after MAX_ATTEMPTS (deleted, audited). */
export async function mailFailed(
  db: DB,
  mail: ClaimedMail,
  runner: string,
  error: string,
  now = new Date(),
): Promise<"retry" | "given_up"> {
  const attempts = mail.attempts + 1;
  if (attempts >= MAX_ATTEMPTS) {
    await db.deleteFrom("mail_outbox").where("id", "=", mail.id).where("claimed_by", "=", runner).execute();
    await recordAudit(db, { forumId: mail.forumId, actor: "system", action: "mail.given_up", detail: { kind: mail.kind, attempts } });
    return "given_up";
  }
  await db
    .updateTable("mail_outbox")
    .set({
      attempts,
      next_attempt_at: new Date(now.getTime() + retryDelayMs(attempts)).toISOString(),
      claimed_by: null,
      claimed_until: null,
      last_error: error.slice(0, 300),
    })
    .where("id", "=", mail.id)
    .where("claimed_by", "=", runner)
    .execute();
  return "retry";
}

/** Messages waiting (for the overview and tests). */
export async function countQueuedMail(db: DB): Promise<number> {
  const row = await db
    .selectFrom("mail_outbox")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Nudges this process's mail loop (if it runs one) so a message queued now goes at once rather
 * than at the next poll. Through globalThis: the server and the bundled app are separate modules.
 */
export function wakeMailLoop(): void {
  (globalThis as { __forumMailWake?: () => void }).__forumMailWake?.();
}
