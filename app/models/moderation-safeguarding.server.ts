import { transaction, type DB } from "~/db.server";
import { recordAudit } from "./audit.server";
import { type ModerationActor, ModerationNotAllowed } from "./moderation-actor.server";
import { publishedDefinitions, questionTitle } from "./moderation-definitions.server";
import { queueSafeguardingNotice } from "./mail-recipients.server";
import { baseItems } from "./moderation-queue.server";

// ---------------------------------------------------------------------------------------------
// Safeguarding

function canLeadSafeguarding(actor: ModerationActor): boolean {
  return actor.role === "admin" || actor.safeguardingLead;
}

/**
 * Sends the item to the safeguarding lead's "needs action" list, with the moderator's note. With
 * `notify` (mail is on), the lead's e-mail is queued in the same transaction: never lost.
 */
export async function flagSafeguarding(
  db: DB,
  actor: ModerationActor,
  itemId: string,
  note: string,
  options: { notify?: { linkBase: string } } = {},
): Promise<boolean> {
  return transaction(db, async (trx) => {
    const updated = await trx
      .updateTable("moderation_items")
      .set({
        safeguarding: 1,
        safeguarding_note: note.trim(),
        safeguarding_flagged_by: actor.user.id,
        safeguarding_flagged_at: new Date().toISOString(),
        safeguarding_resolved_at: null,
        safeguarding_resolved_by: null,
        safeguarding_resolution: null,
      })
      .where("id", "=", itemId)
      .where("forum_id", "=", actor.forumId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    await recordAudit(trx, { forumId: actor.forumId, actor: actor.user.id, action: "moderation.flagged", subject: itemId });
    if (options.notify) await queueSafeguardingNotice(trx, actor.forumId, options.notify.linkBase);
    return true;
  });
}

/**
 * Takes back a flag raised by mistake, while it is still open. Only the person who raised it,
 * the safeguarding lead or an admin may: a concern must not quietly disappear from the list.
 */
export async function unflagSafeguarding(db: DB, actor: ModerationActor, itemId: string): Promise<"unflagged" | "not_found" | "forbidden"> {
  return transaction(db, async (trx) => {
    const row = await trx
      .selectFrom("moderation_items")
      .select(["safeguarding", "safeguarding_flagged_by", "safeguarding_resolved_at"])
      .where("id", "=", itemId)
      .where("forum_id", "=", actor.forumId)
      .executeTakeFirst();
    if (!row || Number(row.safeguarding) !== 1 || row.safeguarding_resolved_at) return "not_found";
    if (!canLeadSafeguarding(actor) && row.safeguarding_flagged_by !== actor.user.id) return "forbidden";
    await trx
      .updateTable("moderation_items")
      .set({ safeguarding: 0, safeguarding_note: null, safeguarding_flagged_by: null, safeguarding_flagged_at: null })
      .where("id", "=", itemId)
      .where("forum_id", "=", actor.forumId)
      .execute();
    await recordAudit(trx, { forumId: actor.forumId, actor: actor.user.id, action: "moderation.unflagged", subject: itemId });
    return "unflagged";
  });
}

/** The safeguarding lead (or an admin) records what was done; the item leaves "needs action". */
export async function resolveSafeguarding(db: DB, actor: ModerationActor, itemId: string, note: string): Promise<boolean> {
  if (!canLeadSafeguarding(actor)) throw new ModerationNotAllowed("only the safeguarding lead or an admin resolves safeguarding flags");
  return transaction(db, async (trx) => {
    const updated = await trx
      .updateTable("moderation_items")
      .set({
        safeguarding_resolved_at: new Date().toISOString(),
        safeguarding_resolved_by: actor.user.id,
        safeguarding_resolution: note.trim(),
      })
      .where("id", "=", itemId)
      .where("forum_id", "=", actor.forumId)
      .where("safeguarding", "=", 1)
      .where("safeguarding_resolved_at", "is", null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    await recordAudit(trx, { forumId: actor.forumId, actor: actor.user.id, action: "moderation.resolved", subject: itemId });
    return true;
  });
}

interface SafeguardingEntry {
  id: string;
  surveyTitle: string;
  questionTitle: string;
  text: string;
  redacted: boolean;
  note: string | null;
  flaggedBy: string | null;
  flaggedAt: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: string | null;
}

/** Open flags (oldest first) and the most recently resolved ones, for the lead's list. */
export async function listSafeguarding(db: DB, forumId: string): Promise<{ open: SafeguardingEntry[]; resolved: SafeguardingEntry[] }> {
  const query = baseItems(db, forumId)
    .leftJoin("users as flagger", "flagger.id", "m.safeguarding_flagged_by")
    .leftJoin("users as resolver", "resolver.id", "m.safeguarding_resolved_by")
    .select([
      "m.safeguarding_note",
      "m.safeguarding_flagged_at",
      "m.safeguarding_resolution",
      "flagger.email as flagged_by",
      "resolver.email as resolved_by",
    ])
    .where("m.safeguarding", "=", 1);
  const [open, resolved] = await Promise.all([
    query.where("m.safeguarding_resolved_at", "is", null).orderBy("m.safeguarding_flagged_at").orderBy("m.id").execute(),
    query
      .where("m.safeguarding_resolved_at", "is not", null)
      .orderBy("m.safeguarding_resolved_at", "desc")
      .orderBy("m.id")
      .limit(20)
      .execute(),
  ]);
  const definitions = await publishedDefinitions(db, forumId, [...new Set([...open, ...resolved].map((r) => r.survey_version_id))]);
  const toEntry = (row: (typeof open)[number]): SafeguardingEntry => {
    const definition = definitions.get(row.survey_version_id);
    return {
      id: row.id,
      surveyTitle: definition?.title.en ?? "",
      questionTitle: questionTitle(definition, row.question_code),
      text: row.text ?? "",
      redacted: Number(row.redacted) === 1,
      note: row.safeguarding_note,
      flaggedBy: row.flagged_by,
      flaggedAt: row.safeguarding_flagged_at,
      resolvedAt: row.safeguarding_resolved_at,
      resolvedBy: row.resolved_by,
      resolution: row.safeguarding_resolution,
    };
  };
  return { open: open.map(toEntry), resolved: resolved.map(toEntry) };
}
