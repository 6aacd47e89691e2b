/**
 * "Compared with the network" on a forum's own board (NB-1): for each KPI of a network template
 * in one period, the forum's position on the funnel plot and the network figure, or why there is
 * none. Every figure is a row of networkRows, the rows the public network page and the network
 * CSV carry; nothing is computed here but the reason a position is missing.
 *
 * Pure: no I/O.
 */
import { FORUM_SEGMENT, NETWORK_MINIMUM_FORUMS, networkRows, type FunnelPosition, type NetworkRow } from "./network";
import { networkKpis, type ForumMonthCount } from "./network-counts";
import { periodOf, type PeriodType } from "./periods";

/**
 * Why a KPI has no position: the forum's own figure is suppressed (SDC-1, fewer than 10 or the
 * breakdown's secondary cell); fewer than 3 forums have counts for it; the network as a whole has
 * fewer than 10; or the forum has no counts for it in the period.
 */
export type NoPositionReason = "suppressed" | "too_few_forums" | "network_suppressed" | "no_counts";

export interface KpiComparison {
  kpiId: string;
  kpiName: string;
  /** The network row (flag c when suppressed); null when no member has counts in the period. */
  network: NetworkRow | null;
  /** This forum's row; null when it has no counts for the template in the period. */
  forum: NetworkRow | null;
  position: FunnelPosition | null;
  reason: NoPositionReason | null;
}

export function compareWithNetwork(input: {
  counts: readonly ForumMonthCount[];
  template: string;
  periodType: PeriodType;
  period: string;
  /** The forum's code. */
  forum: string;
}): KpiComparison[] {
  const { template, periodType, period } = input;
  const rows = networkRows({ counts: input.counts, template, periodType }).filter((r) => r.time_period === period);
  // How many forums have n > 0 for each KPI in the period: the network figure's first condition.
  const contributing = new Map<string, Map<string, number>>();
  for (const c of input.counts) {
    if (c.survey_template !== template || periodOf(periodType, `${c.month}-01`) !== period) continue;
    const byForum = contributing.get(c.kpi_id) ?? new Map<string, number>();
    byForum.set(c.forum, (byForum.get(c.forum) ?? 0) + c.n);
    contributing.set(c.kpi_id, byForum);
  }
  return networkKpis(template).map((kpi): KpiComparison => {
    const network = rows.find((r) => r.kpi_id === kpi.id && r.segment_type !== FORUM_SEGMENT) ?? null;
    const forum = rows.find((r) => r.kpi_id === kpi.id && r.segment_type === FORUM_SEGMENT && r.segment_value === input.forum) ?? null;
    const byForum = contributing.get(kpi.id) ?? new Map<string, number>();
    const forums = [...byForum.values()].filter((n) => n > 0).length;
    const position = forum && forum.position !== "" ? forum.position : null;
    let reason: NoPositionReason | null = null;
    if (position === null) {
      if (!forum || (byForum.get(input.forum) ?? 0) === 0) reason = "no_counts";
      else if (forum.flag === "c") reason = "suppressed";
      else if (forums < NETWORK_MINIMUM_FORUMS) reason = "too_few_forums";
      else reason = "network_suppressed";
    }
    return { kpiId: kpi.id, kpiName: kpi.name, network, forum, position, reason };
  });
}
