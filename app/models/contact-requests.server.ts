import { transaction, type DB } from "~/db.server";
import type { ContactStatus } from "~/schemas/contact-requests";
import { recordAudit } from "./audit.server";
import { publishedDefinitions } from "./moderation-definitions.server";

/**
 * Contact requests: the name and phone number or e-mail a parent left on the start page because
 * they would like the forum to contact them. Kept apart from the answers (never in an export);
 * deleted with the response on withdrawal and by retention. Every view is audited, and the audit
 * log records ids only, never the name or the contact detail.
 */

export interface ContactViewer {
  forumId: string;
  userId: string;
  /** An admin or the forum's safeguarding lead: sees which flagged answer a request belongs to. */
  seesSafeguarding: boolean;
}

export interface ContactRequestEntry {
  id: string;
  name: string;
  contact: string;
  status: ContactStatus;
  note: string | null;
  createdAt: string;
  updatedAt: string | null;
  updatedBy: string | null;
  surveyTitle: string;
  /** false while the parent has yet to send their answers. */
  answersSent: boolean;
  /** The flagged answers of the same response (for the safeguarding lead and admins only). */
  flaggedItemIds: string[];
}

function contactsQuery(db: DB, forumId: string) {
  return db
    .selectFrom("follow_up_contacts as c")
    .innerJoin("responses as r", "r.id", "c.response_id")
    .leftJoin("users as u", "u.id", "c.updated_by")
    .select([
      "c.id",
      "c.name",
      "c.contact",
      "c.status",
      "c.note",
      "c.created_at",
      "c.updated_at",
      "u.email as updated_by",
      "c.response_id",
      "r.survey_version_id",
      "r.status as response_status",
    ])
    .where("c.forum_id", "=", forumId);
}

type ContactRow = Awaited<ReturnType<ReturnType<typeof contactsQuery>["execute"]>>[number];

async function toEntries(db: DB, viewer: ContactViewer, rows: ContactRow[]): Promise<ContactRequestEntry[]> {
  const definitions = await publishedDefinitions(db, viewer.forumId, [...new Set(rows.map((r) => r.survey_version_id))]);
  const flagged = new Map<string, string[]>();
  if (viewer.seesSafeguarding && rows.length > 0) {
    const items = await db
      .selectFrom("moderation_items")
      .select(["id", "response_id"])
      .where("forum_id", "=", viewer.forumId)
      .where("safeguarding", "=", 1)
      .where(
        "response_id",
        "in",
        rows.map((r) => r.response_id),
      )
      .orderBy("id")
      .execute();
    for (const item of items) flagged.set(item.response_id, [...(flagged.get(item.response_id) ?? []), item.id]);
  }
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    contact: row.contact,
    status: row.status,
    note: row.note,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    surveyTitle: definitions.get(row.survey_version_id)?.title.en ?? "",
    answersSent: row.response_status === "submitted",
    flaggedItemIds: flagged.get(row.response_id) ?? [],
  }));
}

/** The forum's requests, newest first, optionally of one status. The view is audited. */
export async function listContactRequests(db: DB, viewer: ContactViewer, status: ContactStatus | "all"): Promise<ContactRequestEntry[]> {
  let query = contactsQuery(db, viewer.forumId);
  if (status !== "all") query = query.where("c.status", "=", status);
  const rows = await query.orderBy("c.created_at", "desc").orderBy("c.id").limit(500).execute();
  await recordAudit(db, {
    forumId: viewer.forumId,
    actor: viewer.userId,
    action: "contact_requests.viewed",
    detail: { status, shown: rows.length },
  });
  return toEntries(db, viewer, rows);
}

/** One request, if it is this forum's. The view is audited. */
export async function viewContactRequest(db: DB, viewer: ContactViewer, id: string): Promise<ContactRequestEntry | undefined> {
  const row = await contactsQuery(db, viewer.forumId).where("c.id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  await recordAudit(db, { forumId: viewer.forumId, actor: viewer.userId, action: "contact_request.viewed", subject: id });
  return (await toEntries(db, viewer, [row]))[0];
}

/** Records where a request stands and what was done; audited (the status, never the note). */
export async function updateContactRequest(
  db: DB,
  viewer: ContactViewer,
  id: string,
  change: { status: ContactStatus; note: string },
  now = new Date(),
): Promise<boolean> {
  return transaction(db, async (trx) => {
    const updated = await trx
      .updateTable("follow_up_contacts")
      .set({
        status: change.status,
        note: change.note === "" ? null : change.note,
        updated_by: viewer.userId,
        updated_at: now.toISOString(),
      })
      .where("id", "=", id)
      .where("forum_id", "=", viewer.forumId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    await recordAudit(trx, {
      forumId: viewer.forumId,
      actor: viewer.userId,
      action: "contact_request.updated",
      subject: id,
      detail: { status: change.status },
    });
    return true;
  });
}

/** How many requests nobody has taken up yet (the overview and the daily summary). */
export async function countNewContactRequests(db: DB, forumId: string, since?: string): Promise<number> {
  let query = db
    .selectFrom("follow_up_contacts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("forum_id", "=", forumId)
    .where("status", "=", "new");
  if (since) query = query.where("created_at", ">=", since);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether the request is this forum's (without reading it: no view to audit). */
export async function isForumContactRequest(db: DB, forumId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom("follow_up_contacts")
    .select("id")
    .where("id", "=", id)
    .where("forum_id", "=", forumId)
    .executeTakeFirst();
  return row !== undefined;
}
