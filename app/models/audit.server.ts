import { sql } from "kysely";
import * as z from "zod";
import type { DB } from "~/db.server";
import { newId } from "~/codes.server";
import { csvRow } from "~/domain/csv";
import { londonDate } from "~/domain/periods";

export interface AuditEntry {
  forumId: string | null;
  actor: string;
  action: string;
  subject?: string | null;
  /** Never an answer, a free-text value or a contact detail: ids, codes and counts only. */
  detail?: Record<string, string | number | boolean | null>;
}

/** Append-only: there is no update or delete for the audit log anywhere in the code. */
export async function recordAudit(db: DB, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      id: newId(),
      forum_id: entry.forumId,
      at: new Date().toISOString(),
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    })
    .execute();
}

// ---- Reading the log: the audit page and its CSV export.

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilter {
  /** Entries whose action starts with this, e.g. `user.` or `login`. */
  actionPrefix?: string;
  /** London dates, YYYY-MM-DD, both inclusive. */
  from?: string;
  to?: string;
}

export interface AuditListEntry {
  id: string;
  at: string;
  actor: string;
  /** The actor's email when the actor is a user. */
  actorEmail: string | null;
  action: string;
  subject: string | null;
  /** The subject's email when the subject is a user. */
  subjectEmail: string | null;
  detail: string | null;
}

/** The instant a London calendar day starts, as ISO UTC text (London is UTC or UTC+1). */
export function londonDayStart(date: string): string {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  for (const offsetHours of [1, 0]) {
    const candidate = new Date(midnightUtc - offsetHours * 3_600_000);
    if (londonDate(candidate) === date) return candidate.toISOString();
  }
  return new Date(midnightUtc).toISOString();
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * This forum's entries, plus the sign-in entries (recorded before a forum is chosen, so with no
 * forum) of people who are members of this forum.
 */
function forumEntries(db: DB, forumId: string, filter: AuditFilter) {
  let query = db
    .selectFrom("audit_log")
    .where((eb) =>
      eb.or([
        eb("audit_log.forum_id", "=", forumId),
        eb.and([
          eb("audit_log.forum_id", "is", null),
          eb(
            "audit_log.actor",
            "in",
            eb.selectFrom("memberships").select("memberships.user_id").where("memberships.forum_id", "=", forumId),
          ),
        ]),
      ]),
    );
  if (filter.actionPrefix) {
    // substr rather than LIKE: `_` in an action name is not a wildcard.
    query = query.where(
      sql<string>`substr(${sql.ref("audit_log.action")}, 1, ${sql.lit(filter.actionPrefix.length)})`,
      "=",
      filter.actionPrefix,
    );
  }
  if (filter.from) query = query.where("audit_log.at", ">=", londonDayStart(filter.from));
  if (filter.to) query = query.where("audit_log.at", "<", londonDayStart(nextDate(filter.to)));
  return query;
}

function withNames(db: DB, forumId: string, filter: AuditFilter) {
  return forumEntries(db, forumId, filter)
    .leftJoin("users as actor_user", "actor_user.id", "audit_log.actor")
    .leftJoin("users as subject_user", "subject_user.id", "audit_log.subject")
    .select([
      "audit_log.id",
      "audit_log.at",
      "audit_log.actor",
      "actor_user.email as actorEmail",
      "audit_log.action",
      "audit_log.subject",
      "subject_user.email as subjectEmail",
      "audit_log.detail",
    ])
    .orderBy("audit_log.at", "desc")
    .orderBy("audit_log.id", "desc");
}

/** One page of entries, newest first, and how many entries match in all. */
export async function listAudit(
  db: DB,
  forumId: string,
  filter: AuditFilter,
  page: number,
): Promise<{ entries: AuditListEntry[]; total: number }> {
  const row = await forumEntries(db, forumId, filter)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const entries = await withNames(db, forumId, filter)
    .limit(AUDIT_PAGE_SIZE)
    .offset((Math.max(1, page) - 1) * AUDIT_PAGE_SIZE)
    .execute();
  return { entries, total: Number(row.n) };
}

/** Every matching entry, newest first, for the CSV export. */
export async function exportAudit(db: DB, forumId: string, filter: AuditFilter): Promise<AuditListEntry[]> {
  return withNames(db, forumId, filter).execute();
}

/** The first part of each action in this forum's log (`user`, `login`, …), for the filter's hint. */
export async function auditActionGroups(db: DB, forumId: string): Promise<string[]> {
  const rows = await forumEntries(db, forumId, {}).select("audit_log.action").distinct().execute();
  return [...new Set(rows.map((r) => r.action.split(".")[0]))].sort();
}

export const AUDIT_CSV_COLUMNS = ["who", "when", "action", "subject", "detail"] as const;

/** UTF-8 with a byte order mark (so spreadsheets read it as UTF-8), cells safe from formulas. */
export function auditCsv(entries: AuditListEntry[]): string {
  const lines = [
    csvRow([...AUDIT_CSV_COLUMNS]),
    ...entries.map((e) => csvRow([e.actorEmail ?? e.actor, e.at, e.action, e.subjectEmail ?? e.subject, e.detail])),
  ];
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}

// The filter as typed in the page's form (a GET form: the same query string drives the export).
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (value: string) => DAY.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
const dateField = (label: string) =>
  z
    .string()
    .trim()
    .max(10, `Enter the ${label} date like 2026-11-23`)
    .refine((value) => value === "" || isRealDate(value), `Enter the ${label} date as a real date, like 2026-11-23`);

const AuditQuery = z
  .object({
    action: z
      .string()
      .trim()
      .toLowerCase()
      .max(60, "An action is 60 characters or fewer")
      .regex(/^[a-z0-9_.-]*$/, "Enter the start of an action using letters, numbers and dots only, like user. or login"),
    from: dateField("from"),
    to: dateField("to"),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "The to date must be the same as or after the from date" });

export interface AuditQueryValues {
  action: string;
  from: string;
  to: string;
}

export type AuditQueryResult =
  | { ok: true; filter: AuditFilter; page: number; values: AuditQueryValues }
  | { ok: false; errors: Record<string, string>; values: AuditQueryValues };

export function readAuditQuery(params: URLSearchParams): AuditQueryResult {
  const values = {
    action: (params.get("action") ?? "").slice(0, 200),
    from: (params.get("from") ?? "").slice(0, 200),
    to: (params.get("to") ?? "").slice(0, 200),
  };
  const parsed = AuditQuery.safeParse(values);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    return { ok: false, errors, values };
  }
  // A page number comes from our own links; anything odd is page 1 rather than an error.
  const page = Number(params.get("page"));
  return {
    ok: true,
    filter: {
      actionPrefix: parsed.data.action || undefined,
      from: parsed.data.from || undefined,
      to: parsed.data.to || undefined,
    },
    page: Number.isInteger(page) && page >= 1 && page <= 1_000_000 ? page : 1,
    values: { action: parsed.data.action, from: parsed.data.from, to: parsed.data.to },
  };
}
