import { transaction, type DB } from "~/db.server";
import { newId } from "~/codes.server";
import { type RedactionTerm, TERM_KINDS, type TermKind } from "~/domain/pii";
import { DEFAULT_THEMES } from "~/domain/themes";
import { recordAudit } from "./audit.server";
import type { ModerationActor } from "./moderation-actor.server";

// ---------------------------------------------------------------------------------------------
// Themes and the names list

/** Adds the default taxonomy to a forum; themes it already has are left as they are. */
export async function seedThemes(db: DB, forumId: string): Promise<void> {
  await db
    .insertInto("themes")
    .values(DEFAULT_THEMES.map((t, i) => ({ id: newId(), forum_id: forumId, code: t.code, label: t.label, sort: (i + 1) * 10 })))
    .onConflict((oc) => oc.columns(["forum_id", "code"]).doNothing())
    .execute();
}

export interface ThemeOption {
  code: string;
  label: string;
}

export async function listThemes(db: DB, forumId: string): Promise<ThemeOption[]> {
  return db.selectFrom("themes").select(["code", "label"]).where("forum_id", "=", forumId).orderBy("sort").orderBy("code").execute();
}

interface RedactionTermRow extends RedactionTerm {
  id: string;
}

export async function listRedactionTerms(db: DB, forumId: string): Promise<RedactionTermRow[]> {
  const rows = await db
    .selectFrom("redaction_terms")
    .select(["id", "term", "kind"])
    .where("forum_id", "=", forumId)
    .orderBy("kind")
    .orderBy("term")
    .execute();
  return rows.map((r) => ({ id: r.id, term: r.term, kind: (TERM_KINDS as readonly string[]).includes(r.kind) ? r.kind : "other" }));
}

export async function addRedactionTerm(
  db: DB,
  actor: ModerationActor,
  input: { term: string; kind: TermKind },
): Promise<{ status: "added"; id: string } | { status: "duplicate" }> {
  const term = input.term.trim().replace(/\s+/gu, " ");
  return transaction(db, async (trx) => {
    // Case-insensitive duplicates are compared in code: lower() differs between stores for non-ASCII.
    const existing = await trx.selectFrom("redaction_terms").select(["term"]).where("forum_id", "=", actor.forumId).execute();
    if (existing.some((e) => e.term.toLocaleLowerCase("en-GB") === term.toLocaleLowerCase("en-GB")))
      return { status: "duplicate" } as const;
    const id = newId();
    await trx
      .insertInto("redaction_terms")
      .values({ id, forum_id: actor.forumId, term, kind: input.kind, created_at: new Date().toISOString() })
      .execute();
    // The name itself stays out of the audit log: staff names are personal data too.
    await recordAudit(trx, {
      forumId: actor.forumId,
      actor: actor.user.id,
      action: "moderation.term_added",
      subject: id,
      detail: { kind: input.kind },
    });
    return { status: "added", id } as const;
  });
}

export async function removeRedactionTerm(db: DB, actor: ModerationActor, termId: string): Promise<boolean> {
  return transaction(db, async (trx) => {
    const deleted = await trx
      .deleteFrom("redaction_terms")
      .where("id", "=", termId)
      .where("forum_id", "=", actor.forumId)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) return false;
    await recordAudit(trx, { forumId: actor.forumId, actor: actor.user.id, action: "moderation.term_removed", subject: termId });
    return true;
  });
}
