/**
 * The young people's easy read KPIs on real databases: K1_YP, K2_YP and K13_YP computed from the
 * young people's survey on its 3-point scale, never pooled with K1, K2 and K13 of the parent
 * survey in the same forum; the migration that gives existing registers the three KPIs; and the
 * demo forum that publishes the survey.
 */
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import { DEFAULT_KPIS } from "~/domain/kpi-definitions";
import type { KpiCell } from "~/domain/kpi-cells";
import type { Answers } from "~/domain/routing";
import { createForum } from "~/models/forums.server";
import { listKpis, retireKpi, seedDefaultKpis, setKpiTarget } from "~/models/kpi-register.server";
import { computeKpiCells } from "~/models/kpi-dashboard.server";
import { applicableKpis } from "~/models/kpi-survey.server";
import { createSurvey, publishVersion } from "~/models/surveys.server";
import { findPublishedSurvey } from "~/models/published-surveys.server";
import { seedDemoForum } from "~/seed.server";
import { parentCarerExperience, youngPeopleEasyRead } from "~/templates";
import { migrations } from "../../db/migrations";
import { up as addYoungPeopleKpis } from "../../db/migrations/2026-11-23T11-young-people-kpis";
import { minimalParentAnswers, submitAnswers } from "../factories";
import { createTestDb, STORES, type TestDb } from "../support/db";

const YP_IDS = ["K1_YP", "K2_YP", "K13_YP"];
type Survey = NonNullable<Awaited<ReturnType<typeof findPublishedSurvey>>>;

async function publish(db: DB, forumId: string, slug: string, definition = youngPeopleEasyRead): Promise<Survey> {
  const created = await createSurvey(db, { forumId, slug, definition });
  await publishVersion(db, forumId, created.versionId);
  return (await findPublishedSurvey(db, created.publicId))!;
}

async function newForum(db: DB) {
  const suffix = randomUUID().slice(0, 8);
  return createForum(db, { slug: `forum-${suffix}`, name: `Forum ${suffix}` });
}

/** Twelve young people, in 2026-Q1. */
const OVERALL = ["good", "good", "good", "good", "good", "good", "ok", "ok", "ok", "not_good", "not_good", "dont_know"];
const LISTENED = ["yes", "yes", "yes", "yes", "yes", "yes", "yes", "sometimes", "sometimes", "sometimes", "no", "no"];
const FEEDBACK = ["yes", "yes", "yes", "yes", "a_bit", "a_bit", "a_bit", "a_bit", "no", "no", "dont_know", "dont_know"];

function youngPersonAnswers(i: number): Answers {
  const answers: Answers = {
    yp_overall_experience: { kind: "options", codes: [OVERALL[i]] },
    yp_listened_to: { kind: "options", codes: [LISTENED[i]] },
    yp_feedback_leads_to_change: { kind: "options", codes: [FEEDBACK[i]] },
  };
  if (i % 2 === 0) answers.yp_age_group = { kind: "options", codes: ["age_16_18"] };
  return answers;
}

async function submitAll(db: DB, survey: Survey, answers: Answers[], instant: string) {
  for (const a of answers) {
    const { result } = await submitAnswers(db, survey, a, new Date(instant));
    if (result.status !== "submitted") throw new Error(`not submitted: ${JSON.stringify(result)}`);
  }
}

function cell(cells: KpiCell[], kpiId: string, segmentType = "all", segmentValue = "all"): KpiCell {
  const found = cells.find(
    (c) => c.kpi_id === kpiId && c.time_period === "2026-Q1" && c.segment_type === segmentType && c.segment_value === segmentValue,
  );
  if (!found) throw new Error(`no cell ${kpiId} ${segmentType}=${segmentValue}`);
  return found;
}

/** A register's rows as seedDefaultKpis and the migration write them, minus the random id and the time. */
async function registerRows(db: DB, forumId: string, kpiIds: string[]) {
  const rows = await db
    .selectFrom("kpi_definitions")
    .select(["kpi_id", "version", "name", "definition", "target", "retired_at"])
    .where("forum_id", "=", forumId)
    .where("kpi_id", "in", kpiIds)
    .execute();
  return rows
    .map((r) => ({ ...r, version: Number(r.version), target: r.target === null ? null : Number(r.target) }))
    .sort((a, b) => a.kpi_id.localeCompare(b.kpi_id) || a.version - b.version);
}

async function rowCount(db: DB, forumId: string): Promise<number> {
  return (await db.selectFrom("kpi_definitions").select("id").where("forum_id", "=", forumId).execute()).length;
}

describe.each(STORES)("young people's KPIs on $kind", ({ kind, skip }) => {
  let t: TestDb;
  beforeEach(async () => {
    if (!skip) t = await createTestDb(kind);
  });
  afterEach(async () => {
    if (!skip) await t.destroy();
  });

  it.skipIf(skip)("scores the 3-point scale: top point positive, bottom negative, the middle in the base, don't know out", async () => {
    const forum = await newForum(t.db);
    const survey = await publish(t.db, forum.id, "young-people-easy-read");
    await submitAll(
      t.db,
      survey,
      OVERALL.map((_, i) => youngPersonAnswers(i)),
      "2026-02-10T12:00:00Z",
    );
    const cells = await computeKpiCells(t.db, { forumId: forum.id, surveyId: survey.id, periodType: "quarter" });

    // K1_YP: 6 good, 3 ok, 2 not good, 1 don't know → base 11 (don't know out), 6 positive, 2 negative.
    expect(cell(cells, "K1_YP")).toMatchObject({
      survey: "young-people-easy-read",
      kpi_name: "Overall experience (young people, easy read)",
      n: 11,
      numerator: 6,
      percent: 54.5,
      ci_lower: 28,
      ci_upper: 78.7,
      percent_negative: 18.2,
      flag: "u",
    });
    // K2_YP: 7 yes, 3 sometimes, 2 no → base 12 (sometimes stays in), 7 positive, 2 negative.
    expect(cell(cells, "K2_YP")).toMatchObject({
      n: 12,
      numerator: 7,
      percent: 58.3,
      ci_lower: 32,
      ci_upper: 80.7,
      percent_negative: 16.7,
      flag: "u",
    });
    // K13_YP: 4 yes, 4 a bit, 2 no, 2 don't know → base 10, 4 positive, 2 negative.
    expect(cell(cells, "K13_YP")).toMatchObject({
      n: 10,
      numerator: 4,
      percent: 40,
      ci_lower: 16.8,
      ci_upper: 68.7,
      percent_negative: 20,
      flag: "u",
    });

    // The age group is a breakdown like any segment; six answered it and six did not, so SDC-1 hides both.
    const byAge = await computeKpiCells(t.db, { forumId: forum.id, surveyId: survey.id, periodType: "quarter", by: "yp_age_group" });
    const ageCells = byAge.filter((c) => c.kpi_id === "K2_YP" && c.segment_type === "yp_age_group");
    expect(ageCells.map((c) => [c.segment_value, c.flag])).toEqual([
      ["age_16_18", "c"],
      ["unknown", "c"],
    ]);
    const byRole = await computeKpiCells(t.db, { forumId: forum.id, surveyId: survey.id, periodType: "quarter", by: "respondent_role" });
    expect(cell(byRole, "K2_YP", "respondent_role", "young_person")).toMatchObject({ n: 12, numerator: 7 });
  });

  it.skipIf(skip)("never pools: the parent survey's cells have no young people's KPI, and theirs none of K1, K2 or K13", async () => {
    const forum = await newForum(t.db);
    await seedDefaultKpis(t.db, forum.id);
    const parent = await publish(t.db, forum.id, "parent-carer-experience", parentCarerExperience);
    const young = await publish(t.db, forum.id, "young-people-easy-read");
    await submitAll(
      t.db,
      young,
      OVERALL.map((_, i) => youngPersonAnswers(i)),
      "2026-02-10T12:00:00Z",
    );
    // Twelve parents in the same quarter, all answering K1's "good" (a positive that K1_YP also uses).
    await submitAll(
      t.db,
      parent,
      Array.from({ length: 12 }, () => minimalParentAnswers()),
      "2026-02-11T12:00:00Z",
    );

    expect((await applicableKpis(t.db, forum.id, young.id)).map((k) => k.id)).toEqual(YP_IDS);
    const parentApplicable = (await applicableKpis(t.db, forum.id, parent.id)).map((k) => k.id);
    expect(parentApplicable).toContain("K1");
    for (const id of YP_IDS) expect(parentApplicable, id).not.toContain(id);

    const youngCells = await computeKpiCells(t.db, { forumId: forum.id, surveyId: young.id, periodType: "quarter" });
    const parentCells = await computeKpiCells(t.db, { forumId: forum.id, surveyId: parent.id, periodType: "quarter" });
    expect([...new Set(youngCells.map((c) => c.kpi_id))]).toEqual(YP_IDS);
    const parentIds = new Set(parentCells.map((c) => c.kpi_id));
    for (const id of ["K1", "K2", "K13"]) expect(parentIds.has(id), id).toBe(true);
    for (const id of YP_IDS) expect(parentIds.has(id), id).toBe(false);

    // Each figure counts its own survey's respondents only.
    expect(cell(youngCells, "K1_YP")).toMatchObject({ n: 11, numerator: 6 });
    expect(cell(parentCells, "K1")).toMatchObject({ n: 12, numerator: 12 });
    expect(cell(parentCells, "K13")).toMatchObject({ n: 12, numerator: 12 });
  });

  it.skipIf(skip)("the migration gives a register that lacks them the three KPIs once, as seedDefaultKpis writes them", async () => {
    const names = Object.keys(migrations);
    expect(names.indexOf("2026-11-23T11-young-people-kpis")).toBe(names.indexOf("2026-11-23T10-totp-replay") + 1);

    // A: a register from before the young people's KPIs.
    const a = await newForum(t.db);
    await seedDefaultKpis(t.db, a.id);
    await t.db.deleteFrom("kpi_definitions").where("forum_id", "=", a.id).where("kpi_id", "in", YP_IDS).execute();
    // B: has K1_YP with a target and a retired K2_YP, but no K13_YP.
    const b = await newForum(t.db);
    await seedDefaultKpis(t.db, b.id);
    await setKpiTarget(t.db, b.id, "K1_YP", 70);
    await retireKpi(t.db, b.id, "K2_YP");
    await t.db.deleteFrom("kpi_definitions").where("forum_id", "=", b.id).where("kpi_id", "=", "K13_YP").execute();
    const bBefore = await registerRows(t.db, b.id, ["K1_YP", "K2_YP"]);
    // C: has never stored a register.
    const c = await newForum(t.db);
    // D: a forum seeded today, for comparison.
    const d = await newForum(t.db);
    await seedDefaultKpis(t.db, d.id);

    await addYoungPeopleKpis(t.db);

    // A now has the three, exactly as seedDefaultKpis writes them, after K13 in the register.
    expect(await registerRows(t.db, a.id, YP_IDS)).toEqual(await registerRows(t.db, d.id, YP_IDS));
    expect((await listKpis(t.db, a.id)).map((k) => k.id)).toEqual(DEFAULT_KPIS.map((k) => k.id));
    // B keeps its K1_YP target and its retired K2_YP, and gains K13_YP.
    expect(await registerRows(t.db, b.id, ["K1_YP", "K2_YP"])).toEqual(bBefore);
    expect(bBefore.find((r) => r.kpi_id === "K1_YP")?.target).toBe(70);
    expect(bBefore.find((r) => r.kpi_id === "K2_YP")?.retired_at).not.toBeNull();
    expect(await registerRows(t.db, b.id, ["K13_YP"])).toEqual(await registerRows(t.db, d.id, ["K13_YP"]));
    // C stays empty, and so reports every default, these three included.
    expect(await rowCount(t.db, c.id)).toBe(0);
    expect((await listKpis(t.db, c.id)).map((k) => k.id)).toEqual(DEFAULT_KPIS.map((k) => k.id));
    // D already had them: nothing added.
    expect(await rowCount(t.db, d.id)).toBe(DEFAULT_KPIS.length);

    // Once: running it again adds nothing anywhere.
    const counts = [await rowCount(t.db, a.id), await rowCount(t.db, b.id)];
    await addYoungPeopleKpis(t.db);
    expect([await rowCount(t.db, a.id), await rowCount(t.db, b.id)]).toEqual(counts);
    expect(counts[0]).toBe(DEFAULT_KPIS.length);
  });

  it.skipIf(skip)(
    "the demo forum publishes the young people's survey, open and public, with 180 sample responses",
    { timeout: 120_000 },
    async () => {
      const seed = await seedDemoForum(t.db, {
        sampleResponses: true,
        demoPassword: "a-demo-password-for-tests",
        now: new Date("2026-11-20T12:00:00Z"),
      });
      const entry = seed.surveys.find((s) => s.slug === "young-people-easy-read");
      expect(entry).toBeDefined();
      const survey = (await findPublishedSurvey(t.db, entry!.publicId))!;
      expect(survey).toMatchObject({ status: "open", access: "public", audience: "young_person" });
      expect(survey.definition.easyRead).toBe(true);
      const responses = await t.db.selectFrom("responses").select(["respondent_role"]).where("survey_id", "=", survey.id).execute();
      expect(responses).toHaveLength(180);
      expect(new Set(responses.map((r) => r.respondent_role))).toEqual(new Set(["young_person"]));

      const cells = await computeKpiCells(t.db, { forumId: survey.forumId, surveyId: survey.id, periodType: "stocktake" });
      expect([...new Set(cells.map((c) => c.kpi_id))]).toEqual(YP_IDS);
      // The figures are there to see: some half-year publishes each young people's KPI.
      for (const id of YP_IDS)
        expect(
          cells.some((c) => c.kpi_id === id && c.percent !== null),
          id,
        ).toBe(true);
    },
  );
});
