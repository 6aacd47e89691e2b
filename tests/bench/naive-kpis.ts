/**
 * The naive baselines of the KPI benchmarks: answers loaded into JavaScript and counted there,
 * the cells built with the same domain functions as the app's.
 */
import type { DB } from "~/db.server";
import { ALL_SEGMENT, buildCell, suppressSmallCells, type KpiCell } from "~/domain/kpi-cells";
import { classifyQualityIndexRespondent, type RespondentAnswers } from "~/domain/kpi-scoring";
import { periodOf, periodRange, periodTypeOf, previousPeriod, type PeriodType } from "~/domain/periods";
import { listKpis } from "~/models/kpi-register.server";
import { kpiApplies } from "~/models/kpi-survey.server";
import { definition, SURVEY_SLUG } from "./kpi-data";

/**
 * The naive dashboard: load the latest and previous quarters' answers into JavaScript, count
 * there, and build the same cells with the same domain functions.
 */
export async function naiveDashboard(
  db: DB,
  bench: { forumId: string; surveyId: string },
  period: string,
  PERIOD_TYPE: PeriodType = "quarter",
  BY = "district",
): Promise<KpiCell[]> {
  const kpis = (await listKpis(db, bench.forumId)).filter((k) => kpiApplies(k, definition));
  const before = previousPeriod(PERIOD_TYPE, period);
  const rows = await db
    .selectFrom("responses as r")
    .innerJoin("answers as a", "a.response_id", "r.id")
    .select(["r.id", "r.submitted_on", "a.question_code", "a.option_code"])
    .where("r.forum_id", "=", bench.forumId)
    .where("r.survey_id", "=", bench.surveyId)
    .where("r.status", "=", "submitted")
    .where("r.submitted_on", ">=", periodRange(PERIOD_TYPE, before).start)
    .where("r.submitted_on", "<=", periodRange(PERIOD_TYPE, period).end)
    .execute();
  const respondents = new Map<string, { periods: string[]; answers: Record<string, string> }>();
  for (const row of rows) {
    let r = respondents.get(row.id);
    if (!r) respondents.set(row.id, (r = { periods: [periodOf(PERIOD_TYPE, row.submitted_on!)], answers: {} }));
    if (row.option_code !== null) r.answers[row.question_code] = row.option_code;
  }
  return countInJavaScript(kpis, respondents.values(), BY);
}

type Kpis = Awaited<ReturnType<typeof listKpis>>;

export function countInJavaScript(
  kpis: Kpis,
  respondents: Iterable<{ periods: string[]; answers: RespondentAnswers; segments?: Record<string, string> }>,
  ...segments: string[]
): KpiCell[] {
  // key: period, segment type, segment value, kpi → { n, numerator, negative }
  const scores = new Map<string, { n: number; numerator: number; negative: number }>();
  const responded = new Map<string, Set<string>>();
  const add = (key: string, n: number, numerator: number, negative: number) => {
    const s = scores.get(key) ?? { n: 0, numerator: 0, negative: 0 };
    s.n += n;
    s.numerator += numerator;
    s.negative += negative;
    scores.set(key, s);
  };
  for (const r of respondents) {
    const values: [string, string][] = [[ALL_SEGMENT, ALL_SEGMENT]];
    for (const segment of segments) values.push([segment, r.segments?.[segment] ?? r.answers[segment] ?? "unknown"]);
    for (const period of r.periods) {
      for (const [type, value] of values) {
        const key = `${period}|${type}`;
        const set = responded.get(key) ?? new Set<string>();
        set.add(value);
        responded.set(key, set);
      }
    }
    for (const kpi of kpis) {
      // Each respondent in a KPI's base adds 1 to n.
      const n = 1;
      let numerator: number;
      let negative = 0;
      if (kpi.kind === "ehcp_quality_index") {
        const c = classifyQualityIndexRespondent(kpi, r.answers);
        if (c === "outside_base") continue;
        numerator = c === "positive" ? 1 : 0;
      } else {
        const answer = r.answers[kpi.question];
        if (!answer || kpi.excluded.includes(answer)) continue;
        numerator = kpi.positive.includes(answer) ? 1 : 0;
        negative = kpi.negative.includes(answer) ? 1 : 0;
      }
      for (const period of r.periods) {
        for (const [type, value] of values) add(`${period}|${type}|${value}|${kpi.id}`, n, numerator, negative);
      }
    }
  }
  const periods = [...new Set([...responded.keys()].map((k) => k.split("|")[0]))];
  const cells: KpiCell[] = [];
  for (const period of periods) {
    for (const kpi of kpis) {
      const rows: [string, string][] = [[ALL_SEGMENT, ALL_SEGMENT]];
      for (const segment of segments) for (const v of responded.get(`${period}|${segment}`) ?? []) rows.push([segment, v]);
      for (const [type, value] of rows) {
        const s = scores.get(`${period}|${type}|${value}|${kpi.id}`) ?? { n: 0, numerator: 0, negative: 0 };
        cells.push(
          buildCell({
            time_period: period,
            time_identifier: periodTypeOf(period),
            survey: SURVEY_SLUG,
            segment_type: type,
            segment_value: value,
            kpi,
            target: kpi.target,
            score: { ...s, negative: kpi.kind === "ehcp_quality_index" ? null : s.negative },
          }),
        );
      }
    }
  }
  return suppressSmallCells(cells);
}
