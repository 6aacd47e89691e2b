import type { DB } from "~/db.server";

/**
 * Marks the survey months whose KPI summaries a change has made stale. Cheap enough for the
 * submission path (one upsert a month), so the KPI work itself stays off it.
 */
export async function markKpisStale(db: DB, surveyId: string, londonDates: Iterable<string>): Promise<void> {
  const months = [...new Set([...londonDates].map((d) => d.slice(0, 7)))];
  if (months.length === 0) return;
  await db
    .insertInto("kpi_stale_months")
    .values(months.map((month) => ({ survey_id: surveyId, month })))
    .onConflict((oc) => oc.columns(["survey_id", "month"]).doNothing())
    .execute();
}
