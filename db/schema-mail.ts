/**
 * Tables of outgoing mail. Same portability rules as `./schema`.
 */

/**
 * A message waiting to go out. Written in the same transaction as what it tells of, so a server
 * killed at any moment loses none; deleted once the SMTP server has accepted it (or after its
 * last attempt), so no address or link outlives its sending.
 */
export interface MailOutboxTable {
  id: string;
  forum_id: string | null;
  /** safeguarding_flag, daily_summary, staff_invitation, password_reset, senco_invitation */
  kind: string;
  recipient: string;
  subject: string;
  body: string;
  created_at: string;
  attempts: number;
  /** Not sent before this instant (a retry waits longer after each failure). */
  next_attempt_at: string;
  /** The process sending it, and until when its claim holds; a claim past that is anyone's. */
  claimed_by: string | null;
  claimed_until: string | null;
  /** The last failure's message (never the body). */
  last_error: string | null;
}

/** The London day a forum's daily summary was queued: one row a forum a day, whichever server. */
export interface MailDailyRunTable {
  forum_id: string;
  /** YYYY-MM-DD, London. */
  day: string;
  queued_at: string;
}
