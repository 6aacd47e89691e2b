import type { DB } from "~/db.server";
import { newId } from "~/codes.server";

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
