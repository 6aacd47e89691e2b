/**
 * Tables of the installation's operations: API tokens, rate limits, assisted entry, imports and
 * the network. Same portability rules as `./schema`.
 */
import type { Generated } from "kysely";

/** A bearer token for the KPI API, scoped to one forum. Only its sha256 hash is stored. */
export interface ApiTokenTable {
  id: string;
  forum_id: string;
  label: string;
  token_hash: string;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
}

/** A guessing limit's fixed window; the key is a hash of what is limited (an email, an address). */
export interface RateLimitTable {
  key_hash: string;
  /** Milliseconds since the epoch. */
  window_start: number;
  count: number;
}

/**
 * A member of staff entering responses for someone in one browser: the browser holds a random
 * token in a cookie scoped to the survey, and only its hash is kept. Valid only while that
 * member's own staff session is, with a role that may enter responses in the forum.
 */
export interface AssistedEntryTable {
  token_hash: string;
  forum_id: string;
  survey_id: string;
  user_id: string;
  mode: "paper" | "phone" | "assisted";
  /** The interface language the member had before choosing the person's; given back when they stop. */
  staff_language: string | null;
  created_at: string;
  expires_at: string;
}

/** A CSV import run in the background; any app server can report on it. */
export interface ImportJobTable {
  id: string;
  forum_id: string;
  survey_id: string;
  actor: string;
  status: "running" | "imported" | "rejected" | "failed";
  done: number;
  total: number | null;
  counting: Generated<number>;
  /** JSON: the refused file's problems (as many as the import lists). */
  problems: string | null;
  problem_count: number | null;
  started_at: string;
  updated_at: string;
  /** The process running it: host, process id and that process's own random id. */
  runner: string | null;
  /** sha256 of the file's text: the same file again is recognised. Null for imports before it was kept. */
  content_hash: string | null;
  /** Rows of the file already imported before, skipped. Null for imports before it was kept. */
  skipped: number | null;
}

/** A forum that shares its aggregate counts with the network (NB-1): hosted here, or elsewhere. */
export interface NetworkMemberTable {
  /** The forum's code: a forum hosted here is known by its slug. */
  forum_code: string;
  /** The forum hosted here; null for a forum on an installation of its own. */
  forum_id: string | null;
  joined_at: string;
  /** Set while the forum is out of the network; null while it is a member. */
  left_at: string | null;
}

/** A forum's counts from a counts file (a forum on an installation of its own): never a response. */
export interface NetworkCountTable {
  forum_code: string;
  forum_name: string;
  /** A survey template's slug, such as parent-carer-experience. */
  survey_template: string;
  /** YYYY-MM, London time. */
  month: string;
  kpi_id: string;
  n: number;
  numerator: number;
  /** Null for a KPI with no negative share (K6i). */
  negative: number | null;
  imported_at: string;
}
