import { sql, type Kysely } from "kysely";

// Frozen in time: written against Kysely<any>, portable types only.
//
// The KPI register (versioned definitions and targets per forum) and the maintained monthly
// summary the KPI engine reads. Every period type is a union of calendar months, so counts are
// kept per survey month and summed into quarters, stocktakes and academic years on demand.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("kpi_definitions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("forum_id", "text", (c) => c.notNull().references("forums.id").onDelete("cascade"))
    .addColumn("kpi_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("definition", "text", (c) => c.notNull())
    .addColumn("target", "double precision")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("retired_at", "text")
    .addUniqueConstraint("kpi_definitions_forum_kpi_version", ["forum_id", "kpi_id", "version"])
    .execute();

  // Counts per survey month and segment value. segment_type 'all' (value 'all') is the whole
  // month. Besides question codes, derived codes: `__respondents` (option 'all') counts submitted
  // responses, so a breakdown lists every value with a response even where a KPI's base is 0;
  // `__index:<kpi id>` counts an index KPI's per-respondent classes (positive, in_base, outside_base).
  await db.schema
    .createTable("kpi_month_counts")
    .addColumn("forum_id", "text", (c) => c.notNull())
    .addColumn("survey_id", "text", (c) => c.notNull())
    .addColumn("segment_type", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("segment_value", "text", (c) => c.notNull())
    .addColumn("question_code", "text", (c) => c.notNull())
    .addColumn("option_code", "text", (c) => c.notNull())
    .addColumn("n", "integer", (c) => c.notNull())
    // Reads pick one segment type over a run of months, so segment_type comes before month.
    .addPrimaryKeyConstraint("kpi_month_counts_pk", ["survey_id", "segment_type", "month", "segment_value", "question_code", "option_code"])
    .execute();

  // Which months are summarised, and on what basis (segment questions, index definitions):
  // a different basis means the month is recounted.
  await db.schema
    .createTable("kpi_summary_months")
    .addColumn("forum_id", "text", (c) => c.notNull())
    .addColumn("survey_id", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("basis", "text", (c) => c.notNull())
    // How many responses kpi_counted_responses lists for the month.
    .addColumn("responses", "integer", (c) => c.notNull())
    .addColumn("refreshed_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("kpi_summary_months_pk", ["survey_id", "month"])
    .execute();

  // The responses the summary already counts, so a new submission adds only its own counts
  // instead of recounting its whole month. Keyed in the same order as the index below, so a
  // month's uncounted responses are found by merging two index ranges, never reading the tables.
  await db.schema
    .createTable("kpi_counted_responses")
    .addColumn("survey_id", "text", (c) => c.notNull())
    .addColumn("submitted_on", "text", (c) => c.notNull())
    .addColumn("response_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("kpi_counted_responses_pk", ["survey_id", "submitted_on", "response_id"])
    .execute();
  await db.schema
    .createIndex("responses_survey_submitted_id")
    .on("responses")
    .columns(["survey_id", "status", "submitted_on", "id"])
    .execute();

  // Responses submitted before this migration have no summary yet.
  await sql`
    insert into kpi_stale_months (survey_id, month)
    select distinct survey_id, substr(submitted_on, 1, 7) from responses
    where status = 'submitted' and submitted_on is not null
    on conflict do nothing
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("responses_survey_submitted_id").execute();
  for (const table of ["kpi_counted_responses", "kpi_summary_months", "kpi_month_counts", "kpi_definitions"]) {
    await db.schema.dropTable(table).execute();
  }
}
