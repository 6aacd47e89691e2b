/** The register's public pages: published, public items only. */
import type { DB } from "~/db.server";
import type { YswdStatus } from "~/domain/yswd";
import { findForumBySlug, type ForumSummary } from "../forums.server";
import { type EvidenceSurvey, evidenceSurveys } from "./choices.server";
import {
  type HistoryEntry,
  type ItemEvidence,
  itemEvidence,
  itemHistory,
  itemQuery,
  themeFilter,
  toItems,
  type YswdItem,
} from "./items.server";

// ---------------------------------------------------------------------------------------------
// Public pages

/** The forum a public page is about: named by slug, or the only forum there is. */
export type PublicForum =
  { kind: "forum"; forum: ForumSummary; qualified: boolean } | { kind: "choose"; forums: ForumSummary[] } | { kind: "none" };

export async function resolvePublicForum(db: DB, slug: string | null): Promise<PublicForum> {
  if (slug) {
    const forum = await findForumBySlug(db, slug);
    return forum ? { kind: "forum", forum, qualified: true } : { kind: "none" };
  }
  const forums = await db.selectFrom("forums").select(["id", "slug", "name", "colour"]).orderBy("name").limit(500).execute();
  if (forums.length === 0) return { kind: "none" };
  if (forums.length === 1) return { kind: "forum", forum: forums[0], qualified: false };
  return { kind: "choose", forums };
}

function publicQuery(db: DB, forumId: string) {
  return itemQuery(db, forumId).where("i.published_at", "is not", null).where("i.visibility", "=", "public");
}

/** Published, public items only: never a draft, never a board-only item. */
export async function listPublicItems(db: DB, forumId: string, filter: { theme?: string; status?: YswdStatus } = {}): Promise<YswdItem[]> {
  let query = publicQuery(db, forumId);
  if (filter.status) query = query.where("i.status", "=", filter.status);
  if (filter.theme) query = query.where(themeFilter(forumId, filter.theme));
  const rows = await query.orderBy("i.raised_on", "desc").orderBy("i.reference", "desc").execute();
  return toItems(db, forumId, rows);
}

export interface PublicItemPage {
  item: YswdItem;
  evidence: ItemEvidence;
  history: HistoryEntry[];
  survey: EvidenceSurvey | null;
}

export async function getPublicItem(db: DB, forumId: string, reference: string): Promise<PublicItemPage | undefined> {
  const row = await publicQuery(db, forumId).where("i.reference", "=", reference).executeTakeFirst();
  if (!row) return undefined;
  const [item] = await toItems(db, forumId, [row]);
  const evidence = await itemEvidence(db, forumId, item);
  const survey = item.evidence.surveyId
    ? ((await evidenceSurveys(db, forumId)).find((s) => s.id === item.evidence.surveyId) ?? null)
    : null;
  return { item, evidence, history: await itemHistory(db, forumId, item.id), survey };
}

/** The public items for the Atom feed, most recently updated first. */
export async function feedItems(db: DB, forumId: string, limit = 50): Promise<YswdItem[]> {
  const rows = await publicQuery(db, forumId).orderBy("i.updated_at", "desc").limit(limit).execute();
  return toItems(db, forumId, rows);
}
