import type { Kysely } from "kysely";

// Counts files imported from forums on installations of their own (NB-1): n, numerator and
// negative per forum, survey template, London month and KPI; never a response. A later file from
// the same forum replaces its rows for the months that file covers.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("network_counts")
    .addColumn("forum_code", "text", (c) => c.notNull())
    .addColumn("forum_name", "text", (c) => c.notNull())
    .addColumn("survey_template", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("kpi_id", "text", (c) => c.notNull())
    .addColumn("n", "integer", (c) => c.notNull())
    .addColumn("numerator", "integer", (c) => c.notNull())
    // Null for a KPI with no negative share (K6i).
    .addColumn("negative", "integer")
    .addColumn("imported_at", "text", (c) => c.notNull())
    // A forum's months are replaced together, so forum_code and month lead.
    .addPrimaryKeyConstraint("network_counts_pk", ["forum_code", "month", "survey_template", "kpi_id"])
    .execute();
  await db.schema.createIndex("network_counts_template").on("network_counts").columns(["survey_template", "forum_code"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("network_counts").execute();
}
