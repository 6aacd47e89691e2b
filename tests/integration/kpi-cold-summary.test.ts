/**
 * The KPI summary counted two ways gives the same counts, on SQLite and PostgreSQL: month by month
 * as responses arrive (after the first response of a month, each new one is added by the
 * incremental path in SQL), and cold, every month counted whole in one pass (what a forum's first
 * dashboard after importing its history does). Random answers that follow the survey's routing,
 * so every segment, multiple KPIs and the EHC plan index are exercised; and the board's figures
 * from the cold summary equal those from the incremental one. And the network page's rows for
 * one KPI (read alone, for speed) equal that KPI's rows computed with all the others.
 */
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import { computeKpiCells } from "~/models/kpi-dashboard.server";
import { refreshKpiSummary } from "~/models/kpi-summary.server";
import { networkKpis } from "~/domain/network-counts";
import { computeNetworkRows } from "~/models/network-counts.server";
import { joinNetwork } from "~/models/network-members.server";
import { createTestDb, STORES, type TestDb } from "../support/db";
import { finalPlanAnswers, hostedForum, parentAnswers, sampleInstant, submitMany, TEMPLATE } from "../support/network";
import { submitAnswers } from "../factories";
import { mulberry32, sampleAnswers } from "../bench/kpi-data";

async function summaryRows(db: DB, surveyId: string) {
  const rows = await db
    .selectFrom("kpi_month_counts")
    .select(["segment_type", "month", "segment_value", "question_code", "option_code", "n"])
    .where("survey_id", "=", surveyId)
    .execute();
  return rows.map((r) => `${r.month}|${r.segment_type}|${r.segment_value}|${r.question_code}|${r.option_code}|${Number(r.n)}`).sort();
}

async function counted(db: DB, surveyId: string) {
  const rows = await db.selectFrom("kpi_counted_responses").select("response_id").where("survey_id", "=", surveyId).execute();
  return rows.map((r) => r.response_id).sort();
}

describe.each(STORES)("the cold KPI summary ($kind)", ({ kind, skip }) => {
  let t: TestDb;
  beforeEach(async () => {
    if (!skip) t = await createTestDb(kind);
  });
  afterEach(async () => {
    if (!skip) await t.destroy();
  });

  it.skipIf(skip)("counts exactly what the incremental path counts, response by response", async () => {
    const { forum, survey } = await hostedForum(t.db, "ash-pcf");
    const random = mulberry32(kind === "sqlite" ? 11 : 12);
    for (let i = 0; i < 48; i++) {
      const month = Math.floor(random() * 3);
      const { result } = await submitAnswers(t.db, survey, sampleAnswers(random, random()), sampleInstant(month));
      expect(result.status).toBe("submitted");
      // Each refresh after the first response of a month adds only the new response (in SQL).
      const report = await refreshKpiSummary(t.db, forum.id, survey.id);
      expect(report.months.every((m) => m.refresh !== "skipped")).toBe(true);
    }
    const incremental = await summaryRows(t.db, survey.id);
    const incrementalCounted = await counted(t.db, survey.id);
    const incrementalCells = await computeKpiCells(t.db, { forumId: forum.id, surveyId: survey.id, periodType: "quarter", by: "district" });

    // Cold: no summary at all, every month stale.
    await t.db.deleteFrom("kpi_month_counts").where("survey_id", "=", survey.id).execute();
    await t.db.deleteFrom("kpi_counted_responses").where("survey_id", "=", survey.id).execute();
    await t.db.deleteFrom("kpi_summary_months").where("survey_id", "=", survey.id).execute();
    await sql`insert into kpi_stale_months (survey_id, month)
      select distinct survey_id, substr(submitted_on, 1, 7) from responses where survey_id = ${survey.id} and status = 'submitted'
      on conflict do nothing`.execute(t.db);
    const report = await refreshKpiSummary(t.db, forum.id, survey.id);
    expect(report.months.length).toBeGreaterThan(1);
    expect(report.months.every((m) => m.refresh === "full")).toBe(true);

    const cold = await summaryRows(t.db, survey.id);
    expect(cold).toEqual(incremental);
    expect(await counted(t.db, survey.id)).toEqual(incrementalCounted);
    expect(incrementalCounted).toHaveLength(48);
    // Every segment type, the respondents' counts and the index classes are there.
    const types = new Set(cold.map((r) => r.split("|")[1]));
    expect([...types].sort()).toEqual(
      ["age_phase", "all", "district", "ehcp_stage", "language", "mode", "primary_need", "respondent_role", "setting_type"].sort(),
    );
    expect(cold.some((r) => r.includes("|__index:K6i|positive|") || r.includes("|__index:K6i|in_base|"))).toBe(true);
    expect(cold.some((r) => r.includes("|__respondents|all|"))).toBe(true);

    const coldCells = await computeKpiCells(t.db, { forumId: forum.id, surveyId: survey.id, periodType: "quarter", by: "district" });
    expect(coldCells).toEqual(incrementalCells);
  });

  it.skipIf(skip)("gives the network page for one KPI exactly the rows of that KPI computed with all the others", async () => {
    const ash = await hostedForum(t.db, "ash-pcf");
    const birch = await hostedForum(t.db, "birch-pcf");
    const cedar = await hostedForum(t.db, "cedar-pcf");
    for (const code of ["ash-pcf", "birch-pcf", "cedar-pcf"]) await joinNetwork(t.db, { code, actor: "test" });
    // Ash has no EHC plans, so no K6i counts at all, but counts for every other KPI.
    await submitMany(t.db, ash.survey, 12, parentAnswers(), 0);
    await submitMany(t.db, birch.survey, 12, finalPlanAnswers(), 0);
    await submitMany(t.db, cedar.survey, 3, finalPlanAnswers(), 1);
    const all = await computeNetworkRows(t.db, { template: TEMPLATE, periodType: "stocktake" });
    for (const kpi of networkKpis(TEMPLATE)) {
      const one = await computeNetworkRows(t.db, { template: TEMPLATE, periodType: "stocktake", kpiId: kpi.id });
      expect(one).toEqual(all.filter((r) => r.kpi_id === kpi.id));
    }
    expect(all.some((r) => r.kpi_id === "K6i" && r.segment_value === "ash-pcf")).toBe(true);
  });
});
