/**
 * Quotes of the "you said, we did" register kept beyond the response they came from. Same
 * portability rules as `./schema`.
 */

/** The published text of a quote whose response retention deleted; goes only on withdrawal. */
export interface YswdKeptQuoteTable {
  id: string;
  forum_id: string;
  item_id: string;
  text: string;
  /** 1 when the text is the moderator's redacted copy. */
  redacted: number;
  language: string;
  submitted_on: string | null;
  /** Hash of the family's receipt code, so a later withdrawal still finds it. */
  receipt_hash: string | null;
  kept_at: string;
}
