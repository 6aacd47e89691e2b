import type { Kysely } from "kysely";

// The sha256 of an imported file's text, so the same file imported into the same survey again
// is recognised and refused unless the admin confirms it is a different wave.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("import_jobs").addColumn("content_hash", "text").execute();
  await db.schema.createIndex("import_jobs_survey_content").on("import_jobs").columns(["survey_id", "content_hash"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("import_jobs_survey_content").execute();
  await db.schema.alterTable("import_jobs").dropColumn("content_hash").execute();
}
