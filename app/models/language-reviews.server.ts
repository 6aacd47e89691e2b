import type { DB } from "~/db.server";

export interface LanguageReview {
  language: string;
  reviewedBy: string;
  reviewedAt: string;
}

/** The languages this forum has marked as reviewed by a native speaker, with who and when. */
export async function listLanguageReviews(db: DB, forumId: string): Promise<LanguageReview[]> {
  const rows = await db
    .selectFrom("language_reviews")
    .innerJoin("users", "users.id", "language_reviews.reviewed_by")
    .select(["language_reviews.language", "users.email", "language_reviews.reviewed_at"])
    .where("language_reviews.forum_id", "=", forumId)
    .execute();
  return rows.map((row) => ({ language: row.language, reviewedBy: row.email, reviewedAt: row.reviewed_at }));
}

/** Marks a language reviewed (by `userId`, now) or, with null, back to a draft. */
export async function setLanguageReview(db: DB, forumId: string, language: string, review: { userId: string; at: Date } | null) {
  await db.deleteFrom("language_reviews").where("forum_id", "=", forumId).where("language", "=", language).execute();
  if (review) {
    await db
      .insertInto("language_reviews")
      .values({ forum_id: forumId, language, reviewed_by: review.userId, reviewed_at: review.at.toISOString() })
      .execute();
  }
}
