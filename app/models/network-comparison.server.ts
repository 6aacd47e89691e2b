/**
 * "Compared with the network" for a forum's board (NB-1): the forum's place among the network's
 * figures for one survey and period, from the same counts and rows as the public network pages.
 */
import type { DB } from "~/db.server";
import { compareWithNetwork, type KpiComparison } from "~/domain/network-comparison";
import { NETWORK_TEMPLATES } from "~/domain/network-counts";
import type { PeriodType } from "~/domain/periods";
import { listNetworkCounts } from "./network-counts.server";
import { networkMembership } from "./network-members.server";

export type BoardNetworkComparison =
  /** The forum is not in the network now: no comparison is shown. */
  | { status: "not_member" }
  /** The survey is not one of the standard templates the network compares. */
  | { status: "not_compared" }
  | { status: "compared"; template: string; kpis: KpiComparison[] };

export async function boardNetworkComparison(
  db: DB,
  input: { forumId: string; forumCode: string; template: string; periodType: PeriodType; period: string },
): Promise<BoardNetworkComparison> {
  const membership = await networkMembership(db, input.forumId);
  if (!membership?.member) return { status: "not_member" };
  if (!NETWORK_TEMPLATES.includes(input.template)) return { status: "not_compared" };
  const counts = await listNetworkCounts(db, input.template);
  return {
    status: "compared",
    template: input.template,
    kpis: compareWithNetwork({
      counts,
      template: input.template,
      periodType: input.periodType,
      period: input.period,
      forum: input.forumCode,
    }),
  };
}
