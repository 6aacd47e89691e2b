import type { DB } from "~/db.server";

/** Staff sessions, stored by the hash of their id (app/auth/session.server.ts decides the rules). */

export interface NewSession {
  idHash: string;
  userId: string;
  forumId: string | null;
  mfaPassed: boolean;
  createdAt: string;
  expiresAt: string;
}

export async function insertSession(db: DB, session: NewSession): Promise<void> {
  await db
    .insertInto("sessions")
    .values({
      id_hash: session.idHash,
      user_id: session.userId,
      forum_id: session.forumId,
      mfa_passed: session.mfaPassed ? 1 : 0,
      created_at: session.createdAt,
      last_seen_at: session.createdAt,
      expires_at: session.expiresAt,
    })
    .execute();
}

export async function findSession(db: DB, idHash: string) {
  return db
    .selectFrom("sessions")
    .select(["user_id", "forum_id", "mfa_passed", "last_seen_at", "expires_at"])
    .where("id_hash", "=", idHash)
    .executeTakeFirst();
}

export async function deleteSession(db: DB, idHash: string): Promise<void> {
  await db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
}

export async function touchSession(db: DB, idHash: string, at: string): Promise<void> {
  await db.updateTable("sessions").set({ last_seen_at: at }).where("id_hash", "=", idHash).execute();
}

export async function setSessionForum(db: DB, idHash: string, forumId: string): Promise<void> {
  await db.updateTable("sessions").set({ forum_id: forumId }).where("id_hash", "=", idHash).execute();
}

export async function markSessionMfaPassed(db: DB, idHash: string): Promise<void> {
  await db.updateTable("sessions").set({ mfa_passed: 1 }).where("id_hash", "=", idHash).execute();
}
