/**
 * The Database interface: types only, one table a property.
 *
 * Portability between SQLite and PostgreSQL is deliberate and narrow: ids are random text,
 * timestamps are ISO-8601 UTC text, dates are `YYYY-MM-DD` text in Europe/London, booleans are
 * integers 0/1. Every row that belongs to a forum carries `forum_id`.
 */
import type { Generated, Insertable, Selectable, Updateable } from "kysely";

export interface ForumTable {
  id: string;
  slug: string;
  name: string;
  /** The forum's brand colour, a CSS hex colour that passes contrast with white text. */
  colour: string;
  created_at: string;
  /** 1: every admin and moderator must use two-factor authentication. */
  require_mfa: Generated<number>;
}

export interface SurveyTable {
  id: string;
  forum_id: string;
  slug: string;
  /** Random id used in public URLs; never a database key. */
  public_id: string;
  audience: string;
  /** draft: never published; open: taking responses; closed: no longer taking responses. */
  status: "draft" | "open" | "closed";
  current_version_id: string | null;
  opens_at: string | null;
  closes_at: string | null;
  created_at: string;
  /** public: anyone with the link; invite_only: a single-use invitation is needed. */
  access: Generated<"public" | "invite_only">;
}

export interface SurveyVersionTable {
  id: string;
  forum_id: string;
  survey_id: string;
  version_no: number;
  /** The whole SurveyDefinition as JSON. Immutable once published_at is set. */
  definition: string;
  published_at: string | null;
  created_at: string;
}

export interface ResponseTable {
  id: string;
  forum_id: string;
  survey_id: string;
  survey_version_id: string;
  status: "in_progress" | "submitted";
  language: string;
  respondent_role: string;
  /** web, import */
  source: string;
  /** Unique: a double tap or a retried POST of the start form finds the same response. */
  idempotency_key: string | null;
  /** sha256 of the resume code; cleared on submission. */
  resume_hash: string | null;
  /** sha256 of the receipt code; set on submission. */
  receipt_hash: string | null;
  started_at: string;
  updated_at: string;
  submitted_at: string | null;
  /** submitted_at as a Europe/London date, YYYY-MM-DD: the period a response belongs to. */
  submitted_on: string | null;
}

export interface AnswerTable {
  response_id: string;
  forum_id: string;
  question_code: string;
  /** 0 for single answers; 0..n-1 for the options of a multiple choice answer. */
  ordinal: number;
  option_code: string | null;
  text_value: string | null;
  number_value: number | null;
}

export interface ConsentTable {
  response_id: string;
  forum_id: string;
  /** participate | special_category | quotes | follow_up */
  purpose: string;
  granted: number;
  wording_version: string;
  language: string;
  recorded_at: string;
}

/** Kept apart from the answers: never joined into an export or a page of answers. */
export interface FollowUpContactTable {
  id: string;
  forum_id: string;
  response_id: string;
  name: string;
  contact: string;
  created_at: string;
}

export interface AuditLogTable {
  id: string;
  forum_id: string | null;
  at: string;
  /** A user id, or `respondent`, or `system`. Never an answer. */
  actor: string;
  action: string;
  subject: string | null;
  detail: string | null;
}

/** A survey month whose KPI summary rows are out of date. */
export interface KpiStaleMonthTable {
  survey_id: string;
  /** YYYY-MM, London time. */
  month: string;
}

export type Role = "admin" | "moderator" | "board";

export interface UserTable {
  id: string;
  /** Lower-cased. */
  email: string;
  /** scrypt$N$r$p$salt$hash */
  password_hash: string;
  totp_secret: string | null;
  totp_enabled: Generated<number>;
  created_at: string;
  disabled_at: string | null;
}

export interface MembershipTable {
  user_id: string;
  forum_id: string;
  role: Role;
  /** The forum's named safeguarding lead receives flagged answers. */
  safeguarding_lead: Generated<number>;
  created_at: string;
}

export interface SessionTable {
  /** sha256 of the session id; the id itself lives only in the cookie. */
  id_hash: string;
  user_id: string;
  /** The forum the user is working in. */
  forum_id: string | null;
  mfa_passed: Generated<number>;
  created_at: string;
  last_seen_at: string;
  /** Absolute expiry: 12 hours after login, whatever the activity. */
  expires_at: string;
}

export interface InvitationTable {
  token_hash: string;
  forum_id: string;
  /** join: a new member; reset: a password reset for user_id. */
  kind: "join" | "reset";
  role: Role | null;
  user_id: string | null;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** A version of a KPI in a forum's register. Changing what is counted starts a new version. */
export interface KpiDefinitionTable {
  id: string;
  forum_id: string;
  /** K1, K2, …: stable across versions. */
  kpi_id: string;
  version: number;
  name: string;
  /** JSON: question(s), positive, negative, excluded, kind. */
  definition: string;
  /** The forum's target percent; not part of the definition, so changing it keeps the version. */
  target: number | null;
  created_at: string;
  /** Set when a later version replaced this one, or the KPI was retired. */
  retired_at: string | null;
}

/** Option counts per survey month and segment value (a maintained summary of the answers). */
export interface KpiMonthCountTable {
  forum_id: string;
  survey_id: string;
  /** `all`, or a segment code. */
  segment_type: string;
  /** YYYY-MM, London time. */
  month: string;
  /** `all` with segment_type `all`; `unknown` for respondents who did not answer. */
  segment_value: string;
  /** A question code, or `__index:<kpi id>` for per-respondent index classes. */
  question_code: string;
  option_code: string;
  n: number;
}

/** Submitted responses per survey month and segment value. */
export interface KpiMonthRespondentTable {
  forum_id: string;
  survey_id: string;
  segment_type: string;
  month: string;
  segment_value: string;
  n: number;
}

/** A summarised survey month and the basis (segments, index definitions) it was built on. */
export interface KpiSummaryMonthTable {
  forum_id: string;
  survey_id: string;
  month: string;
  basis: string;
  refreshed_at: string;
}

/** The responses a month's summary already counts. */
export interface KpiCountedResponseTable {
  survey_id: string;
  month: string;
  response_id: string;
}

export interface SurveyInvitationBatchTable {
  id: string;
  forum_id: string;
  survey_id: string;
  label: string;
  size: number;
  created_by: string;
  created_at: string;
}

export interface SurveyInvitationTable {
  token_hash: string;
  forum_id: string;
  survey_id: string;
  batch_id: string;
  spent_at: string | null;
}

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

export interface Database {
  forums: ForumTable;
  surveys: SurveyTable;
  survey_versions: SurveyVersionTable;
  responses: ResponseTable;
  answers: AnswerTable;
  consents: ConsentTable;
  follow_up_contacts: FollowUpContactTable;
  audit_log: AuditLogTable;
  kpi_stale_months: KpiStaleMonthTable;
  kpi_definitions: KpiDefinitionTable;
  kpi_month_counts: KpiMonthCountTable;
  kpi_month_respondents: KpiMonthRespondentTable;
  kpi_summary_months: KpiSummaryMonthTable;
  kpi_counted_responses: KpiCountedResponseTable;
  users: UserTable;
  survey_invitation_batches: SurveyInvitationBatchTable;
  survey_invitations: SurveyInvitationTable;
  memberships: MembershipTable;
  sessions: SessionTable;
  invitations: InvitationTable;
  moderation_items: ModerationItemTable;
  themes: ThemeTable;
  moderation_item_themes: ModerationItemThemeTable;
  redaction_terms: RedactionTermTable;
}

export type Forum = Selectable<ForumTable>;
export type NewForum = Insertable<ForumTable>;
export type Survey = Selectable<SurveyTable>;
export type SurveyVersion = Selectable<SurveyVersionTable>;
export type ResponseRow = Selectable<ResponseTable>;
export type ResponseUpdate = Updateable<ResponseTable>;
export type AnswerRow = Selectable<AnswerTable>;
export type NewAnswer = Insertable<AnswerTable>;
