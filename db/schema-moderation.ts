/**
 * Tables of the moderation queue and the "you said, we did" register. Same portability rules
 * as `./schema`.
 */
import type { Generated } from "kysely";

/** One free-text answer of a submitted response, in the moderation queue. */
export interface ModerationItemTable {
  id: string;
  forum_id: string;
  survey_id: string;
  response_id: string;
  question_code: string;
  state: "pending" | "approved" | "rejected";
  /** When set, the only text anyone but an admin sees; the original stays in `answers`. */
  redacted_text: string | null;
  safeguarding: number;
  safeguarding_note: string | null;
  safeguarding_flagged_by: string | null;
  safeguarding_flagged_at: string | null;
  safeguarding_resolved_at: string | null;
  safeguarding_resolved_by: string | null;
  safeguarding_resolution: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
  /** JSON array of hashes of the suggested redactions a moderator dismissed on purpose. */
  dismissed_suggestions: string | null;
}

/** A forum's theme taxonomy (codes stable, labels the forum's words). */
export interface ThemeTable {
  id: string;
  forum_id: string;
  code: string;
  label: string;
  sort: number;
}

export interface ModerationItemThemeTable {
  item_id: string;
  theme_id: string;
}

/** Local school and staff names that moderators are prompted to redact. */
export interface RedactionTermTable {
  id: string;
  forum_id: string;
  term: string;
  kind: "school" | "staff" | "other";
  created_at: string;
}

/** An entry in the "you said, we did" register. published_at null = a draft only staff see. */
export interface YswdItemTable {
  id: string;
  forum_id: string;
  /** YSWD-YYYY-NNN, unique in the forum, never reused. */
  reference: string;
  title: string;
  said_plain: string;
  said_easy_read: string | null;
  /** JSON: { [language]: { title?, said_plain?, said_easy_read?, what_done?, not_possible_reason? } }. */
  translations: Generated<string>;
  /** Evidence: the survey × period (× segment) the figure and the quotes come from. */
  survey_id: string | null;
  period_type: string | null;
  period: string | null;
  segment_type: string | null;
  segment_value: string | null;
  /** The KPI the item should move; its figure in `period` is the baseline. */
  kpi_id: string | null;
  what_done: string | null;
  not_possible_reason: string | null;
  /** inform | consult | engage | co_design | co_produce */
  involvement: string;
  owner_org: string;
  /** A role, never a person's name. */
  owner_role: string;
  /** received | under_review | agreed | in_progress | done | not_possible | superseded */
  status: string;
  visibility: Generated<"public" | "board">;
  /** London dates, YYYY-MM-DD. */
  raised_on: string;
  response_published_on: string | null;
  target_on: string | null;
  completed_on: string | null;
  next_review_on: string | null;
  published_at: string | null;
  /** Set when an admin deletes the item: the content is blanked, the reference stays taken. */
  deleted_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface YswdItemThemeTable {
  item_id: string;
  theme_id: string;
  sort: Generated<number>;
}

export interface YswdStatusHistoryTable {
  id: string;
  forum_id: string;
  item_id: string;
  status: string;
  /** The London date the status took effect. */
  changed_on: string;
  note: string | null;
  changed_by: string;
  recorded_at: string;
}

/** An approved answer quoted as evidence (only ever read back through approvedQuotes). */
export interface YswdQuoteTable {
  item_id: string;
  moderation_item_id: string;
  created_at: string;
}
