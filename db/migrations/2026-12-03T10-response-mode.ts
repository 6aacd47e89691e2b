import { sql, type Kysely } from "kysely";

// Frozen in time: written against Kysely<any>, portable types only.
//
// responses.mode: how a response was given. `web` is the respondent's own, online; `paper`,
// `phone` and `assisted` are entered for someone by a member of staff (or imported, where an
// import says `paper` unless its file says otherwise). Every response stored before this was
// given online, so existing rows are `web`.
//
// assisted_entries: a member of staff entering responses for someone in one browser. The browser
// holds a random token in a cookie scoped to the survey; only its hash is kept here, so a visitor
// cannot make one up, and the response's mode comes from this row, never from what a browser sends.
//
// The KPI summary keeps counts per segment, and `mode` is a new one. Every response it counts so
// far is `web`, so each month's `mode` breakdown is exactly its whole-month (`all`) counts under
// `web`: copied here, sealed months included (retention deleted their rows, so they could never
// be recounted), and every later count adds to them as it adds to the other segments.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("responses")
    .addColumn("mode", "text", (c) => c.notNull().defaultTo("web"))
    .execute();

  await db.schema
    .createTable("assisted_entries")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("forum_id", "text", (c) => c.notNull().references("forums.id").onDelete("cascade"))
    .addColumn("survey_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("mode", "text", (c) => c.notNull())
    // The interface language the member of staff had before choosing the person's, given back when they stop.
    .addColumn("staff_language", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();

  await sql`insert into kpi_month_counts (forum_id, survey_id, segment_type, month, segment_value, question_code, option_code, n)
    select forum_id, survey_id, 'mode', month, 'web', question_code, option_code, n
    from kpi_month_counts
    where segment_type = 'all'
    on conflict (survey_id, segment_type, month, segment_value, question_code, option_code) do nothing`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom("kpi_month_counts").where("segment_type", "=", "mode").execute();
  await db.schema.dropTable("assisted_entries").execute();
  await db.schema.alterTable("responses").dropColumn("mode").execute();
}
