/**
 * Installation operators: the people who run the installation itself. They may create forums and
 * import outside forums' counts files from the web pages, as the command-line tools do; nothing
 * else follows from it, and being a forum's admin never makes anyone one. Granted and withdrawn
 * only from the command line (`npm run staff -- operator`), audited in the installation's log
 * (entries with no forum) and in each forum the person belongs to.
 */
import type { DB } from "~/db.server";
import { recordAudit } from "./audit.server";
import { listMemberships } from "./users.server";

export async function isOperator(db: DB, userId: string): Promise<boolean> {
  const row = await db.selectFrom("installation_operators").select("user_id").where("user_id", "=", userId).executeTakeFirst();
  return row !== undefined;
}

/** The operators, by email. */
export async function listOperators(db: DB): Promise<{ email: string; grantedAt: string }[]> {
  const rows = await db
    .selectFrom("installation_operators")
    .innerJoin("users", "users.id", "installation_operators.user_id")
    .select(["users.email", "installation_operators.granted_at"])
    .orderBy("users.email")
    .execute();
  return rows.map((r) => ({ email: r.email, grantedAt: r.granted_at }));
}

async function auditEverywhere(db: DB, userId: string, actor: string, action: string): Promise<void> {
  const forums = [null, ...(await listMemberships(db, userId)).map((m) => m.forumId)];
  for (const forumId of forums) await recordAudit(db, { forumId, actor, action, subject: userId });
}

/** Makes someone an operator; `changed` false (nothing audited) when they already are. */
export async function grantOperator(db: DB, input: { userId: string; actor: string; now?: Date }): Promise<{ changed: boolean }> {
  if (await isOperator(db, input.userId)) return { changed: false };
  await db
    .insertInto("installation_operators")
    .values({ user_id: input.userId, granted_at: (input.now ?? new Date()).toISOString(), granted_by: input.actor })
    .onConflict((oc) => oc.column("user_id").doNothing())
    .execute();
  await auditEverywhere(db, input.userId, input.actor, "operator.granted");
  return { changed: true };
}

/** Withdraws the permission; `changed` false (nothing audited) when they were not an operator. */
export async function withdrawOperator(db: DB, input: { userId: string; actor: string }): Promise<{ changed: boolean }> {
  const result = await db.deleteFrom("installation_operators").where("user_id", "=", input.userId).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) return { changed: false };
  await auditEverywhere(db, input.userId, input.actor, "operator.withdrawn");
  return { changed: true };
}
