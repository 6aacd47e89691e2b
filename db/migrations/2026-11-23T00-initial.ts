import type { Kysely } from "kysely";

// Frozen in time: written against Kysely<any>, never against the current schema types.
// Only portable types (text, integer, double precision) so SQLite and PostgreSQL share it.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("forums")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("colour", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("surveys")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("forum_id", "text", (c) => c.notNull().references("forums.id").onDelete("cascade"))
    .addColumn("slug", "text", (c) => c.notNull())
    .addColumn("public_id", "text", (c) => c.notNull().unique())
    .addColumn("audience", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("current_version_id", "text")
    .addColumn("opens_at", "text")
    .addColumn("closes_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("surveys_forum_slug", ["forum_id", "slug"])
    .execute();

  await db.schema
    .createTable("survey_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("forum_id", "text", (c) => c.notNull().references("forums.id").onDelete("cascade"))
    .addColumn("survey_id", "text", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("version_no", "integer", (c) => c.notNull())
    .addColumn("definition", "text", (c) => c.notNull())
    .addColumn("published_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("survey_versions_survey_no", ["survey_id", "version_no"])
    .execute();

  await db.schema
    .createTable("responses")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("forum_id", "text", (c) => c.notNull().references("forums.id").onDelete("cascade"))
    .addColumn("survey_id", "text", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("survey_version_id", "text", (c) => c.notNull().references("survey_versions.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("respondent_role", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("idempotency_key", "text", (c) => c.unique())
    .addColumn("resume_hash", "text", (c) => c.unique())
    .addColumn("receipt_hash", "text", (c) => c.unique())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("submitted_at", "text")
    .addColumn("submitted_on", "text")
    .execute();
  await db.schema.createIndex("responses_survey_submitted").on("responses").columns(["survey_id", "status", "submitted_on"]).execute();

  await db.schema
    .createTable("answers")
    .addColumn("response_id", "text", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("forum_id", "text", (c) => c.notNull())
    .addColumn("question_code", "text", (c) => c.notNull())
    .addColumn("ordinal", "integer", (c) => c.notNull())
    .addColumn("option_code", "text")
    .addColumn("text_value", "text")
    .addColumn("number_value", "double precision")
    .addPrimaryKeyConstraint("answers_pk", ["response_id", "question_code", "ordinal"])
    .execute();

  await db.schema
    .createTable("consents")
    .addColumn("response_id", "text", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("forum_id", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("granted", "integer", (c) => c.notNull())
    .addColumn("wording_version", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("consents_pk", ["response_id", "purpose"])
    .execute();

  await db.schema
    .createTable("follow_up_contacts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("forum_id", "text", (c) => c.notNull().references("forums.id").onDelete("cascade"))
    .addColumn("response_id", "text", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("contact", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("forum_id", "text")
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("subject", "text")
    .addColumn("detail", "text")
    .execute();
  await db.schema.createIndex("audit_log_forum_at").on("audit_log").columns(["forum_id", "at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["audit_log", "follow_up_contacts", "consents", "answers", "responses", "survey_versions", "surveys", "forums"]) {
    await db.schema.dropTable(table).execute();
  }
}
