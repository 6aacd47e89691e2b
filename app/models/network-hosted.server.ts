/**
 * The counts forums hosted in this installation share with the network (NB-1), from their KPI
 * summaries, for any number of forums in a handful of queries: the network page of a national
 * network (150 forums) reads them all on every view.
 *
 * - One query finds each forum's published survey of the template, two more their contexts
 *   (definitions and KPI registers); two find the summaries with anything to do, and only those
 *   are brought up to date.
 * - Per KPI, one query scores every forum's months in SQL from the summary's `all` rows, exactly
 *   as scoreCounts and indexScore do: n = answers not excluded, numerator = positive ones of
 *   those, negative = negative ones of those (an index KPI: n = positive + in_base).
 */
import { sql, type RawBuilder } from "kysely";
import type { DB } from "~/db.server";
import type { KpiDefinition } from "~/domain/kpi-definitions";
import { countsAsStandard, NETWORK_TEMPLATES, networkKpis, type ForumMonthCount } from "~/domain/network-counts";
import { refreshMany } from "./kpi-summary.server";
import { indexQuestionCode, summaryContexts } from "./kpi-survey.server";

export interface HostedForumCounts {
  rows: ForumMonthCount[];
  /** Standard KPIs the forum has redefined in its own register: not shared, as they would not compare. */
  notShared: { template: string; kpiId: string }[];
}

export interface HostedForum {
  id: string;
  code: string;
  name: string;
}

/**
 * Hosted forums' counts per template, KPI and month (rows with n > 0 only), from their summaries
 * brought up to date first: n, numerator and negative exactly as each forum's own board counts
 * them, for each standard KPI its register still defines as the standard does. A template counts
 * through the forum's published survey of the same slug; a forum without one has no counts for
 * it. `kpiIds` limits the KPIs (the network page shows one). Rows by forum (as given), template,
 * month, then KPI in register order.
 */
export async function hostedCounts(
  db: DB,
  forums: readonly HostedForum[],
  options: { templates?: readonly string[]; kpiIds?: readonly string[] } = {},
): Promise<HostedForumCounts> {
  const out: HostedForumCounts = { rows: [], notShared: [] };
  if (forums.length === 0) return out;
  const byId = new Map(forums.map((f) => [f.id, f]));
  // byForum[forum id][template] = rows, so the output keeps the order described above.
  const byForum = new Map<string, Map<string, ForumMonthCount[]>>();
  const notShared = new Map<string, { template: string; kpiId: string }[]>();

  for (const template of options.templates ?? NETWORK_TEMPLATES) {
    const surveys = await db
      .selectFrom("surveys")
      .select(["id", "forum_id"])
      .where(
        "forum_id",
        "in",
        forums.map((f) => f.id),
      )
      .where("slug", "=", template)
      .where("current_version_id", "is not", null)
      .execute();
    const ctxs = await summaryContexts(
      db,
      surveys.map((s) => ({ forumId: s.forum_id, surveyId: s.id })),
    );
    await refreshMany(db, ctxs);

    const standard = networkKpis(template).filter((k) => !options.kpiIds || options.kpiIds.includes(k.id));
    const standardIds = new Set(networkKpis(template).map((k) => k.id));
    // shared[kpi id] = the surveys (by id) whose forum shares that KPI.
    const shared = new Map<string, Set<string>>(networkKpis(template).map((k) => [k.id, new Set<string>()]));
    for (const ctx of ctxs) {
      for (const k of ctx.kpis) {
        if (!standardIds.has(k.id)) continue;
        if (countsAsStandard(k)) shared.get(k.id)?.add(ctx.survey.id);
        else notShared.set(ctx.survey.forumId, [...(notShared.get(ctx.survey.forumId) ?? []), { template, kpiId: k.id }]);
      }
    }

    // scores[survey id][month][kpi id]
    const scores = new Map<string, Map<string, Map<string, { n: number; numerator: number; negative: number | null }>>>();
    for (const kpi of standard) {
      const ids = [...(shared.get(kpi.id) ?? [])];
      if (ids.length === 0) continue;
      const rows = await scoreMonths(db, kpi, ids);
      for (const r of rows) {
        const n = Number(r.n);
        if (n === 0) continue;
        let months = scores.get(r.survey_id);
        if (!months) scores.set(r.survey_id, (months = new Map()));
        let kpis = months.get(r.month);
        if (!kpis) months.set(r.month, (kpis = new Map()));
        kpis.set(kpi.id, { n, numerator: Number(r.numerator), negative: r.negative === null ? null : Number(r.negative) });
      }
    }
    // Limited to some KPIs, a forum's month with counts for other KPIs only still puts the forum
    // in that period's breakdown (NB-1: every member forum with any counts): an n = 0 row says so.
    const only = options.kpiIds;
    if (only) {
      const others = networkKpis(template).filter((k) => !only.includes(k.id) && (shared.get(k.id)?.size ?? 0) > 0);
      for (const r of await monthsWithCounts(db, others, shared)) {
        let months = scores.get(r.survey_id);
        if (!months) scores.set(r.survey_id, (months = new Map()));
        let kpis = months.get(r.month);
        if (!kpis) months.set(r.month, (kpis = new Map()));
        for (const kpi of standard) {
          if (!kpis.has(kpi.id) && shared.get(kpi.id)?.has(r.survey_id)) {
            kpis.set(kpi.id, { n: 0, numerator: 0, negative: kpi.kind === "ehcp_quality_index" ? null : 0 });
          }
        }
      }
    }
    for (const ctx of ctxs) {
      const forum = byId.get(ctx.survey.forumId);
      if (!forum) continue;
      const rows: ForumMonthCount[] = [];
      const months = scores.get(ctx.survey.id) ?? new Map<string, Map<string, { n: number; numerator: number; negative: number | null }>>();
      for (const [month, kpis] of [...months].sort(([a], [b]) => (a < b ? -1 : 1))) {
        // Register order: the forum's own, as its board lists them.
        for (const k of ctx.kpis) {
          const score = kpis.get(k.id);
          if (score) rows.push({ forum: forum.code, forum_name: forum.name, survey_template: template, month, kpi_id: k.id, ...score });
        }
      }
      let templates = byForum.get(forum.id);
      if (!templates) byForum.set(forum.id, (templates = new Map()));
      templates.set(template, rows);
    }
  }
  for (const forum of forums) {
    for (const rows of byForum.get(forum.id)?.values() ?? []) out.rows.push(...rows);
    out.notShared.push(...(notShared.get(forum.id) ?? []));
  }
  return out;
}

function scoring(kpi: KpiDefinition) {
  const isIndex = kpi.kind === "ehcp_quality_index";
  const among = (codes: readonly string[]): RawBuilder<boolean> =>
    codes.length === 0 ? sql<boolean>`1 = 0` : sql<boolean>`option_code in (${sql.join(codes)})`;
  return {
    code: isIndex ? indexQuestionCode(kpi.id) : kpi.question,
    counted: isIndex ? among(["positive", "in_base"]) : sql<boolean>`not (${among(kpi.excluded)})`,
    positive: isIndex ? among(["positive"]) : among(kpi.positive),
    negative: isIndex ? null : among(kpi.negative),
  };
}

/** The surveys' months in which any of these KPIs has n > 0 (for the surveys that share it). */
async function monthsWithCounts(db: DB, kpis: readonly KpiDefinition[], shared: Map<string, Set<string>>) {
  if (kpis.length === 0) return [];
  const parts = kpis.map((kpi) => {
    const { code, counted } = scoring(kpi);
    return sql`select survey_id, month from kpi_month_counts
      where question_code = ${code} and segment_type = 'all' and segment_value = 'all'
        and survey_id in (${sql.join([...(shared.get(kpi.id) ?? [])])}) and ${counted} and n > 0`;
  });
  const { rows } = await sql<{ survey_id: string; month: string }>`${sql.join(parts, sql` union `)}`.execute(db);
  return rows;
}

/** One KPI scored per survey and month from the summary's `all` rows, as scoreCounts / indexScore do. */
async function scoreMonths(db: DB, kpi: KpiDefinition, surveyIds: string[]) {
  const { code, counted, positive, negative } = scoring(kpi);
  const { rows } = await sql<{ survey_id: string; month: string; n: number; numerator: number; negative: number | null }>`
    select survey_id, month,
      sum(case when ${counted} then n else 0 end) as n,
      sum(case when ${counted} and ${positive} then n else 0 end) as numerator,
      ${negative === null ? sql`null` : sql`sum(case when ${counted} and ${negative} then n else 0 end)`} as negative
    from kpi_month_counts
    where question_code = ${code} and segment_type = 'all' and segment_value = 'all' and survey_id in (${sql.join(surveyIds)})
    group by survey_id, month`.execute(db);
  return rows;
}
