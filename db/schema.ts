/**
 * The Database interface: types only, one table a property.
 *
 * Portability between SQLite and PostgreSQL is deliberate and narrow: ids are random text,
 * timestamps are ISO-8601 UTC text, dates are `YYYY-MM-DD` text in Europe/London, booleans are
 * integers 0/1. Every row that belongs to a forum carries `forum_id`.
 */
import type { Generated, Insertable, Selectable, Updateable } from "kysely";
import type {
  ModerationItemTable,
  ThemeTable,
  ModerationItemThemeTable,
  RedactionTermTable,
  YswdItemTable,
  YswdItemThemeTable,
  YswdStatusHistoryTable,
  YswdQuoteTable,
} from "./schema-moderation";
import type { YswdKeptQuoteTable } from "./schema-yswd-kept";
import type {
  ApiTokenTable,
  RateLimitTable,
  AssistedEntryTable,
  ImportJobTable,
  NetworkMemberTable,
  NetworkCountTable,
} from "./schema-operations";
import type { InstallationOperatorTable } from "./schema-installation";
import type { MailOutboxTable, MailDailyRunTable } from "./schema-mail";

export type {
  ModerationItemTable,
  ThemeTable,
  ModerationItemThemeTable,
  RedactionTermTable,
  YswdItemTable,
  YswdItemThemeTable,
  YswdStatusHistoryTable,
  YswdQuoteTable,
  ApiTokenTable,
  RateLimitTable,
  AssistedEntryTable,
  ImportJobTable,
  NetworkMemberTable,
  NetworkCountTable,
  InstallationOperatorTable,
  MailOutboxTable,
  MailDailyRunTable,
};

export interface ForumTable {
  id: string;
  slug: string;
  name: string;
  /** The forum's brand colour, a CSS hex colour that passes contrast with white text. */
  colour: string;
  created_at: string;
  /** 1: every admin and moderator must use two-factor authentication. */
  require_mfa: Generated<number>;
  /** Raw responses are deleted once the month they were sent in is this many months past. */
  retention_months: Generated<number>;
  /** When retention last ran for the forum. */
  retention_checked_at: string | null;
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
  /**
   * How it was given: web (the respondent, online), or paper, phone or assisted (entered for
   * someone by a member of staff, or imported). Set from the server's own record, never a form.
   */
  mode: Generated<"web" | "paper" | "phone" | "assisted">;
  /** Unique: a double tap or a retried POST of the start form finds the same response. */
  idempotency_key: string | null;
  /** sha256 of the resume code; cleared on submission. */
  resume_hash: string | null;
  /** sha256 of the receipt code; set on submission. */
  receipt_hash: string | null;
  /** Invitation-only surveys: hash of the single-use link the response started with; cleared on submission. */
  invitation_hash: string | null;
  started_at: string;
  updated_at: string;
  submitted_at: string | null;
  /** submitted_at as a Europe/London date, YYYY-MM-DD: the period a response belongs to. */
  submitted_on: string | null;
  /** The import that stored it; while that import has yet to publish it, the row is `in_progress`. */
  import_job_id: string | null;
  /** An imported response's identity from its row (unique per survey): the same row is never imported twice. */
  response_ref: string | null;
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
  /** What the forum did: new (nobody yet), contacted, closed. */
  status: Generated<"new" | "contacted" | "closed">;
  /** Staff's note of what was done; deleted with the request. */
  note: string | null;
  updated_by: string | null;
  updated_at: string | null;
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
  /** The time step of the last code accepted: only a later one is accepted next. */
  totp_last_step: number | null;
  created_at: string;
  disabled_at: string | null;
}

/** A one-time code that stands in for a two-factor code once; only its hash is kept. */
export interface RecoveryCodeTable {
  code_hash: string;
  user_id: string;
  created_at: string;
  used_at: string | null;
}

/** A forum's record that a native speaker reviewed the interface's translation into a language. */
export interface LanguageReviewTable {
  forum_id: string;
  language: string;
  reviewed_by: string;
  reviewed_at: string;
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
  /** join: the address invited (lower-cased); null on links made before invitations named one. */
  email: string | null;
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

/** Counts per survey month and segment value (a maintained summary of the answers). */
export interface KpiMonthCountTable {
  forum_id: string;
  survey_id: string;
  /** `all`, or a segment code. */
  segment_type: string;
  /** YYYY-MM, London time. */
  month: string;
  /** `all` with segment_type `all`; `unknown` for respondents who did not answer. */
  segment_value: string;
  /**
   * A question code; or `__respondents` (option `all`): submitted responses; or
   * `__index:<kpi id>`: an index KPI's per-respondent classes (positive, in_base, outside_base).
   */
  question_code: string;
  option_code: string;
  n: number;
}

/** A summarised survey month and the basis (segments, index definitions) it was built on. */
export interface KpiSummaryMonthTable {
  forum_id: string;
  survey_id: string;
  month: string;
  basis: string;
  /** How many responses kpi_counted_responses lists for the month. */
  responses: number;
  refreshed_at: string;
  /** Set once retention deleted the month's raw responses: its counts are final. */
  sealed_at: Generated<string | null>;
}

/** The responses the summary already counts. */
export interface KpiCountedResponseTable {
  survey_id: string;
  /** The response's submitted_on (London date), so a month is a range of this key. */
  submitted_on: string;
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
  revoked_at: Generated<string | null>;
}

export interface SurveyInvitationTable {
  token_hash: string;
  forum_id: string;
  survey_id: string;
  batch_id: string;
  spent_at: string | null;
  /** Set when the link's batch, or this one link, was revoked: it no longer opens the survey. */
  revoked_at: Generated<string | null>;
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
  kpi_summary_months: KpiSummaryMonthTable;
  kpi_counted_responses: KpiCountedResponseTable;
  users: UserTable;
  survey_invitation_batches: SurveyInvitationBatchTable;
  survey_invitations: SurveyInvitationTable;
  memberships: MembershipTable;
  sessions: SessionTable;
  invitations: InvitationTable;
  recovery_codes: RecoveryCodeTable;
  language_reviews: LanguageReviewTable;
  moderation_items: ModerationItemTable;
  themes: ThemeTable;
  moderation_item_themes: ModerationItemThemeTable;
  redaction_terms: RedactionTermTable;
  api_tokens: ApiTokenTable;
  yswd_items: YswdItemTable;
  yswd_item_themes: YswdItemThemeTable;
  yswd_status_history: YswdStatusHistoryTable;
  yswd_quotes: YswdQuoteTable;
  yswd_kept_quotes: YswdKeptQuoteTable;
  rate_limits: RateLimitTable;
  import_jobs: ImportJobTable;
  network_members: NetworkMemberTable;
  network_counts: NetworkCountTable;
  assisted_entries: AssistedEntryTable;
  installation_operators: InstallationOperatorTable;
  mail_outbox: MailOutboxTable;
  mail_daily_runs: MailDailyRunTable;
}

export type Forum = Selectable<ForumTable>;
export type NewForum = Insertable<ForumTable>;
export type Survey = Selectable<SurveyTable>;
export type SurveyVersion = Selectable<SurveyVersionTable>;
export type ResponseRow = Selectable<ResponseTable>;
export type ResponseUpdate = Updateable<ResponseTable>;
export type AnswerRow = Selectable<AnswerTable>;
export type NewAnswer = Insertable<AnswerTable>;
