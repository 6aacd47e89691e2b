import type { Kysely } from "kysely";

// A stable identity for each imported response, taken from its row: the raw export's
// response_ref, or else a hash of the row. Unique per survey, so a row already imported is
// recognised and skipped, never counted twice. The import's job keeps how many it skipped.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("responses").addColumn("response_ref", "text").execute();
  await db.schema.createIndex("responses_survey_ref").unique().on("responses").columns(["survey_id", "response_ref"]).execute();
  await db.schema.alterTable("import_jobs").addColumn("skipped", "integer").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("import_jobs").dropColumn("skipped").execute();
  await db.schema.dropIndex("responses_survey_ref").execute();
  await db.schema.alterTable("responses").dropColumn("response_ref").execute();
}
