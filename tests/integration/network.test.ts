/**
 * The network of forums (NB-1) on a real database: two forums hosted here share their counts
 * directly, a third on an installation of its own sends a counts file; joining and leaving,
 * a counts file that round-trips to a second installation, re-imports that replace the months
 * they cover, and a file that names a hosted forum refused.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { computeKpiCells } from "~/models/kpi-dashboard.server";
import { saveKpiDefinition } from "~/models/kpi-register.server";
import { COUNTS_FILE_COLUMNS, sortCounts, toCountsFile, type ForumMonthCount } from "~/domain/network-counts";
import { networkRows, type NetworkRow } from "~/domain/network";
import { computeNetworkRows, exportForumCounts, importOutsideCounts, listNetworkCounts } from "~/models/network-counts.server";
import { joinNetwork, leaveNetwork, listNetworkMembers, networkMembership, NetworkError } from "~/models/network-members.server";
import { createTestDb, STORES, type TestDb } from "../support/db";
import { SAMPLE_PERIOD } from "../support/clock";
import { finalPlanAnswers, hostedForum, parentAnswers, sampleMonth, submitMany, TEMPLATE } from "../support/network";

const HEADER = COUNTS_FILE_COLUMNS.join(",");

function countsFile(...lines: string[]): string {
  return [HEADER, ...lines].join("\r\n") + "\r\n";
}

/** Cedar, on an installation of its own: K1 in the first two months, K6i in the first. */
const CEDAR_FILE = countsFile(
  `cedar-pcf,Cedar Parent Carer Forum,${TEMPLATE},${sampleMonth(0)},K1,40,30,5`,
  `cedar-pcf,Cedar Parent Carer Forum,${TEMPLATE},${sampleMonth(1)},K1,10,5,2`,
  `cedar-pcf,Cedar Parent Carer Forum,${TEMPLATE},${sampleMonth(0)},K6i,20,8,`,
);

type Figures = [string, number | null, number | null, number | null, string, [number, number] | null, [number, number] | null, string];

function figures(rows: NetworkRow[], kpi: string): Figures[] {
  return rows
    .filter((r) => r.time_period === SAMPLE_PERIOD && r.kpi_id === kpi)
    .map((r) => [
      r.segment_value,
      r.n,
      r.numerator,
      r.percent,
      r.flag,
      r.funnel95_lower === null ? null : [r.funnel95_lower, r.funnel95_upper as number],
      r.funnel998_lower === null ? null : [r.funnel998_lower, r.funnel998_upper as number],
      r.position,
    ]);
}

async function auditActions(t: TestDb, subject: string): Promise<string[]> {
  const rows = await t.db.selectFrom("audit_log").select("action").where("subject", "=", subject).orderBy("at").orderBy("id").execute();
  return rows.map((r) => r.action);
}

describe.each(STORES)("the network of forums on $kind", ({ kind, skip }) => {
  let t: TestDb;
  beforeEach(async () => {
    if (!skip) t = await createTestDb(kind);
  });
  afterEach(async () => {
    if (!skip) await t.destroy();
  });

  /**
   * Ash: 10 parents with a final plan (overall good, K6i positive) and 2 poor in the first month,
   * 2 very good in the second: K1 12 of 14, negative 2; K6i 10 of 10.
   * Birch: 11 parents, overall neither: K1 0 of 11; no K6i.
   */
  async function twoHostedForums() {
    const ash = await hostedForum(t.db, "ash-pcf", "Ash Parent Carer Forum");
    await submitMany(t.db, ash.survey, 10, finalPlanAnswers(), 0);
    await submitMany(t.db, ash.survey, 2, parentAnswers({ overall_experience: "poor" }), 0);
    await submitMany(t.db, ash.survey, 2, parentAnswers({ overall_experience: "very_good", district: "yardley" }), 1);
    const birch = await hostedForum(t.db, "birch-pcf", "Birch Parent Carer Forum");
    await submitMany(t.db, birch.survey, 11, parentAnswers({ overall_experience: "neither" }), 0);
    return { ash, birch };
  }

  it.skipIf(skip)("pools two hosted forums and one from a counts file into the figures NB-1 describes", async () => {
    const { ash } = await twoHostedForums();
    await joinNetwork(t.db, { code: "ash-pcf", actor: "test" });
    await joinNetwork(t.db, { code: "birch-pcf", actor: "test" });
    const imported = await importOutsideCounts(t.db, { csvText: CEDAR_FILE, actor: "test" });
    expect(imported).toEqual({
      ok: true,
      forums: [
        {
          code: "cedar-pcf",
          name: "Cedar Parent Carer Forum",
          rows: 3,
          months: [sampleMonth(0), sampleMonth(1)],
          joined: true,
          member: true,
        },
      ],
    });

    // The hosted forums' counts are their summaries', month by month; K6i has no negative.
    const counts = await listNetworkCounts(t.db, TEMPLATE);
    const ofAsh = sortCounts(counts.filter((c) => c.forum === "ash-pcf" && ["K1", "K6i"].includes(c.kpi_id)));
    const row = (month: string, kpi_id: string, n: number, numerator: number, negative: number | null): ForumMonthCount => ({
      forum: "ash-pcf",
      forum_name: "Ash Parent Carer Forum",
      survey_template: TEMPLATE,
      month,
      kpi_id,
      n,
      numerator,
      negative,
    });
    expect(ofAsh).toEqual([
      row(sampleMonth(0), "K1", 12, 10, 2),
      row(sampleMonth(0), "K6i", 10, 10, null),
      row(sampleMonth(1), "K1", 2, 2, 0),
    ]);
    // The same figures as the forum's own board, for the same period.
    const own = await computeKpiCells(t.db, { forumId: ash.forum.id, surveyId: ash.survey.id, periodType: "stocktake" });
    const ownK1 = own.find((c) => c.kpi_id === "K1" && c.time_period === SAMPLE_PERIOD)!;
    expect([ownK1.n, ownK1.numerator]).toEqual([14, 12]);

    // Worked by hand (the unit tests show how): p0 = 47/75; ash 12/14, birch 0/11, cedar 35/50.
    const rows = await computeNetworkRows(t.db, { template: TEMPLATE, periodType: "stocktake" });
    expect(figures(rows, "K1")).toEqual([
      ["all", 75, 47, 62.7, "", null, null, ""],
      ["ash-pcf", 14, 12, 85.7, "u", [37.3, 82.5], [26.3, 88.8], "high"],
      ["birch-pcf", 11, 0, 0.0, "u", [34.6, 84.2], [23.3, 90.3], "below"],
      ["cedar-pcf", 50, 35, 70.0, "", [48.8, 74.7], [41.2, 80.1], "within"],
    ]);
    const k1 = rows.find((r) => r.kpi_id === "K1" && r.segment_type === "all")!;
    expect([k1.ci_lower, k1.ci_upper, k1.percent_negative]).toEqual([51.4, 72.7, 12.0]);
    // K6i: birch is listed with base 0 (suppressed) and ash, the next smallest, with it; two forums
    // with answers give no network figure, so cedar has no limits either.
    expect(figures(rows, "K6i")).toEqual([
      ["all", null, null, null, "c", null, null, ""],
      ["ash-pcf", null, null, null, "c", null, null, ""],
      ["birch-pcf", null, null, null, "c", null, null, ""],
      ["cedar-pcf", 20, 8, 40.0, "u", null, null, ""],
    ]);
    // The rows are networkRows of the counts: nothing else reaches them.
    expect(rows).toEqual(networkRows({ counts, template: TEMPLATE, periodType: "stocktake" }));
  });

  it.skipIf(skip)("a forum joins and leaves by choice, audited, and while out none of its counts reach a figure", async () => {
    await twoHostedForums();
    expect(await listNetworkCounts(t.db, TEMPLATE)).toEqual([]);
    expect(await joinNetwork(t.db, { code: "ash-pcf", actor: "test" })).toEqual({
      code: "ash-pcf",
      name: "Ash Parent Carer Forum",
      changed: true,
    });
    expect((await joinNetwork(t.db, { code: "ash-pcf", actor: "test" })).changed).toBe(false);
    await joinNetwork(t.db, { code: "birch-pcf", actor: "test" });
    await importOutsideCounts(t.db, { csvText: CEDAR_FILE, actor: "test" });
    const forumsIn = async () => [...new Set((await listNetworkCounts(t.db, TEMPLATE)).map((c) => c.forum))].sort();
    expect(await forumsIn()).toEqual(["ash-pcf", "birch-pcf", "cedar-pcf"]);

    expect((await leaveNetwork(t.db, { code: "birch-pcf", actor: "test" })).changed).toBe(true);
    expect((await leaveNetwork(t.db, { code: "birch-pcf", actor: "test" })).changed).toBe(false);
    await leaveNetwork(t.db, { code: "cedar-pcf", actor: "test" });
    expect(await forumsIn()).toEqual(["ash-pcf"]);
    const rows = await computeNetworkRows(t.db, { template: TEMPLATE, periodType: "stocktake" });
    expect(new Set(rows.map((r) => r.segment_value))).toEqual(new Set(["all", "ash-pcf"]));

    const birch = (await listNetworkMembers(t.db)).find((m) => m.code === "birch-pcf")!;
    expect(birch.leftAt).not.toBeNull();
    expect(await networkMembership(t.db, birch.forumId!)).toMatchObject({ member: false });
    await joinNetwork(t.db, { code: "birch-pcf", actor: "test" });
    await joinNetwork(t.db, { code: "cedar-pcf", actor: "test" });
    expect(await forumsIn()).toEqual(["ash-pcf", "birch-pcf", "cedar-pcf"]);
    expect(await networkMembership(t.db, birch.forumId!)).toMatchObject({ member: true, leftAt: null });

    expect(await auditActions(t, "birch-pcf")).toEqual(["forum.created", "network.joined", "network.left", "network.joined"]);
    expect(await auditActions(t, "cedar-pcf")).toEqual(["network.counts_imported", "network.joined", "network.left", "network.joined"]);
    // A hosted forum's changes are in its own audit log.
    const inBirchLog = await t.db.selectFrom("audit_log").select("action").where("forum_id", "=", birch.forumId).execute();
    expect(inBirchLog.map((r) => r.action)).toContain("network.left");

    await expect(joinNetwork(t.db, { code: "no-such-forum", actor: "test" })).rejects.toBeInstanceOf(NetworkError);
    await expect(listNetworkCounts(t.db, "my-own-survey")).rejects.toBeInstanceOf(NetworkError);
  });

  it.skipIf(skip)("a counts file carries counts only, and round-trips to a second installation", async () => {
    const { ash } = await twoHostedForums();
    await submitMany(t.db, ash.survey, 1, { ...parentAnswers(), what_would_help: { kind: "text", text: "A named caseworker" } }, 2);
    const exported = await exportForumCounts(t.db, { code: "ash-pcf", actor: "test" });
    const text = toCountsFile(exported.rows);
    expect(text.split("\r\n")[0]).toBe(`\ufeff${HEADER}`);
    expect(text).not.toContain("caseworker");
    expect(text).not.toContain("yardley");
    expect(new Set(exported.rows.map((r) => r.month))).toEqual(new Set([sampleMonth(0), sampleMonth(1), sampleMonth(2)]));
    expect(await auditActions(t, "ash-pcf")).toEqual(["forum.created", "network.counts_exported"]);

    const second = await createTestDb(kind);
    try {
      const outcome = await importOutsideCounts(second.db, { csvText: text, actor: "test" });
      expect(outcome.ok).toBe(true);
      expect(sortCounts(await listNetworkCounts(second.db, TEMPLATE))).toEqual(sortCounts(exported.rows));
      // Ash's rows on the second installation are the figures the first computes for it.
      await joinNetwork(t.db, { code: "ash-pcf", actor: "test" });
      const here = await computeNetworkRows(t.db, { template: TEMPLATE, periodType: "quarter" });
      const there = await computeNetworkRows(second.db, { template: TEMPLATE, periodType: "quarter" });
      expect(there).toEqual(here);
    } finally {
      await second.destroy();
    }
  });

  it.skipIf(skip)("shares no figure for a KPI the forum has redefined, and says which", async () => {
    const { ash } = await twoHostedForums();
    await saveKpiDefinition(t.db, ash.forum.id, {
      id: "K1",
      name: "Overall experience (FFT style)",
      question: "overall_experience",
      positive: ["very_good"],
      negative: ["poor", "very_poor"],
      excluded: [],
    });
    const exported = await exportForumCounts(t.db, { code: "ash-pcf", actor: "test" });
    expect(exported.rows.some((r) => r.kpi_id === "K1")).toBe(false);
    expect(exported.rows.some((r) => r.kpi_id === "K2")).toBe(true);
    expect(exported.notShared).toEqual([{ template: TEMPLATE, kpiId: "K1" }]);
  });

  it.skipIf(skip)("a later file from the same forum replaces its counts for the months it covers, and only those", async () => {
    const first = countsFile(
      `cedar-pcf,Cedar PCF,${TEMPLATE},${sampleMonth(0)},K1,40,30,5`,
      `cedar-pcf,Cedar PCF,${TEMPLATE},${sampleMonth(1)},K1,10,5,2`,
      `cedar-pcf,Cedar PCF,${TEMPLATE},${sampleMonth(1)},K2,12,6,1`,
      `dale-pcf,Dale PCF,${TEMPLATE},${sampleMonth(1)},K1,22,11,1`,
    );
    await importOutsideCounts(t.db, { csvText: first, actor: "test" });
    const later = countsFile(
      `cedar-pcf,Cedar Parent Carer Forum,${TEMPLATE},${sampleMonth(1)},K1,11,6,2`,
      `cedar-pcf,Cedar Parent Carer Forum,${TEMPLATE},${sampleMonth(2)},K1,15,9,3`,
    );
    const outcome = await importOutsideCounts(t.db, { csvText: later, actor: "test" });
    expect(outcome).toMatchObject({ ok: true, forums: [{ code: "cedar-pcf", months: [sampleMonth(1), sampleMonth(2)], joined: false }] });
    const held = sortCounts(await listNetworkCounts(t.db, TEMPLATE)).map((c) => [c.forum, c.forum_name, c.month, c.kpi_id, c.n]);
    expect(held).toEqual([
      // The first month is kept; the second is the later file's (its K2 is gone); the third is new.
      ["cedar-pcf", "Cedar PCF", sampleMonth(0), "K1", 40],
      ["cedar-pcf", "Cedar Parent Carer Forum", sampleMonth(1), "K1", 11],
      ["cedar-pcf", "Cedar Parent Carer Forum", sampleMonth(2), "K1", 15],
      // Another forum's counts are its own.
      ["dale-pcf", "Dale PCF", sampleMonth(1), "K1", 22],
    ]);
    expect((await listNetworkMembers(t.db)).find((m) => m.code === "cedar-pcf")?.name).toBe("Cedar Parent Carer Forum");
  });

  it.skipIf(skip)("refuses a counts file that names a hosted forum, or has any bad row, and stores nothing of it", async () => {
    await hostedForum(t.db, "ash-pcf");
    const naming = countsFile(
      `dale-pcf,Dale PCF,${TEMPLATE},${sampleMonth(0)},K1,22,11,1`,
      "",
      `ash-pcf,Ash,${TEMPLATE},${sampleMonth(0)},K1,22,11,1`,
    );
    expect(await importOutsideCounts(t.db, { csvText: naming, actor: "test" })).toEqual({
      ok: false,
      problems: [
        {
          row: 4,
          column: "forum",
          message: "ash-pcf is a forum hosted in this installation: it shares its counts directly, and a counts file cannot replace them.",
        },
      ],
      problemCount: 1,
    });
    const bad = countsFile(
      `dale-pcf,Dale PCF,${TEMPLATE},${sampleMonth(0)},K1,22,11,1`,
      `dale-pcf,Dale PCF,${TEMPLATE},${sampleMonth(0)},K2,22,23,0`,
    );
    expect(await importOutsideCounts(t.db, { csvText: bad, actor: "test" })).toMatchObject({
      ok: false,
      problems: [{ row: 3, column: "numerator" }],
    });
    expect(await t.db.selectFrom("network_counts").select("forum_code").execute()).toEqual([]);
    expect(await t.db.selectFrom("network_members").select("forum_code").execute()).toEqual([]);
  });
});
