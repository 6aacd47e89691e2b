/**
 * Writing the register's items: drafting, editing, status changes, publishing, unpublishing and
 * deleting.
 *
 * Moderators draft and edit drafts; only admins publish, unpublish, delete or edit a published
 * item. Every change is recorded in the audit log (ids, codes and statuses only, never text).
 */
import { newId } from "~/codes.server";
import { transaction, type DB } from "~/db.server";
import { londonDate } from "~/domain/periods";
import { isClosingStatus, itemProblems, nextReference, statusChangeProblems, type YswdRuleItem, type YswdStatus } from "~/domain/yswd";
import { recordAudit } from "../audit.server";
import { type CheckedEvidence, checkEvidence, checkQuotes, type FigureCache } from "./evidence.server";
import { evidenceFor, getItem, itemEvidence, publishingProblems, ruleItem, type YswdItem } from "./items.server";
import {
  clean,
  type FieldProblem,
  type SaveResult,
  SYSTEM_NOTE_LIMIT,
  today,
  type YswdActor,
  type YswdInput,
  YswdNotAllowed,
  type YswdTranslation,
  type YswdTranslations,
} from "./shared.server";
import { isUniqueViolation } from "../dialect.server";

// ---------------------------------------------------------------------------------------------
// Writing items

function assertCanEdit(actor: YswdActor, item: { publishedAt: string | null }): void {
  if (actor.role === "admin") return;
  if (actor.role !== "moderator") throw new YswdNotAllowed("only admins and moderators keep the register");
  if (item.publishedAt) throw new YswdNotAllowed("only admins change a published item");
}

function assertAdmin(actor: YswdActor, what: string): void {
  if (actor.role !== "admin") throw new YswdNotAllowed(`only admins ${what}`);
}

function cleanTranslations(translations: YswdTranslations): YswdTranslations {
  const result: YswdTranslations = {};
  for (const [language, t] of Object.entries(translations)) {
    if (!t || !/^[a-z]{2,3}$/.test(language)) continue;
    const entry: YswdTranslation = {};
    for (const key of ["title", "saidPlain", "saidEasyRead", "whatDone", "notPossibleReason"] as const) {
      const value = clean(t[key]);
      if (value) entry[key] = value;
    }
    if (Object.keys(entry).length > 0) result[language] = entry;
  }
  return result;
}

async function themeIds(db: DB, forumId: string, codes: string[]): Promise<{ ids: string[]; problem?: FieldProblem }> {
  const wanted = [...new Set(codes)];
  if (wanted.length === 0) return { ids: [], problem: { field: "themes", message: "Choose at least one theme" } };
  const rows = await db.selectFrom("themes").select(["id", "code"]).where("forum_id", "=", forumId).where("code", "in", wanted).execute();
  if (rows.length !== wanted.length) return { ids: [], problem: { field: "themes", message: "Choose themes from the list" } };
  const byCode = new Map(rows.map((r) => [r.code, r.id]));
  return { ids: wanted.flatMap((c) => byCode.get(c) ?? []) };
}

async function setItemThemes(db: DB, itemId: string, ids: string[]): Promise<void> {
  await db.deleteFrom("yswd_item_themes").where("item_id", "=", itemId).execute();
  if (ids.length > 0) {
    await db
      .insertInto("yswd_item_themes")
      .values(ids.map((theme_id, sort) => ({ item_id: itemId, theme_id, sort })))
      .execute();
  }
}

async function setItemQuotes(db: DB, itemId: string, quoteIds: string[]): Promise<void> {
  await db.deleteFrom("yswd_quotes").where("item_id", "=", itemId).execute();
  const ids = [...new Set(quoteIds)];
  if (ids.length > 0) {
    const now = new Date().toISOString();
    await db
      .insertInto("yswd_quotes")
      .values(ids.map((moderation_item_id) => ({ item_id: itemId, moderation_item_id, created_at: now })))
      .execute();
  }
}

/** Checks a whole item as entered; `status` is the status it has (or starts with). */
async function checkInput(
  db: DB,
  forumId: string,
  input: YswdInput,
  status: YswdStatus,
): Promise<{ problems: FieldProblem[]; themeIds: string[]; evidence: CheckedEvidence | null }> {
  const problems: FieldProblem[] = [];
  const themes = await themeIds(db, forumId, input.themes);
  if (themes.problem) problems.push(themes.problem);
  const { evidence, problems: evidenceProblems } = await checkEvidence(db, forumId, input.evidence);
  problems.push(...evidenceProblems);
  if (evidenceProblems.length === 0) problems.push(...(await checkQuotes(db, forumId, evidence, input.quoteIds)));
  problems.push(...itemProblems({ ...inputRuleItem(input), status }));
  return { problems, themeIds: themes.ids, evidence };
}

function inputRuleItem(input: YswdInput): Omit<YswdRuleItem, "status"> {
  return {
    whatDone: clean(input.whatDone),
    notPossibleReason: clean(input.notPossibleReason),
    raisedOn: input.raisedOn,
    responsePublishedOn: input.responsePublishedOn,
    targetOn: input.targetOn,
    completedOn: input.completedOn,
    nextReviewOn: input.nextReviewOn,
  };
}

function itemColumns(input: YswdInput, evidence: CheckedEvidence | null) {
  return {
    title: input.title.trim(),
    said_plain: input.saidPlain.trim(),
    said_easy_read: clean(input.saidEasyRead),
    translations: JSON.stringify(cleanTranslations(input.translations)),
    survey_id: evidence?.surveyId ?? null,
    period_type: evidence?.periodType ?? null,
    period: evidence?.period ?? null,
    segment_type: evidence?.segmentType ?? null,
    segment_value: evidence?.segmentValue ?? null,
    kpi_id: evidence?.kpiId ?? null,
    what_done: clean(input.whatDone),
    not_possible_reason: clean(input.notPossibleReason),
    involvement: input.involvement,
    owner_org: input.ownerOrg.trim(),
    owner_role: input.ownerRole.trim(),
    visibility: input.visibility,
    raised_on: input.raisedOn,
    response_published_on: input.responsePublishedOn,
    target_on: input.targetOn,
    completed_on: input.completedOn,
    next_review_on: input.nextReviewOn,
  };
}

/** Drafts a new item (unpublished) with the next reference of the year it was raised. */
export async function createItem(db: DB, actor: YswdActor, input: YswdInput, options: { status?: YswdStatus } = {}): Promise<SaveResult> {
  if (actor.role !== "admin" && actor.role !== "moderator") throw new YswdNotAllowed("only admins and moderators keep the register");
  const status = options.status ?? "received";
  const checked = await checkInput(db, actor.forumId, input, status);
  if (checked.problems.length > 0) return { status: "invalid", problems: checked.problems };
  const year = Number(input.raisedOn.slice(0, 4));
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction(db, async (trx) => {
        const existing = await trx
          .selectFrom("yswd_items")
          .select("reference")
          .where("forum_id", "=", actor.forumId)
          .where("reference", "like", `YSWD-${year}-%`)
          .execute();
        const reference = nextReference(
          existing.map((r) => r.reference),
          year,
        );
        const id = newId();
        const now = new Date().toISOString();
        await trx
          .insertInto("yswd_items")
          .values({
            id,
            forum_id: actor.forumId,
            reference,
            ...itemColumns(input, checked.evidence),
            status,
            published_at: null,
            created_by: actor.user.id,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await setItemThemes(trx, id, checked.themeIds);
        await setItemQuotes(trx, id, input.quoteIds);
        await trx
          .insertInto("yswd_status_history")
          .values({
            id: newId(),
            forum_id: actor.forumId,
            item_id: id,
            status,
            changed_on: input.raisedOn,
            note: null,
            changed_by: actor.user.id,
            recorded_at: now,
          })
          .execute();
        await recordAudit(trx, {
          forumId: actor.forumId,
          actor: actor.user.id,
          action: "yswd.created",
          subject: id,
          detail: { reference, status },
        });
        return { status: "saved" as const, id, reference };
      });
    } catch (error) {
      // Two drafts raised at once may take the same number: the second tries the next one.
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/**
 * Saves an item's content, themes, evidence and quotes (its status changes through changeStatus).
 * A published item must still meet everything publishing needs, so an edit cannot quietly
 * remove its evidence.
 */
export async function updateItem(db: DB, actor: YswdActor, itemId: string, input: YswdInput): Promise<SaveResult> {
  const item = await getItem(db, actor.forumId, itemId);
  if (!item) return { status: "not_found" };
  assertCanEdit(actor, item);
  const checked = await checkInput(db, actor.forumId, input, item.status);
  if (checked.problems.length > 0) return { status: "invalid", problems: checked.problems };
  if (item.publishedAt) {
    const after: YswdItem = { ...item, ...inputRuleItem(input), status: item.status };
    const evidence = await evidenceFor(db, actor.forumId, input.evidence, input.quoteIds);
    const problems = publishingProblems(after, evidence);
    if (problems.length > 0)
      return { status: "invalid", problems: problems.map((p) => ({ field: p.field, message: p.message, code: p.code })) };
  }
  await transaction(db, async (trx) => {
    await trx
      .updateTable("yswd_items")
      .set({ ...itemColumns(input, checked.evidence), updated_at: new Date().toISOString() })
      .where("id", "=", itemId)
      .where("forum_id", "=", actor.forumId)
      .execute();
    await setItemThemes(trx, itemId, checked.themeIds);
    await setItemQuotes(trx, itemId, input.quoteIds);
    await recordAudit(trx, {
      forumId: actor.forumId,
      actor: actor.user.id,
      action: "yswd.updated",
      subject: itemId,
      detail: { reference: item.reference },
    });
  });
  return { status: "saved", id: itemId, reference: item.reference };
}

export type StatusChangeResult = { status: "changed" } | { status: "invalid"; problems: FieldProblem[] } | { status: "not_found" };

/**
 * Moves an item along the workflow with a dated history entry. Done and not possible set the
 * completion date (the date given, or today); reopening clears it. The note is public on a
 * published item's page.
 */
export async function changeStatus(
  db: DB,
  actor: YswdActor,
  itemId: string,
  change: { to: YswdStatus; note?: string | null; on?: string | null },
): Promise<StatusChangeResult> {
  const item = await getItem(db, actor.forumId, itemId);
  if (!item) return { status: "not_found" };
  assertCanEdit(actor, item);
  const on = change.on ?? today();
  const problems: FieldProblem[] = statusChangeProblems(ruleItem(item), change.to).map((p) => ({
    field: p.field,
    message: p.message,
    code: p.code,
  }));
  if (on < item.raisedOn)
    problems.push({ field: "on", message: "The date of the change must be on or after the date the item was raised" });
  const note = clean(change.note);
  if (note && note.length > SYSTEM_NOTE_LIMIT) problems.push({ field: "note", message: "The note must be 2,000 characters or fewer" });
  if (problems.length > 0) return { status: "invalid", problems };
  const completedOn = isClosingStatus(change.to) ? on : change.to === "superseded" ? item.completedOn : null;
  await transaction(db, async (trx) => {
    const now = new Date().toISOString();
    await trx
      .updateTable("yswd_items")
      .set({ status: change.to, completed_on: completedOn, updated_at: now })
      .where("id", "=", itemId)
      .where("forum_id", "=", actor.forumId)
      .execute();
    await trx
      .insertInto("yswd_status_history")
      .values({
        id: newId(),
        forum_id: actor.forumId,
        item_id: itemId,
        status: change.to,
        changed_on: on,
        note,
        changed_by: actor.user.id,
        recorded_at: now,
      })
      .execute();
    await recordAudit(trx, {
      forumId: actor.forumId,
      actor: actor.user.id,
      action: "yswd.status_changed",
      subject: itemId,
      detail: { reference: item.reference, from: item.status, to: change.to },
    });
  });
  return { status: "changed" };
}

export type PublishResult = { status: "published" } | { status: "invalid"; problems: FieldProblem[] } | { status: "not_found" };

/**
 * Publishes an item (to the public pages, or to the board only, by its visibility). Needs its
 * status rules met and at least one piece of approved evidence: a KPI figure SDC-1 lets through,
 * or an attached quote that may be shown. Sets the response-published date if it has none.
 */
export async function publishItem(db: DB, actor: YswdActor, itemId: string, cache?: FigureCache): Promise<PublishResult> {
  assertAdmin(actor, "publish");
  const item = await getItem(db, actor.forumId, itemId);
  if (!item) return { status: "not_found" };
  const evidence = await itemEvidence(db, actor.forumId, item, cache);
  const problems = publishingProblems(item, evidence);
  if (problems.length > 0)
    return { status: "invalid", problems: problems.map((p) => ({ field: p.field, message: p.message, code: p.code })) };
  await transaction(db, async (trx) => {
    const now = new Date().toISOString();
    await trx
      .updateTable("yswd_items")
      .set({ published_at: item.publishedAt ?? now, response_published_on: item.responsePublishedOn ?? londonDate(now), updated_at: now })
      .where("id", "=", itemId)
      .where("forum_id", "=", actor.forumId)
      .execute();
    await recordAudit(trx, {
      forumId: actor.forumId,
      actor: actor.user.id,
      action: "yswd.published",
      subject: itemId,
      detail: { reference: item.reference, visibility: item.visibility },
    });
  });
  return { status: "published" };
}

export async function unpublishItem(db: DB, actor: YswdActor, itemId: string): Promise<boolean> {
  assertAdmin(actor, "unpublish");
  return transaction(db, async (trx) => {
    const item = await trx
      .selectFrom("yswd_items")
      .select(["reference"])
      .where("id", "=", itemId)
      .where("forum_id", "=", actor.forumId)
      .executeTakeFirst();
    if (!item) return false;
    await trx
      .updateTable("yswd_items")
      .set({ published_at: null, updated_at: new Date().toISOString() })
      .where("id", "=", itemId)
      .where("forum_id", "=", actor.forumId)
      .execute();
    await recordAudit(trx, {
      forumId: actor.forumId,
      actor: actor.user.id,
      action: "yswd.unpublished",
      subject: itemId,
      detail: { reference: item.reference },
    });
    return true;
  });
}

/**
 * Deletes an item: its content, themes, quotes and history go, and an empty row keeps the
 * reference taken, so a reference someone has written down never points at another item.
 */
export async function deleteItem(db: DB, actor: YswdActor, itemId: string): Promise<boolean> {
  assertAdmin(actor, "delete");
  return transaction(db, async (trx) => {
    const item = await trx
      .selectFrom("yswd_items")
      .select(["reference"])
      .where("id", "=", itemId)
      .where("forum_id", "=", actor.forumId)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (!item) return false;
    await trx.deleteFrom("yswd_quotes").where("item_id", "=", itemId).execute();
    await trx.deleteFrom("yswd_item_themes").where("item_id", "=", itemId).execute();
    await trx.deleteFrom("yswd_status_history").where("item_id", "=", itemId).execute();
    const now = new Date().toISOString();
    await trx
      .updateTable("yswd_items")
      .set({
        title: "",
        said_plain: "",
        said_easy_read: null,
        translations: "{}",
        what_done: null,
        not_possible_reason: null,
        owner_org: "",
        owner_role: "",
        published_at: null,
        deleted_at: now,
        updated_at: now,
      })
      .where("id", "=", itemId)
      .where("forum_id", "=", actor.forumId)
      .execute();
    await recordAudit(trx, {
      forumId: actor.forumId,
      actor: actor.user.id,
      action: "yswd.deleted",
      subject: itemId,
      detail: { reference: item.reference },
    });
    return true;
  });
}
