import type { Kysely } from "kysely";

// Months whose KPI summaries must be recomputed: a submission, withdrawal or import marks its
// month here in the same transaction; the KPI summary clears the mark after recomputing.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("kpi_stale_months")
    .addColumn("survey_id", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("kpi_stale_months_pk", ["survey_id", "month"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("kpi_stale_months").execute();
}
