import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import { classifyQualityIndexRespondent, scoreQualityIndex } from "~/domain/kpi-scoring";
import { DEFAULT_KPIS } from "~/domain/kpi-definitions";
import type { KpiCell } from "~/domain/kpi-cells";
import { londonDate } from "~/domain/periods";
import type { Answers } from "~/domain/routing";
import { newcombePercent, wilsonPercent } from "~/domain/statistics";
import { toTidyCsv } from "~/domain/tidy-csv";
import {
  KpiDefinitionError,
  listKpis,
  listKpiVersions,
  saveKpiDefinition,
  seedDefaultKpis,
  setKpiTarget,
} from "~/models/kpi-register.server";
import { markKpisStale } from "~/models/kpi-stale.server";
import { computeKpiCells, kpiDashboard, periodsWithResponses } from "~/models/kpi-dashboard.server";
import { exportKpiCells } from "~/models/kpi-export.server";
import { refreshKpiSummary, RESPONDENTS_CODE } from "~/models/kpi-summary.server";
import { indexQuestionCode, KpiRequestError } from "~/models/kpi-survey.server";
import { exportKpiCsvOffThread } from "../bench/off-thread-export";
import { answerRows, withdrawResponse } from "~/models/responses.server";
import { forumWithSurvey, minimalParentAnswers, submitAnswers } from "../factories";
import { createTestDb, STORES, type TestDb } from "../support/db";

const run = promisify(execFile);
type Survey = Awaited<ReturnType<typeof forumWithSurvey>>["survey"];

const K1 = DEFAULT_KPIS.find((k) => k.id === "K1")!;
const K6i = DEFAULT_KPIS.find((k) => k.id === "K6i")!;

/** The minimal parent answers with some questions changed (null: not answered). */
function parentAnswers(changes: Record<string, string | null> = {}): Answers {
  const answers = minimalParentAnswers();
  for (const [code, value] of Object.entries(changes)) {
    if (value === null) Reflect.deleteProperty(answers, code);
    else answers[code] = { kind: "options", codes: [value] };
  }
  return answers;
}

/** A parent whose child has a final EHC plan: the four plan statements as given, the rest of that route fixed. */
function finalPlanAnswers(statements: readonly string[], changes: Record<string, string | null> = {}): Answers {
  return parentAnswers({
    ehcp_stage: "final",
    assessment_satisfaction: "fairly_satisfied",
    kept_informed: "mostly",
    plan_needs_accurate: statements[0],
    plan_views_reflected: statements[1],
    plan_provision_specific: statements[2],
    plan_outcomes_achievable: statements[3],
    provision_delivered: "most",
    plan_improved_education: "agree",
    annual_review_4_weeks: "within_4_weeks",
    ...changes,
  });
}

/** Submits through the same model calls as the pages, at a given instant; returns the receipt code. */
async function submitAt(db: DB, survey: Survey, answers: Answers, instant: string): Promise<string> {
  const { result } = await submitAnswers(db, survey, answers, new Date(instant));
  if (result.status !== "submitted") throw new Error(`not submitted: ${JSON.stringify(result)}`);
  return result.receiptCode;
}

async function submitEach(db: DB, survey: Survey, instant: string, groups: [number, Answers][]): Promise<string[]> {
  const receipts: string[] = [];
  for (const [count, answers] of groups) for (let i = 0; i < count; i++) receipts.push(await submitAt(db, survey, answers, instant));
  return receipts;
}

function cellOf(cells: KpiCell[], kpiId: string, period: string, segmentType = "all", segmentValue = "all"): KpiCell {
  const found = cells.find(
    (c) => c.kpi_id === kpiId && c.time_period === period && c.segment_type === segmentType && c.segment_value === segmentValue,
  );
  if (!found) throw new Error(`no cell ${kpiId} ${period} ${segmentType}=${segmentValue}`);
  return found;
}

describe.each(STORES)("KPI engine on $kind", ({ kind, skip }) => {
  let t: TestDb;
  beforeEach(async () => {
    if (!skip) t = await createTestDb(kind);
  });
  afterEach(async () => {
    if (!skip) await t.destroy();
  });

  const cellsFor = (survey: Survey, periodType: "quarter" | "stocktake" | "academic_year", by?: string) =>
    computeKpiCells(t.db, { forumId: survey.forumId, surveyId: survey.id, periodType, by });

  it.skipIf(skip)("K1 keeps dont_know in its base; K2 leaves not_applicable out of its base", async () => {
    const { survey } = await forumWithSurvey(t.db);
    // 12 parents: overall 5 very good, 3 good, 2 neither, 1 poor, 1 don't know;
    // listened to 2 strongly agree, 4 agree, 3 disagree, 1 strongly disagree, 2 not applicable.
    const overall = [
      "very_good",
      "very_good",
      "very_good",
      "very_good",
      "very_good",
      "good",
      "good",
      "good",
      "neither",
      "neither",
      "poor",
      "dont_know",
    ];
    const listened = [
      "strongly_agree",
      "strongly_agree",
      "agree",
      "agree",
      "agree",
      "agree",
      "disagree",
      "disagree",
      "disagree",
      "strongly_disagree",
      "not_applicable",
      "not_applicable",
    ];
    for (let i = 0; i < 12; i++) {
      await submitAt(t.db, survey, parentAnswers({ overall_experience: overall[i], listened_to: listened[i] }), "2026-02-10T12:00:00Z");
    }
    const cells = await cellsFor(survey, "quarter");

    // K1: base 12 (dont_know counted), positive 8, negative 1.
    const k1 = cellOf(cells, "K1", "2026-Q1");
    const ci = wilsonPercent(8, 12);
    expect(k1).toMatchObject({
      n: 12,
      numerator: 8,
      percent: 66.7,
      percent_negative: 8.3,
      flag: "u",
      ci_lower: ci.lower,
      ci_upper: ci.upper,
    });
    expect(k1).toMatchObject({ survey: "parent-carer-experience", time_identifier: "quarter", kpi_version: 1, rag: "", target: null });
    // K2: base 10 (2 not_applicable out), positive 6, negative 4.
    expect(cellOf(cells, "K2", "2026-Q1")).toMatchObject({ n: 10, numerator: 6, percent: 60, percent_negative: 40, flag: "u" });
    // A KPI nobody was routed to has base 0, so it is suppressed.
    expect(cellOf(cells, "K4", "2026-Q1")).toMatchObject({ n: null, flag: "c" });
    // The SENCO survey's KPIs do not apply to the parent survey.
    expect(cells.some((c) => c.kpi_id === "K11" || c.kpi_id === "K12")).toBe(false);
    expect(new Set(cells.map((c) => c.time_period))).toEqual(new Set(["2026-Q1"]));
  });

  it.skipIf(skip)(
    "a breakdown lists every value with a response, unknown included, and applies SDC-1 with secondary suppression",
    async () => {
      const { survey } = await forumWithSurvey(t.db);
      const at = "2026-01-15T12:00:00Z";
      await submitEach(t.db, survey, at, [
        [8, parentAnswers({ district: "edgbaston", listened_to: "agree" })],
        [4, parentAnswers({ district: "edgbaston", listened_to: "disagree" })],
        [10, parentAnswers({ district: "erdington", listened_to: "agree" })],
        [5, parentAnswers({ district: "erdington", listened_to: "disagree" })],
        // Two parents in Hall Green, both "not applicable": a K2 base of 0, still listed.
        [2, parentAnswers({ district: "hall_green", listened_to: "not_applicable" })],
        // Parents who did not say where they live fall under "unknown".
        [5, parentAnswers({ listened_to: "agree" })],
        [6, parentAnswers({ listened_to: "disagree" })],
      ]);
      const cells = await cellsFor(survey, "quarter", "district");
      const k2 = cells.filter((c) => c.kpi_id === "K2" && c.segment_type === "district");
      expect(k2.map((c) => c.segment_value)).toEqual(["edgbaston", "erdington", "hall_green", "unknown"]);
      expect(cellOf(cells, "K2", "2026-Q1", "district", "edgbaston")).toMatchObject({ n: 12, numerator: 8, flag: "u" });
      expect(cellOf(cells, "K2", "2026-Q1", "district", "erdington")).toMatchObject({ n: 15, numerator: 10, flag: "u" });
      // Rule 1: Hall Green's base is 0. Rule 2: exactly one cell suppressed, so the smallest other
      // (unknown, n = 11) is suppressed too, or 38 − 12 − 15 would give it away.
      expect(cellOf(cells, "K2", "2026-Q1", "district", "hall_green")).toMatchObject({
        n: null,
        numerator: null,
        percent: null,
        flag: "c",
      });
      expect(cellOf(cells, "K2", "2026-Q1", "district", "unknown")).toMatchObject({ n: null, numerator: null, percent: null, flag: "c" });
      expect(cellOf(cells, "K2", "2026-Q1")).toMatchObject({ n: 38, numerator: 23, percent: 60.5, flag: "" });
      // K1: Hall Green n = 2 (rule 1) and unknown n = 11 (rule 2) again; the all row is never secondary.
      expect(cellOf(cells, "K1", "2026-Q1", "district", "hall_green").flag).toBe("c");
      expect(cellOf(cells, "K1", "2026-Q1", "district", "unknown").flag).toBe("c");
      expect(cellOf(cells, "K1", "2026-Q1", "district", "edgbaston")).toMatchObject({ n: 12, numerator: 12 });
      expect(cellOf(cells, "K1", "2026-Q1")).toMatchObject({ n: 40, numerator: 40, flag: "" });
      // Districts with no response are not listed.
      expect(cells.some((c) => c.segment_value === "ladywood")).toBe(false);
    },
  );

  it.skipIf(skip)("places responses by their London date: 23:30 UTC on 31 March 2026 is 1 April in London, 2026-Q2", async () => {
    const { survey } = await forumWithSurvey(t.db);
    // British Summer Time started on 29 March 2026: 22:30 UTC is 23:30 on 31 March (Q1),
    // 23:30 UTC is 00:30 on 1 April (Q2).
    await submitEach(t.db, survey, "2026-03-31T22:30:00Z", [[10, parentAnswers({ overall_experience: "good" })]]);
    await submitEach(t.db, survey, "2026-03-31T23:30:00Z", [[11, parentAnswers({ overall_experience: "poor" })]]);
    const cells = await cellsFor(survey, "quarter");
    expect(cellOf(cells, "K1", "2026-Q1")).toMatchObject({ n: 10, numerator: 10 });
    expect(cellOf(cells, "K1", "2026-Q2")).toMatchObject({ n: 11, numerator: 0, percent_negative: 100 });
    expect(await periodsWithResponses(t.db, survey.forumId, survey.id, "quarter")).toEqual(["2026-Q1", "2026-Q2"]);
  });

  it.skipIf(skip)("stocktake 2026-H1 runs from 1 December 2025 to 31 May 2026", async () => {
    const { survey } = await forumWithSurvey(t.db);
    await submitEach(t.db, survey, "2025-12-05T12:00:00Z", [[10, parentAnswers({ overall_experience: "good" })]]);
    await submitEach(t.db, survey, "2026-05-31T20:00:00Z", [[5, parentAnswers({ overall_experience: "poor" })]]);
    await submitEach(t.db, survey, "2026-06-01T09:00:00Z", [[3, parentAnswers({ overall_experience: "good" })]]);

    const stocktake = await cellsFor(survey, "stocktake");
    expect(cellOf(stocktake, "K1", "2026-H1")).toMatchObject({ n: 15, numerator: 10, percent: 66.7 });
    expect(cellOf(stocktake, "K1", "2026-H2")).toMatchObject({ n: null, flag: "c" });
    expect(new Set(stocktake.map((c) => c.time_period))).toEqual(new Set(["2026-H1", "2026-H2"]));

    const quarters = await cellsFor(survey, "quarter");
    expect(cellOf(quarters, "K1", "2025-Q4")).toMatchObject({ n: 10, numerator: 10 });
    expect(cellOf(quarters, "K1", "2026-Q2")).toMatchObject({ n: null, flag: "c" }); // 5 + 3 = 8

    const years = await cellsFor(survey, "academic_year");
    expect(cellOf(years, "K1", "2025/26")).toMatchObject({ n: 18, numerator: 13 });
  });

  it.skipIf(skip)(
    "K6i counts a parent agreeing with at least 3 of the 4 plan statements, of those with at least 3 valid answers",
    async () => {
      const { survey } = await forumWithSurvey(t.db);
      const respondents: [number, string[]][] = [
        [4, ["agree", "agree", "strongly_agree", "disagree"]], // 4 valid, 3 agree: positive
        [3, ["agree", "agree", "dont_know", "disagree"]], // 3 valid, 2 agree: in the base, not positive
        [3, ["agree", "agree", "agree", "dont_know"]], // 3 valid, 3 agree: positive
        [2, ["agree", "dont_know", "dont_know", "agree"]], // 2 valid: outside the base
        [2, ["neither", "neither", "neither", "neither"]], // 4 valid, none agree: in the base
      ];
      for (const [count, statements] of respondents) {
        await submitEach(t.db, survey, "2026-02-01T12:00:00Z", [[count, finalPlanAnswers(statements)]]);
      }
      // Parents without a final plan are not asked the statements and are not in the index at all.
      await submitEach(t.db, survey, "2026-02-01T12:00:00Z", [[3, parentAnswers()]]);
      const cells = await cellsFor(survey, "quarter");

      // Base 4 + 3 + 3 + 2 = 12, positive 4 + 3 = 7.
      expect(cellOf(cells, "K6i", "2026-Q1")).toMatchObject({ n: 12, numerator: 7, percent: 58.3, percent_negative: null, flag: "u" });
      // The same respondents scored by the domain's own per-respondent rule.
      const expanded = respondents.flatMap(([count, s]) =>
        Array.from({ length: count }, () => ({
          plan_needs_accurate: s[0],
          plan_views_reflected: s[1],
          plan_provision_specific: s[2],
          plan_outcomes_achievable: s[3],
        })),
      );
      expect(scoreQualityIndex(K6i, expanded)).toEqual({ n: 12, numerator: 7, negative: null });
      // K6 on the fourth statement alone: dont_know out of the base (3), 2 agree, 7 disagree.
      expect(cellOf(cells, "K6", "2026-Q1")).toMatchObject({ n: 11, numerator: 2, percent_negative: 63.6 });
    },
  );

  it.skipIf(skip)("a withdrawal lowers the figures at the next computation; a new submission adds only itself", async () => {
    const { survey } = await forumWithSurvey(t.db);
    const receipts = await submitEach(t.db, survey, "2026-02-10T12:00:00Z", [[12, parentAnswers({ overall_experience: "good" })]]);
    expect(cellOf(await cellsFor(survey, "quarter"), "K1", "2026-Q1")).toMatchObject({ n: 12, numerator: 12 });

    expect(await withdrawResponse(t.db, receipts[0])).toBe(true);
    const afterWithdrawal = await refreshKpiSummary(t.db, survey.forumId, survey.id);
    expect(afterWithdrawal.months).toEqual([{ month: "2026-02", refresh: "full" }]);
    expect(cellOf(await cellsFor(survey, "quarter"), "K1", "2026-Q1")).toMatchObject({ n: 11, numerator: 11 });

    await submitAt(t.db, survey, parentAnswers({ overall_experience: "very_poor" }), "2026-02-20T12:00:00Z");
    const afterSubmission = await refreshKpiSummary(t.db, survey.forumId, survey.id);
    expect(afterSubmission.months).toEqual([{ month: "2026-02", refresh: "incremental" }]);
    expect(cellOf(await cellsFor(survey, "quarter"), "K1", "2026-Q1")).toMatchObject({ n: 12, numerator: 11, percent_negative: 8.3 });
    // Nothing stale now: nothing to do.
    expect((await refreshKpiSummary(t.db, survey.forumId, survey.id)).months).toEqual([]);
  });

  it.skipIf(skip)("targets give RAG from the published figures; a new counting rule starts a new version", async () => {
    const { survey, forum } = await forumWithSurvey(t.db);
    const overall = [
      "very_good",
      "very_good",
      "very_good",
      "very_good",
      "very_good",
      "good",
      "good",
      "good",
      "neither",
      "neither",
      "poor",
      "dont_know",
    ];
    for (const code of overall) await submitAt(t.db, survey, parentAnswers({ overall_experience: code }), "2026-02-10T12:00:00Z");
    const k1 = async () => cellOf(await cellsFor(survey, "quarter"), "K1", "2026-Q1");
    // 8 of 12: 66.7 (39.1–86.2).
    expect(await k1()).toMatchObject({ percent: 66.7, ci_upper: wilsonPercent(8, 12).upper });

    await setKpiTarget(t.db, forum.id, "K1", 60);
    expect(await k1()).toMatchObject({ target: 60, rag: "green", kpi_version: 1 });
    await setKpiTarget(t.db, forum.id, "K1", 80); // above 66.7, not above the upper bound 86.2
    expect(await k1()).toMatchObject({ target: 80, rag: "amber" });
    await setKpiTarget(t.db, forum.id, "K1", 90); // above the upper bound
    expect(await k1()).toMatchObject({ target: 90, rag: "red", kpi_version: 1 });
    expect((await listKpis(t.db, forum.id)).find((k) => k.id === "K1")).toMatchObject({ version: 1, target: 90 });

    // Taking dont_know out of K1's base changes what is counted: version 2, for every period.
    const saved = await saveKpiDefinition(t.db, forum.id, { ...K1, excluded: ["dont_know"] });
    expect(saved).toEqual({ version: 2, created: true });
    expect(await k1()).toMatchObject({ n: 11, numerator: 8, percent: 72.7, kpi_version: 2, target: 90 });
    // A new name with the same rule keeps the version.
    expect(await saveKpiDefinition(t.db, forum.id, { ...K1, name: "Overall experience", excluded: ["dont_know"] })).toEqual({
      version: 2,
      created: false,
    });
    expect(await k1()).toMatchObject({ kpi_name: "Overall experience", kpi_version: 2 });
    const versions = await listKpiVersions(t.db, forum.id, "K1");
    expect(versions.map((v) => [v.version, v.retiredAt === null, v.excluded])).toEqual([
      [1, false, []],
      [2, true, ["dont_know"]],
    ]);
  });

  it.skipIf(skip)("the register: defaults seeded once as version 1, checked definitions, targets in 0–100", async () => {
    const { forum } = await forumWithSurvey(t.db);
    // Before anything is stored, the forum reports the standard defaults.
    expect((await listKpis(t.db, forum.id)).map((k) => [k.id, k.version])).toEqual(DEFAULT_KPIS.map((k) => [k.id, 1]));
    expect(await seedDefaultKpis(t.db, forum.id)).toBe(DEFAULT_KPIS.length);
    expect(await seedDefaultKpis(t.db, forum.id)).toBe(0);
    const stored = await listKpis(t.db, forum.id);
    expect(stored.map((k) => k.id)).toEqual(DEFAULT_KPIS.map((k) => k.id));
    expect(stored.find((k) => k.id === "K6i")).toMatchObject({
      kind: "ehcp_quality_index",
      questions: K6i.questions,
      excluded: ["dont_know"],
    });

    await expect(saveKpiDefinition(t.db, forum.id, { ...K1, excluded: ["good"] })).rejects.toBeInstanceOf(KpiDefinitionError);
    await expect(saveKpiDefinition(t.db, forum.id, { ...K1, question: "Overall experience" })).rejects.toBeInstanceOf(KpiDefinitionError);
    await expect(setKpiTarget(t.db, forum.id, "K1", 120)).rejects.toBeInstanceOf(KpiDefinitionError);
    await expect(setKpiTarget(t.db, forum.id, "K99", 50)).rejects.toBeInstanceOf(KpiDefinitionError);

    // A forum's own KPI of the same shape joins the register after the defaults.
    const own = {
      id: "K15",
      name: "Confident about transition",
      question: "confidence_needs_met",
      positive: ["very"],
      negative: ["not_at_all"],
      excluded: ["dont_know"],
    };
    expect(await saveKpiDefinition(t.db, forum.id, own)).toEqual({ version: 1, created: true });
    expect((await listKpis(t.db, forum.id)).at(-1)).toMatchObject({ id: "K15", version: 1, target: null });
    // Another forum's register is its own.
    const other = await forumWithSurvey(t.db);
    expect((await listKpis(t.db, other.forum.id)).some((k) => k.id === "K15")).toBe(false);
  });

  it.skipIf(skip)(
    "the dashboard shows the latest quarter and its change from the one before (Newcombe), none for suppressed cells",
    async () => {
      const { survey } = await forumWithSurvey(t.db);
      await submitEach(t.db, survey, "2026-02-10T12:00:00Z", [
        [6, parentAnswers({ overall_experience: "good", district: "edgbaston" })],
        [6, parentAnswers({ overall_experience: "poor", district: "edgbaston" })],
      ]);
      await submitEach(t.db, survey, "2026-05-10T12:00:00Z", [
        [10, parentAnswers({ overall_experience: "good", district: "edgbaston" })],
        [2, parentAnswers({ overall_experience: "poor", district: "edgbaston" })],
        [3, parentAnswers({ overall_experience: "good", district: "erdington" })],
      ]);
      const dashboard = await kpiDashboard(t.db, { forumId: survey.forumId, surveyId: survey.id, periodType: "quarter", by: "district" });
      expect(dashboard.period).toBe("2026-Q2");
      expect(dashboard.previousPeriod).toBe("2026-Q1");
      expect(new Set(dashboard.cells.map((c) => c.time_period))).toEqual(new Set(["2026-Q2"]));
      const change = (segmentType: string, value: string) =>
        dashboard.changes.find((c) => c.kpi_id === "K1" && c.segment_type === segmentType && c.segment_value === value)?.change;
      // All parents: 6 of 12 in Q1, 13 of 15 in Q2.
      expect(change("all", "all")).toEqual(newcombePercent(6, 12, 13, 15));
      // Erdington (n = 3) is suppressed, and so, as the secondary cell, is Edgbaston: no change.
      expect(change("district", "erdington")).toBeNull();
      expect(change("district", "edgbaston")).toBeNull();
    },
  );

  it.skipIf(skip)(
    "opens on the latest half-year with a published figure while a new one has too few answers, and shows a chosen one",
    async () => {
      const { survey } = await forumWithSurvey(t.db);
      // 2026-H2 (June to November) has 12 answers; 2027-H1 began on 1 December with 3.
      await submitEach(t.db, survey, "2026-09-10T12:00:00Z", [[12, parentAnswers({ overall_experience: "good" })]]);
      await submitEach(t.db, survey, "2026-12-01T09:00:00Z", [[3, parentAnswers({ overall_experience: "poor" })]]);
      const ask = (period?: string) =>
        kpiDashboard(t.db, { forumId: survey.forumId, surveyId: survey.id, periodType: "stocktake", period });

      const opening = await ask();
      expect(opening.period).toBe("2026-H2");
      expect(opening.periods).toEqual(["2026-H2", "2027-H1"]);
      expect(opening.tooFewLater).toEqual(["2027-H1"]);
      expect(cellOf(opening.cells, "K1", "2026-H2")).toMatchObject({ n: 12, numerator: 12, flag: "u" });

      // Chosen, the new half-year is shown as it is: suppressed, never a guess.
      const chosen = await ask("2027-H1");
      expect(chosen.period).toBe("2027-H1");
      expect(chosen.tooFewLater).toEqual([]);
      expect(cellOf(chosen.cells, "K1", "2027-H1")).toMatchObject({ n: null, percent: null, flag: "c" });
      await expect(ask("2027-Q1")).rejects.toBeInstanceOf(KpiRequestError);

      // Once nothing is published anywhere, the latest period with answers is shown (all suppressed).
      const { survey: small } = await forumWithSurvey(t.db);
      await submitEach(t.db, small, "2026-09-10T12:00:00Z", [[2, parentAnswers()]]);
      await submitEach(t.db, small, "2026-12-10T12:00:00Z", [[1, parentAnswers()]]);
      const sparse = await kpiDashboard(t.db, { forumId: small.forumId, surveyId: small.id, periodType: "stocktake" });
      expect(sparse.period).toBe("2027-H1");
      expect(sparse.tooFewLater).toEqual([]);
    },
  );

  it.skipIf(skip)("refuses an unknown segment or period, and lists asked-for periods even without responses", async () => {
    const { survey } = await forumWithSurvey(t.db);
    await submitEach(t.db, survey, "2026-02-10T12:00:00Z", [[10, parentAnswers()]]);
    const ask = (options: { by?: string; periods?: string[] }) =>
      computeKpiCells(t.db, { forumId: survey.forumId, surveyId: survey.id, periodType: "quarter", ...options });
    await expect(ask({ by: "postcode" })).rejects.toBeInstanceOf(KpiRequestError);
    await expect(ask({ periods: ["2026-H1"] })).rejects.toBeInstanceOf(KpiRequestError);
    await expect(computeKpiCells(t.db, { forumId: randomUUID(), surveyId: survey.id, periodType: "quarter" })).rejects.toBeInstanceOf(
      KpiRequestError,
    );
    const cells = await ask({ periods: ["2025-Q4", "2026-Q1"] });
    expect(cellOf(cells, "K1", "2025-Q4")).toMatchObject({ n: null, flag: "c" });
    expect(cellOf(cells, "K1", "2026-Q1")).toMatchObject({ n: 10, numerator: 10 });
    // Period first, then the register's KPI order.
    expect(cells.slice(0, 3).map((c) => `${c.time_period} ${c.kpi_id}`)).toEqual(["2025-Q4 K1", "2025-Q4 K2", "2025-Q4 K3"]);
  });

  it.skipIf(skip)(
    "the export streams every period type and breakdown, and a worker thread streams the same bytes",
    async () => {
      const { survey } = await forumWithSurvey(t.db);
      await submitEach(t.db, survey, "2026-01-20T12:00:00Z", [
        [11, parentAnswers({ district: "edgbaston", overall_experience: "good" })],
        [12, parentAnswers({ district: "erdington", overall_experience: "neither" })],
      ]);
      await submitEach(t.db, survey, "2026-07-20T12:00:00Z", [[10, parentAnswers({ age_phase: "primary" })]]);
      const options = { forumId: survey.forumId, surveyId: survey.id };
      const exported: KpiCell[] = [];
      for await (const chunk of exportKpiCells(t.db, options)) exported.push(...chunk);

      for (const periodType of ["quarter", "stocktake", "academic_year"] as const) {
        for (const by of ["district", "age_phase", "language"]) {
          const cells = await cellsFor(survey, periodType, by);
          const part = (list: KpiCell[], type: string) => list.filter((c) => c.time_identifier === periodType && c.segment_type === type);
          expect(part(exported, by)).toEqual(part(cells, by));
          expect(part(exported, "all")).toEqual(part(cells, "all")); // the all rows once per period type
        }
      }

      let text = "";
      for await (const chunk of exportKpiCsvOffThread({ url: t.url, searchPath: t.schema }, options)) text += chunk;
      expect(text).toBe(toTidyCsv(exported));
    },
    300_000,
  );

  it.skipIf(skip)(
    "npm run kpis prints exactly the CSV of computeKpiCells, and refuses bad arguments with exit code 2",
    async () => {
      const { survey } = await forumWithSurvey(t.db);
      await submitEach(t.db, survey, "2026-01-20T12:00:00Z", [
        [11, parentAnswers({ district: "edgbaston", overall_experience: "good" })],
        [12, parentAnswers({ district: "erdington", overall_experience: "neither" })],
        [3, parentAnswers({ overall_experience: "poor" })],
      ]);
      await submitEach(t.db, survey, "2026-04-20T12:00:00Z", [[14, parentAnswers({ district: "erdington", overall_experience: "good" })]]);
      // On PostgreSQL the command works in this test's own schema, named in the URL.
      const url = t.schema ? `${t.url}?options=${encodeURIComponent(`-c search_path=${t.schema}`)}` : t.url;
      const env = { ...process.env, DATABASE_URL: url };
      const cli = (...args: string[]) => run(process.execPath, ["--import", "tsx", "app/cli/kpis.ts", ...args], { env, encoding: "utf8" });

      const expected = toTidyCsv(await cellsFor(survey, "quarter", "district"));
      const bySlug = await cli("--survey", survey.slug, "--period-type", "quarter", "--by", "district");
      expect(bySlug.stdout).toBe(expected);
      const byPublicId = await cli("--survey", survey.publicId, "--period-type", "quarter", "--by", "district");
      expect(byPublicId.stdout).toBe(expected);
      expect(expected.split("\r\n").length).toBeGreaterThan(20);

      for (const args of [
        ["--survey", survey.slug, "--period-type", "quarter", "--by", "postcode"],
        ["--survey", survey.slug, "--period-type", "fortnight"],
        ["--survey", "no-such-survey", "--period-type", "quarter"],
        ["--period-type", "quarter"],
      ]) {
        const failure = await cli(...args).then(
          () => null,
          (error: { code: number; stderr: string; stdout: string }) => error,
        );
        expect(failure, args.join(" ")).not.toBeNull();
        expect(failure!.code).toBe(2);
        expect(failure!.stdout).toBe("");
        expect(failure!.stderr.trim().length).toBeGreaterThan(0);
        expect(failure!.stderr).not.toMatch(/^\s+at /m); // a message, never a stack trace
      }
    },
    300_000,
  );

  it.skipIf(skip)(
    "the SQL summary counts what a plain JavaScript count of the same answers gives (property)",
    async () => {
      // Instants around London month ends in winter and summer time.
      const instants = [
        "2025-11-30T23:30:00Z",
        "2025-12-31T23:59:00Z",
        "2026-01-15T12:00:00Z",
        "2026-03-31T23:30:00Z",
        "2026-05-31T23:30:00Z",
        "2026-06-10T09:00:00Z",
      ];
      const agreeOrDontKnow = fc.constantFrom("strongly_agree", "agree", "neither", "disagree", "strongly_disagree", "dont_know");
      const respondent = fc.record({
        overall: fc.constantFrom("very_good", "good", "neither", "poor", "very_poor", "dont_know"),
        listened: fc.constantFrom("strongly_agree", "agree", "neither", "disagree", "strongly_disagree", "not_applicable"),
        district: fc.option(fc.constantFrom("edgbaston", "erdington", "ladywood"), { nil: null }),
        finalPlan: fc.boolean(),
        statements: fc.tuple(agreeOrDontKnow, agreeOrDontKnow, agreeOrDontKnow, agreeOrDontKnow),
        instant: fc.constantFrom(...instants),
        // Counted before the first refresh, or added after it; some of the first are withdrawn later.
        later: fc.boolean(),
        withdrawn: fc.boolean(),
      });
      type Respondent = typeof respondent extends fc.Arbitrary<infer R> ? R : never;

      // Straight inserts (as an import stores them) keep 25 runs quick; the month is marked stale
      // in the same transaction, as every real write path does.
      async function store(survey: Survey, r: Respondent): Promise<string> {
        const id = randomUUID();
        const changes = { overall_experience: r.overall, listened_to: r.listened, district: r.district };
        const answers = r.finalPlan ? finalPlanAnswers(r.statements, changes) : parentAnswers(changes);
        await t.db.transaction().execute(async (trx) => {
          await trx
            .insertInto("responses")
            .values({
              id,
              forum_id: survey.forumId,
              survey_id: survey.id,
              survey_version_id: survey.versionId,
              status: "submitted",
              language: "en",
              respondent_role: "parent_carer",
              source: "import",
              idempotency_key: null,
              resume_hash: null,
              receipt_hash: null,
              started_at: r.instant,
              updated_at: r.instant,
              submitted_at: r.instant,
              submitted_on: londonDate(r.instant),
            })
            .execute();
          const rows = Object.entries(answers).flatMap(([code, value]) => answerRows(survey.forumId, id, code, value));
          await trx.insertInto("answers").values(rows).execute();
          await markKpisStale(trx, survey.id, [londonDate(r.instant)]);
        });
        return id;
      }

      async function withdraw(survey: Survey, id: string, instant: string): Promise<void> {
        await t.db.transaction().execute(async (trx) => {
          await trx.deleteFrom("answers").where("response_id", "=", id).execute();
          await trx.deleteFrom("responses").where("id", "=", id).execute();
          await markKpisStale(trx, survey.id, [londonDate(instant)]);
        });
      }

      function expectedCounts(respondents: Respondent[]): string[] {
        const counts = new Map<string, number>();
        const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
        for (const r of respondents) {
          const month = londonDate(r.instant).slice(0, 7);
          for (const [type, value] of [
            ["all", "all"],
            ["district", r.district ?? "unknown"],
          ]) {
            const at = `${month}|${type}|${value}`;
            add(`${at}|overall_experience|${r.overall}`);
            add(`${at}|listened_to|${r.listened}`);
            add(`${at}|${RESPONDENTS_CODE}|all`);
            if (r.finalPlan) {
              const [a, b, c, d] = r.statements;
              const answers = { plan_needs_accurate: a, plan_views_reflected: b, plan_provision_specific: c, plan_outcomes_achievable: d };
              add(`${at}|${indexQuestionCode("K6i")}|${classifyQualityIndexRespondent(K6i, answers)}`);
            }
          }
        }
        return [...counts].map(([key, n]) => `${key}|${n}`).sort();
      }

      async function summaryCounts(survey: Survey): Promise<string[]> {
        const rows = await t.db
          .selectFrom("kpi_month_counts")
          .select(["month", "segment_type", "segment_value", "question_code", "option_code", "n"])
          .where("survey_id", "=", survey.id)
          .where("segment_type", "in", ["all", "district"])
          .where("question_code", "in", ["overall_experience", "listened_to", RESPONDENTS_CODE, indexQuestionCode("K6i")])
          .execute();
        return rows
          .filter((r) => Number(r.n) > 0)
          .map((r) => `${r.month}|${r.segment_type}|${r.segment_value}|${r.question_code}|${r.option_code}|${Number(r.n)}`)
          .sort();
      }

      await fc.assert(
        fc.asyncProperty(fc.array(respondent, { minLength: 1, maxLength: 16 }), async (respondents) => {
          const { survey } = await forumWithSurvey(t.db);
          const first = respondents.filter((r) => !r.later);
          const ids = new Map<Respondent, string>();
          for (const r of first) ids.set(r, await store(survey, r));
          await refreshKpiSummary(t.db, survey.forumId, survey.id);
          expect(await summaryCounts(survey)).toEqual(expectedCounts(first));

          for (const r of respondents.filter((r) => r.later)) await store(survey, r);
          for (const r of first.filter((r) => r.withdrawn)) await withdraw(survey, ids.get(r)!, r.instant);
          await refreshKpiSummary(t.db, survey.forumId, survey.id);
          expect(await summaryCounts(survey)).toEqual(expectedCounts(respondents.filter((r) => r.later || !r.withdrawn)));
        }),
        { numRuns: 25 },
      );
    },
    180_000,
  );
});
