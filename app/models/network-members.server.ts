/**
 * Membership of the network of forums (NB-1): a forum joins by an admin's choice, audited and
 * reversible, and from then on shares its aggregate counts. A forum hosted here is known by its
 * code (its slug); a forum on an installation of its own, by the code in its counts files.
 */
import { transaction, type DB } from "~/db.server";
import { recordAudit } from "./audit.server";
import { findForumByCode } from "./forum-setup.server";

/** A network request the caller can put right (an unknown forum code, a bad template). */
export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NetworkError";
  }
}

export interface NetworkMember {
  code: string;
  name: string;
  /** The forum hosted here, or null for one on an installation of its own. */
  forumId: string | null;
  joinedAt: string;
  /** Null while the forum is in the network. */
  leftAt: string | null;
}

/** Every forum that has ever joined, by code; `current` for those in the network now. */
export async function listNetworkMembers(db: DB, options: { current?: boolean } = {}): Promise<NetworkMember[]> {
  let query = db
    .selectFrom("network_members")
    .leftJoin("forums", "forums.id", "network_members.forum_id")
    .select([
      "network_members.forum_code",
      "network_members.forum_id",
      "network_members.joined_at",
      "network_members.left_at",
      "forums.name",
    ])
    .orderBy("network_members.forum_code");
  if (options.current) query = query.where("network_members.left_at", "is", null);
  const rows = await query.execute();
  const members: NetworkMember[] = [];
  for (const row of rows) {
    members.push({
      code: row.forum_code,
      name: row.name ?? (await outsideForumName(db, row.forum_code)) ?? row.forum_code,
      forumId: row.forum_id,
      joinedAt: row.joined_at,
      leftAt: row.left_at,
    });
  }
  return members;
}

/** A forum's place in the network, for its admin page: null if it has never joined. */
export async function networkMembership(
  db: DB,
  forumId: string,
): Promise<{ member: boolean; joinedAt: string; leftAt: string | null } | null> {
  const row = await db.selectFrom("network_members").select(["joined_at", "left_at"]).where("forum_id", "=", forumId).executeTakeFirst();
  return row ? { member: row.left_at === null, joinedAt: row.joined_at, leftAt: row.left_at } : null;
}

/** The name an outside forum's latest counts file gives it. */
export async function outsideForumName(db: DB, code: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("network_counts")
    .select("forum_name")
    .where("forum_code", "=", code)
    .orderBy("imported_at", "desc")
    .executeTakeFirst();
  return row?.forum_name;
}

interface MembershipChange {
  /** The forum's code. */
  code: string;
  /** A user id, or `command line`. */
  actor: string;
  now?: Date;
}

/** Which forum a code names: hosted here, or known from counts files or an earlier membership. */
async function resolveForum(db: DB, code: string): Promise<{ forumId: string | null; name: string }> {
  const local = await findForumByCode(db, code);
  if (local) return { forumId: local.id, name: local.name };
  const known = await db.selectFrom("network_members").select("forum_code").where("forum_code", "=", code).executeTakeFirst();
  const name = await outsideForumName(db, code);
  if (known || name) return { forumId: null, name: name ?? code };
  throw new NetworkError(
    `No forum has the code ${code}: a forum hosted here is known by its code (npm run forum -- list), ` +
      "and a forum on an installation of its own joins when its first counts file is imported.",
  );
}

/**
 * Puts a forum in the network (again). A forum already in it is left as it is: `changed` false,
 * nothing audited. Audited in the forum's own log when it is hosted here.
 */
export async function joinNetwork(db: DB, change: MembershipChange): Promise<{ code: string; name: string; changed: boolean }> {
  return transaction(db, async (trx) => {
    const forum = await resolveForum(trx, change.code);
    const at = (change.now ?? new Date()).toISOString();
    const existing = await trx.selectFrom("network_members").select("left_at").where("forum_code", "=", change.code).executeTakeFirst();
    if (existing && existing.left_at === null) return { code: change.code, name: forum.name, changed: false };
    await trx
      .insertInto("network_members")
      .values({ forum_code: change.code, forum_id: forum.forumId, joined_at: at, left_at: null })
      .onConflict((oc) => oc.column("forum_code").doUpdateSet({ joined_at: at, left_at: null }))
      .execute();
    await recordAudit(trx, {
      forumId: forum.forumId,
      actor: change.actor,
      action: "network.joined",
      subject: change.code,
      detail: { hosted: forum.forumId ? "here" : "elsewhere" },
    });
    return { code: change.code, name: forum.name, changed: true };
  });
}

/**
 * Takes a forum out of the network: from now on none of its counts reach any network figure.
 * Its counts files are kept, so joining again needs no new file. A forum not in the network is
 * left as it is (`changed` false, nothing audited).
 */
export async function leaveNetwork(db: DB, change: MembershipChange): Promise<{ code: string; name: string; changed: boolean }> {
  return transaction(db, async (trx) => {
    const forum = await resolveForum(trx, change.code);
    const at = (change.now ?? new Date()).toISOString();
    const left = await trx
      .updateTable("network_members")
      .set({ left_at: at })
      .where("forum_code", "=", change.code)
      .where("left_at", "is", null)
      .executeTakeFirst();
    if (Number(left.numUpdatedRows) === 0) return { code: change.code, name: forum.name, changed: false };
    await recordAudit(trx, {
      forumId: forum.forumId,
      actor: change.actor,
      action: "network.left",
      subject: change.code,
      detail: { hosted: forum.forumId ? "here" : "elsewhere" },
    });
    return { code: change.code, name: forum.name, changed: true };
  });
}
