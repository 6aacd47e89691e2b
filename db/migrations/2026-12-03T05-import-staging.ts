import type { Kysely } from "kysely";

// Imports store their rows a batch at a time instead of in one long transaction, so parents'
// pages and submissions are not held up while a large file goes in.
//
// responses.import_job_id: the import that stored the row. Until that import publishes it, the
// row is `in_progress` (every reader of sent responses asks for `submitted`), so a failed or
// cut-off import leaves nothing anyone sees, and is cleaned up by its job id.
//
// import_jobs.runner: the process running the job (host, process id and a random id of that
// process's own), so a restarted server knows at once that an import its previous process was
// running has stopped, without waiting for the job to go quiet.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("responses").addColumn("import_job_id", "text").execute();
  await db.schema.alterTable("import_jobs").addColumn("runner", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("import_jobs").dropColumn("runner").execute();
  await db.schema.alterTable("responses").dropColumn("import_job_id").execute();
}
