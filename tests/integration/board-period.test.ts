import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { londonDate, PERIOD_TYPES, periodOf, previousPeriod } from "~/domain/periods";
import { boardFigures, boardSurveys, findForumSurvey, resolveBoardView } from "~/models/board.server";
import { listKpis } from "~/models/kpi-register.server";
import { demoTargets, seedDemoForum } from "~/seed.server";
import { forumWithSurvey, minimalParentAnswers, submitAnswers } from "../factories";
import { createTestDb, STORES, type TestDb } from "../support/db";

/**
 * The board opens on the latest period with published figures as of the clock it is given: on
 * the second day of each stocktake half-year (when the new one has almost no answers) it shows
 * the half-year that has just ended, with the demo targets' three colours.
 */

/** 09:00 in London on the second day of a stocktake half-year: the mornings the issue was about. */
const SECOND_DAYS = ["2024-12-02", "2025-06-02", "2025-12-02", "2026-06-02", "2026-12-02", "2027-06-02"];
const at = (day: string) => new Date(`${day}T09:00:00${day.slice(5, 7) === "06" ? "+01:00" : "Z"}`);

async function seededAt(db: TestDb["db"], now: Date) {
  const seed = await seedDemoForum(db, { sampleResponses: true, demoPassword: "a-demo-password-for-tests", now });
  return seed.forumId!;
}

describe.each(STORES)("the board's opening period ($kind)", ({ kind, skip }) => {
  let t: TestDb;
  beforeEach(async () => {
    if (!skip) t = await createTestDb(kind);
  });
  afterEach(async () => {
    if (!skip) await t.destroy();
  });

  // PostgreSQL repeats two of the mornings: the rule is the same SQL on both, and seeding is slow.
  const days = kind === "sqlite" ? SECOND_DAYS : SECOND_DAYS.slice(-2);

  it.skipIf(skip).each(days)(
    "seeded and opened on %s, every survey and period type opens on published figures; the parents' on the half-year just ended, green, amber and red",
    { timeout: 180_000 },
    async (day) => {
      const now = at(day);
      expect(londonDate(now)).toBe(day);
      const forumId = await seededAt(t.db, now);
      const current = periodOf("stocktake", day);
      for (const survey of await boardSurveys(t.db, forumId)) {
        for (const periodType of PERIOD_TYPES) {
          const figures = await boardFigures(t.db, { forumId, survey, periodType, now });
          const label = `${survey.slug}, ${periodType}`;
          expect(figures.period, label).not.toBeNull();
          expect(
            figures.kpis.some((k) => k.latest?.percent !== null && k.latest?.percent !== undefined),
            label,
          ).toBe(true);
          expect(figures.setAside).toBeNull();
        }
      }

      const parents = (await findForumSurvey(t.db, forumId, "parent-carer-experience"))!;
      const figures = await boardFigures(t.db, { forumId, survey: parents, periodType: "stocktake", now });
      // Not the half-year that began yesterday: the one that ended on the last day of the month before.
      expect(figures.period).toBe(previousPeriod("stocktake", current));
      if (figures.periods.includes(current)) expect(figures.tooFewLater).toEqual([current]);
      // Most headline figures are published there, not just one.
      expect(figures.kpis.filter((k) => k.latest?.percent !== null).length).toBeGreaterThanOrEqual(6);
      // The demo targets rate one KPI of each colour.
      const rags = figures.kpis.map((k) => k.latest?.rag ?? "");
      expect(rags.filter((r) => r === "green")).toHaveLength(1);
      expect(rags.filter((r) => r === "amber")).toHaveLength(1);
      expect(rags.filter((r) => r === "red")).toHaveLength(1);
      const targets = (await listKpis(t.db, forumId)).filter((k) => k.target !== null);
      expect(targets.map((k) => k.id).sort()).toEqual(["K1", "K13", "K2"]);
    },
  );

  it.skipIf(skip)("a half-year that has not begun by the clock is never the opening period", async () => {
    const { forum, survey } = await forumWithSurvey(t.db);
    // 12 answers in 2026-H2 and 12 in 2027-H1 (which begins on 1 December 2026).
    for (let i = 0; i < 12; i++) await submitAnswers(t.db, survey, minimalParentAnswers(), new Date("2026-09-10T12:00:00Z"));
    for (let i = 0; i < 12; i++) await submitAnswers(t.db, survey, minimalParentAnswers(), new Date("2027-01-10T12:00:00Z"));
    const found = (await findForumSurvey(t.db, forum.id, survey.publicId))!;
    const open = (now?: Date) => boardFigures(t.db, { forumId: forum.id, survey: found, periodType: "stocktake", now });
    // On 20 November 2026 the answers dated January 2027 are in a half-year that has not begun.
    expect(await open(new Date("2026-11-20T09:00:00Z"))).toMatchObject({ period: "2026-H2", tooFewLater: [] });
    // From 1 December (London) it has begun, and its 12 answers are published.
    expect(await open(new Date("2026-12-01T00:30:00Z"))).toMatchObject({ period: "2027-H1", tooFewLater: [] });
    // Without a clock nothing is set aside for being in the future.
    expect((await open()).period).toBe("2027-H1");
  });

  it.skipIf(skip)("a chosen period is shown; one nobody answered in is set aside for the default; bad input is a message", async () => {
    const { forum, survey } = await forumWithSurvey(t.db);
    for (let i = 0; i < 12; i++) await submitAnswers(t.db, survey, minimalParentAnswers(), new Date("2026-03-10T12:00:00Z"));
    for (let i = 0; i < 12; i++) await submitAnswers(t.db, survey, minimalParentAnswers(), new Date("2026-09-10T12:00:00Z"));
    const now = new Date("2026-12-02T09:00:00Z");
    const view = async (query: string) => {
      const resolved = await resolveBoardView(t.db, forum.id, new URLSearchParams(query));
      const figures = resolved.survey
        ? await boardFigures(t.db, {
            forumId: forum.id,
            survey: resolved.survey,
            periodType: resolved.periodType,
            period: resolved.period,
            by: resolved.by,
            now,
          })
        : null;
      return { resolved, figures };
    };

    expect((await view("")).figures).toMatchObject({ period: "2026-H2", previousPeriod: "2026-H1", setAside: null });
    const chosen = await view("period=2026-H1");
    expect(chosen.figures).toMatchObject({ period: "2026-H1", previousPeriod: "2025-H2", setAside: null });
    expect(chosen.figures!.kpis.find((k) => k.id === "K1")!.latest).toMatchObject({ n: 12, numerator: 12 });
    expect((await view("periodType=quarter&period=2026-Q1")).figures).toMatchObject({ period: "2026-Q1", setAside: null });

    // A well-formed period with no answers (an old bookmark, a future half-year) falls back, and says so.
    for (const period of ["1999-H1", "2031-H2"]) {
      expect((await view(`period=${period}`)).figures).toMatchObject({ period: "2026-H2", setAside: period });
    }
    // A period of another type (the type changed, the period stayed in the address) is set aside quietly.
    const otherType = await view("periodType=stocktake&period=2026-Q1");
    expect(otherType.resolved.errors).toEqual({});
    expect(otherType.figures).toMatchObject({ period: "2026-H2", setAside: null });

    // Malformed values are messages for the form, never figures, never a thrown error.
    for (const [query, field, message] of [
      ["period=2026-H3", "period", "Choose a period from the list."],
      ["period=%3Cscript%3E", "period", "Choose a period from the list."],
      ["period=2026-H1-and-more", "period", "Choose a period from the list."],
      ["periodType=fortnight", "periodType", "The period type must be one of quarter, stocktake, academic_year."],
      ["survey=no-such-survey", "survey", "Choose one of this forum's surveys."],
    ] as const) {
      const { resolved, figures } = await view(query);
      expect(resolved.errors, query).toEqual({ [field]: message });
      expect(figures, query).toBeNull();
    }
  });
});

describe("demoTargets", () => {
  const cell = (kpi_id: string, percent: number | null, ci_upper: number | null) => ({ kpi_id, percent, ci_upper });
  const rag = (c: { percent: number | null; ci_upper: number | null }, target: number) =>
    c.percent === null || c.ci_upper === null ? "" : c.percent >= target ? "green" : target <= c.ci_upper ? "amber" : "red";

  it("gives K1 a red target, K2 an amber one and K13 a green one, in round fives where they fit", () => {
    const cells = [cell("K1", 24.3, 31.7), cell("K2", 30.5, 39.8), cell("K3", 49.5, 59.1), cell("K13", 61.8, 70.6)];
    expect(demoTargets(cells)).toEqual({ K1: 35, K2: 35, K13: 60 });
  });

  it("finds a colour where no round five fits, skips what is suppressed, and leaves out what no cell allows", () => {
    // No multiple of 5 lies within K2's interval above its figure, and K13's figure is under 5%.
    const cells = [cell("K1", 20.0, 30.0), cell("K2", 41.0, 44.5), cell("K3", null, null), cell("K13", 3.2, 9.9)];
    const targets = demoTargets(cells);
    expect(targets).toEqual({ K1: 35, K2: 41.1, K13: 3.2 });
    const cellOf = (id: string) => cells.find((c) => c.kpi_id === id)!;
    expect(Object.entries(targets).map(([id, target]) => rag(cellOf(id), target))).toEqual(["red", "amber", "green"]);
    // K1's interval reaches 100%, so nothing can be red for it: red goes to K2, amber to K1, and no KPI is left for green.
    expect(demoTargets([cell("K1", 96.0, 100.0), cell("K2", 50.0, 60.0)])).toEqual({ K2: 65, K1: 100 });
    expect(demoTargets([cell("K1", null, null)])).toEqual({});
  });
});
