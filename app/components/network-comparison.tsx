/**
 * "Compared with the network" on the board dashboard (NB-1): each KPI's position among the
 * network's forums, with the network figure, its 95% interval and n, as a table a screen reader
 * reads cell by cell. Positions, never ranks.
 */
import type { KpiComparison, NoPositionReason } from "~/domain/network-comparison";
import { positionWords } from "./funnel-plot";
import { formatInterval, formatPercent } from "./kpi-figures";

const REASON_WORDS: Record<NoPositionReason, string> = {
  suppressed: "No position: this forum's figure is suppressed (fewer than 10 answers, or hidden to protect a small group)",
  too_few_forums: "No position: fewer than 3 forums have figures for this KPI in this period",
  network_suppressed: "No position: the network's figure is suppressed (fewer than 10 answers across the network)",
  no_counts: "No position: this forum has no answers for this KPI in this period",
};

export function NetworkComparison({
  template,
  period,
  periodType,
  kpis,
}: {
  template: string;
  period: string;
  periodType: string;
  kpis: KpiComparison[];
}) {
  const query = new URLSearchParams({ periodType, period }).toString();
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={`Compared with the network, ${period}`}>
      <table className="table" data-testid="network-comparison">
        <caption>Each KPI of this forum compared with the network of forums, {period}</caption>
        <thead>
          <tr>
            <th scope="col">KPI</th>
            <th scope="col">This forum</th>
            <th scope="col">Position</th>
            <th scope="col">Network figure</th>
            <th scope="col">Network 95% interval</th>
            <th scope="col">Network n</th>
          </tr>
        </thead>
        <tbody>
          {kpis.map((k) => {
            const network = k.network && k.network.flag !== "c" ? k.network : null;
            const none = k.network ? "Suppressed" : "No figure";
            return (
              <tr key={k.kpiId} data-kpi={k.kpiId} data-position={k.position ?? ""} data-reason={k.reason ?? ""}>
                <th scope="row">
                  <a href={`/network/${template}/${k.kpiId}?${query}`}>
                    {k.kpiId} {k.kpiName}
                    <span className="visually-hidden"> on the network page</span>
                  </a>
                </th>
                <td>{k.forum && k.forum.percent !== null ? formatPercent(k.forum.percent) : "–"}</td>
                <td>{k.position ? positionWords(k.position) : REASON_WORDS[k.reason ?? "no_counts"]}</td>
                <td>{network ? formatPercent(network.percent) : none}</td>
                <td>{network ? formatInterval(network) : "–"}</td>
                <td>{network?.n ?? "–"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
