import { transaction, type DB } from "~/db.server";
import { recordAudit } from "./audit.server";
import { eraseDeletedFromDisk } from "./erasure.server";
import { markKpisStale } from "./kpi-stale.server";

/** An import of this survey that stored responses, for the import page's list. */
export interface PastImport {
  jobId: string;
  startedAt: string;
  /** Responses of the import still stored (retention or withdrawals may have removed some). */
  responses: number;
}

export async function listImports(db: DB, forumId: string, surveyId: string): Promise<PastImport[]> {
  const rows = await db
    .selectFrom("import_jobs as j")
    .leftJoin("responses as r", "r.import_job_id", "j.id")
    .select((eb) => ["j.id", "j.started_at", eb.fn.count<number>("r.id").as("n")])
    .where("j.forum_id", "=", forumId)
    .where("j.survey_id", "=", surveyId)
    .where("j.status", "=", "imported")
    .groupBy(["j.id", "j.started_at"])
    .orderBy("j.started_at", "desc")
    .execute();
  return rows.map((r) => ({ jobId: r.id, startedAt: r.started_at, responses: Number(r.n) }));
}

/**
 * Undoes an import as a whole: its responses go with everything attached, their months are
 * marked for counting again (so every figure drops them), and the job is forgotten, so the same
 * file may be imported again without the "different wave" question. Audited with the count.
 * Returns the number of responses removed, or null when there is no such finished import.
 */
export async function undoImport(db: DB, forumId: string, surveyId: string, jobId: string, actor: string): Promise<number | null> {
  const removed = await transaction(db, async (trx) => {
    const job = await trx
      .selectFrom("import_jobs")
      .select("id")
      .where("id", "=", jobId)
      .where("forum_id", "=", forumId)
      .where("survey_id", "=", surveyId)
      .where("status", "=", "imported")
      .executeTakeFirst();
    if (!job) return null;
    const ids = trx.selectFrom("responses").select("id").where("import_job_id", "=", jobId).where("forum_id", "=", forumId);
    const dates = await trx
      .selectFrom("responses")
      .select("submitted_on")
      .distinct()
      .where("import_job_id", "=", jobId)
      .where("forum_id", "=", forumId)
      .execute();
    // Explicit deletes, as withdrawal and retention do: not left to the connection's foreign-key mode.
    const items = trx.selectFrom("moderation_items").select("id").where("response_id", "in", ids);
    await trx.deleteFrom("yswd_quotes").where("moderation_item_id", "in", items).execute();
    await trx.deleteFrom("moderation_item_themes").where("item_id", "in", items).execute();
    await trx.deleteFrom("moderation_items").where("response_id", "in", ids).execute();
    await trx.deleteFrom("answers").where("response_id", "in", ids).execute();
    await trx.deleteFrom("consents").where("response_id", "in", ids).execute();
    await trx.deleteFrom("follow_up_contacts").where("response_id", "in", ids).execute();
    const deleted = await trx.deleteFrom("responses").where("import_job_id", "=", jobId).where("forum_id", "=", forumId).executeTakeFirst();
    await markKpisStale(
      trx,
      surveyId,
      dates.flatMap((d) => (d.submitted_on ? [d.submitted_on] : [])),
    );
    await trx.deleteFrom("import_jobs").where("id", "=", jobId).execute();
    const count = Number(deleted.numDeletedRows);
    await recordAudit(trx, { forumId, actor, action: "responses.import_undone", subject: surveyId, detail: { responses: count } });
    return count;
  });
  if (removed !== null) await eraseDeletedFromDisk(db);
  return removed;
}
