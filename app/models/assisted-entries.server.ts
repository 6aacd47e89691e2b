import type { DB } from "~/db.server";
import type { AssistedMode } from "~/domain/response-modes";

/**
 * A member of staff entering responses for someone, one row per browser they do it in, found by
 * the hash of the token in that browser's cookie. The row says who and in which mode; whether
 * they still may is decided afresh on every request (app/respondent/assisted.server.ts).
 */

export interface AssistedEntry {
  forumId: string;
  surveyId: string;
  userId: string;
  mode: AssistedMode;
  staffLanguage: string | null;
}

export async function createAssistedEntry(db: DB, input: AssistedEntry & { tokenHash: string; now: Date; expiresAt: Date }): Promise<void> {
  // Old rows are tidied here, where new ones are made: they are few, and nothing else reads them.
  await db.deleteFrom("assisted_entries").where("expires_at", "<=", input.now.toISOString()).execute();
  await db
    .insertInto("assisted_entries")
    .values({
      token_hash: input.tokenHash,
      forum_id: input.forumId,
      survey_id: input.surveyId,
      user_id: input.userId,
      mode: input.mode,
      staff_language: input.staffLanguage,
      created_at: input.now.toISOString(),
      expires_at: input.expiresAt.toISOString(),
    })
    .execute();
}

/** The entry a browser's token names for this survey, unless it has expired. */
export async function findAssistedEntry(db: DB, tokenHash: string, surveyId: string, now: Date): Promise<AssistedEntry | undefined> {
  const row = await db
    .selectFrom("assisted_entries")
    .select(["forum_id", "survey_id", "user_id", "mode", "staff_language"])
    .where("token_hash", "=", tokenHash)
    .where("survey_id", "=", surveyId)
    .where("expires_at", ">", now.toISOString())
    .executeTakeFirst();
  if (!row) return undefined;
  return { forumId: row.forum_id, surveyId: row.survey_id, userId: row.user_id, mode: row.mode, staffLanguage: row.staff_language };
}

/** Ends an entry: the browser's token stops working. Returns what it was, if it was. */
export async function endAssistedEntry(db: DB, tokenHash: string, surveyId: string): Promise<AssistedEntry | undefined> {
  const entry = await findAssistedEntry(db, tokenHash, surveyId, new Date(0));
  if (entry) await db.deleteFrom("assisted_entries").where("token_hash", "=", tokenHash).where("survey_id", "=", surveyId).execute();
  return entry;
}
