import type { Kysely } from "kysely";

// Retention: each forum keeps raw responses for a number of months (24 unless its admins choose
// otherwise), then deletes them; the KPI aggregates stay. A month whose raw responses have gone
// is sealed in the summary: its counts are final and never recounted from the (now absent) rows.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("forums")
    .addColumn("retention_months", "integer", (c) => c.notNull().defaultTo(24))
    .execute();
  await db.schema.alterTable("forums").addColumn("retention_checked_at", "text").execute();
  await db.schema.alterTable("kpi_summary_months").addColumn("sealed_at", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("kpi_summary_months").dropColumn("sealed_at").execute();
  await db.schema.alterTable("forums").dropColumn("retention_checked_at").execute();
  await db.schema.alterTable("forums").dropColumn("retention_months").execute();
}
