import { randomBytes } from "node:crypto";
import { transaction, type DB } from "~/db.server";
import { hashToken, newId } from "~/codes.server";
import { recordAudit } from "./audit.server";

/**
 * Bearer tokens for the read-only KPI API (GET /api/v1/kpis). A forum's admins issue and revoke
 * them; each token reads only its own forum's aggregates (SDC-1 applied), never a response.
 *
 * The token is 32 random bytes, shown once; the database keeps only its sha256. A slow hash
 * (scrypt) is for guessable secrets such as passwords: a 256-bit random token cannot be guessed,
 * and a fast hash lets every API request find its token with one indexed lookup.
 */

/** Recognisable in a leaked log or a secret scanner. */
export const API_TOKEN_PREFIX = "pcfkpi_";
const TOKEN_SHAPE = /^pcfkpi_[A-Za-z0-9_-]{43}$/;

export interface ApiTokenSummary {
  id: string;
  label: string;
  createdAt: string;
  createdByEmail: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Issues a token for the forum; returns it once (nothing can show it again). */
export async function createApiToken(
  db: DB,
  input: { forumId: string; label: string; createdBy: string },
): Promise<{ id: string; token: string }> {
  const token = API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const id = newId();
  await transaction(db, async (trx) => {
    await trx
      .insertInto("api_tokens")
      .values({
        id,
        forum_id: input.forumId,
        label: input.label,
        token_hash: hashToken(token),
        created_by: input.createdBy,
        created_at: new Date().toISOString(),
        last_used_at: null,
        revoked_at: null,
        revoked_by: null,
      })
      .execute();
    await recordAudit(trx, { forumId: input.forumId, actor: input.createdBy, action: "api_token.created", subject: id });
  });
  return { id, token };
}

/** The forum's tokens, newest first: labels and dates only (the hash never leaves this module). */
export async function listApiTokens(db: DB, forumId: string): Promise<ApiTokenSummary[]> {
  const rows = await db
    .selectFrom("api_tokens")
    .leftJoin("users", "users.id", "api_tokens.created_by")
    .select([
      "api_tokens.id",
      "api_tokens.label",
      "api_tokens.created_at",
      "users.email",
      "api_tokens.last_used_at",
      "api_tokens.revoked_at",
    ])
    .where("api_tokens.forum_id", "=", forumId)
    .orderBy("api_tokens.created_at", "desc")
    .orderBy("api_tokens.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    createdAt: r.created_at,
    createdByEmail: r.email ?? null,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

/** Revokes a token of the forum. False when there is no such live token in this forum. */
export async function revokeApiToken(db: DB, input: { forumId: string; tokenId: string; revokedBy: string }): Promise<boolean> {
  return transaction(db, async (trx) => {
    const updated = await trx
      .updateTable("api_tokens")
      .set({ revoked_at: new Date().toISOString(), revoked_by: input.revokedBy })
      .where("id", "=", input.tokenId)
      .where("forum_id", "=", input.forumId)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    await recordAudit(trx, { forumId: input.forumId, actor: input.revokedBy, action: "api_token.revoked", subject: input.tokenId });
    return true;
  });
}

export interface ApiCaller {
  tokenId: string;
  forumId: string;
}

/**
 * The forum a presented token belongs to, or undefined for a malformed, unknown or revoked token.
 * Records when it was last used (at most once a minute, to keep reads cheap).
 */
export async function authenticateApiToken(db: DB, token: string): Promise<ApiCaller | undefined> {
  if (!TOKEN_SHAPE.test(token)) return undefined;
  const row = await db
    .selectFrom("api_tokens")
    .select(["id", "forum_id", "last_used_at"])
    .where("token_hash", "=", hashToken(token))
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  if (!row) return undefined;
  const now = new Date();
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000) {
    await db.updateTable("api_tokens").set({ last_used_at: now.toISOString() }).where("id", "=", row.id).execute();
  }
  return { tokenId: row.id, forumId: row.forum_id };
}

/** The token in an `Authorization: Bearer <token>` header, if there is one. */
export function bearerToken(request: Request): string | undefined {
  const header = request.headers.get("Authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : undefined;
}
