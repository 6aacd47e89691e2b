import type { Kysely } from "kysely";

// Frozen in time: written against Kysely<any>, portable types only.
//
// Counting a whole month into the KPI summary reads the month's responses in index order and each
// one's option answers. Both indexes below hold every column that read needs, so it never visits
// the tables themselves (a random read per response and per answer, most of the cost at a million
// responses):
// - responses: the summary's index, widened with the response's own segments (it replaces the
//   narrower one, which it serves in the same order);
// - answers: the primary key's columns plus the option chosen.
// The network reads one KPI's whole-month counts of every hosted forum: kpi_month_counts by
// question first (its primary key begins with the survey and month), with the count itself.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("responses_survey_month_segments")
    .on("responses")
    .columns(["survey_id", "status", "submitted_on", "id", "language", "respondent_role", "mode"])
    .execute();
  await db.schema.dropIndex("responses_survey_submitted_id").execute();
  await db.schema
    .createIndex("answers_response_options")
    .on("answers")
    .columns(["response_id", "question_code", "ordinal", "option_code"])
    .execute();
  await db.schema
    .createIndex("kpi_month_counts_question")
    .on("kpi_month_counts")
    .columns(["question_code", "segment_type", "segment_value", "survey_id", "month", "option_code", "n"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("kpi_month_counts_question").execute();
  await db.schema.dropIndex("answers_response_options").execute();
  await db.schema
    .createIndex("responses_survey_submitted_id")
    .on("responses")
    .columns(["survey_id", "status", "submitted_on", "id"])
    .execute();
  await db.schema.dropIndex("responses_survey_month_segments").execute();
}
