/**
 * /network/<template>/<kpi>: one KPI across the network of forums (NB-1). The network figure with
 * its interval and n, a funnel plot with each forum as a point, and the table of figures behind
 * it. Forums are listed by code, never ranked; a suppressed forum is listed as suppressed and
 * never plotted. Every figure is a row of computeNetworkRows, the same rows the CSV carries.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FunnelPlot, positionWords, shapeMeaning, type FunnelLimits as PlotLimits } from "~/components/funnel-plot";
import { formatInterval, formatPercent } from "~/components/kpi-figures";
import { getDb } from "~/db.server";
import { FORUM_SEGMENT, funnelLimits, type NetworkRow } from "~/domain/network";
import { NETWORK_TEMPLATES, networkKpis } from "~/domain/network-counts";
import { PERIOD_TYPES, type PeriodType } from "~/domain/periods";
import { proportionToPercent } from "~/domain/statistics";
import { notFound } from "~/http.server";
import { computeNetworkRows } from "~/models/network-counts.server";
import { listNetworkMembers } from "~/models/network-members.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.kpi.name}: the network of forums` : "The network of forums" },
];

const Query = z.object({
  periodType: z.enum(PERIOD_TYPES).catch("stocktake"),
  period: z.string().max(20).catch(""),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const template = params.template ?? "";
  if (!NETWORK_TEMPLATES.includes(template)) throw notFound();
  const kpi = networkKpis(template).find((k) => k.id === params.kpiId);
  if (!kpi) throw notFound();
  const url = new URL(request.url);
  const query = Query.parse({
    periodType: url.searchParams.get("periodType") ?? undefined,
    period: url.searchParams.get("period") ?? undefined,
  });
  const periodType: PeriodType = query.periodType;
  const db = getDb();
  const rows = (await computeNetworkRows(db, { template, periodType, kpiId: kpi.id })).filter((r) => r.kpi_id === kpi.id);
  const periods = [...new Set(rows.map((r) => r.time_period))].reverse();
  // A period of another type (or none) falls back to the latest: without JavaScript the period
  // list cannot follow a change of period type.
  const period = periods.includes(query.period) ? query.period : (periods[0] ?? null);
  const names = new Map((await listNetworkMembers(db)).map((m) => [m.code, m.name]));
  const inPeriod = rows.filter((r) => r.time_period === period);
  const network = inPeriod.find((r) => r.segment_type !== FORUM_SEGMENT) ?? null;
  const forums = inPeriod
    .filter((r) => r.segment_type === FORUM_SEGMENT)
    .map((r) => ({ ...r, name: names.get(r.segment_value) ?? r.segment_value }));
  return json({
    template,
    kpi: { id: kpi.id, name: kpi.name },
    periodType,
    periods,
    period,
    network,
    forums,
    curve: network ? funnelCurve(network, forums) : [],
  });
}

/**
 * The limits drawn as curves: sampled at n spread evenly on the plot's log scale, from the
 * smallest to the largest forum, around the network's unrounded proportion. Each forum's own
 * limits in the table are the same function at its n.
 */
function funnelCurve(network: NetworkRow, forums: readonly NetworkRow[]): PlotLimits[] {
  if (network.n === null || network.numerator === null || network.n === 0) return [];
  const p0 = network.numerator / network.n;
  const ns = forums.flatMap((f) => (f.n === null ? [] : [f.n]));
  if (ns.length === 0) return [];
  const from = Math.max(10, Math.min(...ns) / 1.5);
  const to = Math.max(from * 10, Math.max(...ns) * 1.5);
  const steps = 48;
  const samples = new Set<number>();
  for (let i = 0; i <= steps; i++) samples.add(Math.round(from * (to / from) ** (i / steps)));
  return [...samples].map((n) => {
    const limits = funnelLimits(p0, n);
    return {
      n,
      lower95: proportionToPercent(limits.inner.lower),
      upper95: proportionToPercent(limits.inner.upper),
      lower998: proportionToPercent(limits.outer.lower),
      upper998: proportionToPercent(limits.outer.upper),
    };
  });
}

function summaryOf(network: NetworkRow, forums: readonly NetworkRow[]): string {
  const plotted = forums.filter((f) => f.position !== "");
  const count = (position: string) => plotted.filter((f) => f.position === position).length;
  const outside = ["above", "high", "low", "below"].filter((p) => count(p) > 0).map((p) => `${count(p)} ${p}`);
  return (
    `Network figure ${formatPercent(network.percent)} (95% interval ${formatInterval(network)}), n = ${network.n}, from ${forums.length} forums. ` +
    `${plotted.length} forums are plotted: ${outside.length === 0 ? "all within the limits" : `${count("within")} within the limits, ${outside.join(", ")}`}.`
  );
}

export default function NetworkKpi() {
  const data = useLoaderData<typeof loader>();
  const { network, forums } = data;
  const published = network !== null && network.percent !== null;
  const suppressed = forums.filter((f) => f.flag === "c");
  return (
    <div lang="en" dir="ltr">
      <p className="caption">The network of forums · {data.template}</p>
      <h1 className="heading-l">{data.kpi.name}</h1>
      <p>
        Forums in the network share only counts of answers, never a response. Each forum is compared with the network as a whole: a point
        outside the curves is further from the network figure than chance alone would usually explain. Forums are never ranked.{" "}
        <a href="/methodology#network">How the comparison works</a>.
      </p>
      <form method="get" className="filters">
        <div className="form-group">
          <label className="label" htmlFor="periodType">
            Kind of period
          </label>
          <select className="select" id="periodType" name="periodType" defaultValue={data.periodType}>
            {PERIOD_TYPES.map((type) => (
              <option key={type} value={type}>
                {type === "stocktake" ? "Stocktake half-year" : type === "quarter" ? "Quarter" : "Academic year"}
              </option>
            ))}
          </select>
        </div>
        {data.periods.length > 0 ? (
          <div className="form-group">
            <label className="label" htmlFor="period">
              Period
            </label>
            <select className="select" id="period" name="period" defaultValue={data.period ?? ""}>
              {data.periods.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
          </div>
        ) : null}
        <button className="button button--secondary" type="submit">
          Show
        </button>
      </form>
      {data.period === null ? (
        <p className="inset">No forum in the network has shared counts for this KPI yet.</p>
      ) : (
        <>
          <h2 className="heading-m">{data.period}</h2>
          {published && network ? (
            <>
              <p className="lead" data-testid="network-figure">
                Network figure: <strong>{formatPercent(network.percent)}</strong> (95% interval {formatInterval(network)}), n = {network.n}
              </p>
              <FunnelPlot
                id="funnel"
                summary={summaryOf(network, forums)}
                networkPercent={network.percent ?? 0}
                limits={data.curve}
                points={forums.flatMap((f) =>
                  f.position === "" || f.n === null || f.percent === null
                    ? []
                    : [{ code: f.segment_value, n: f.n, percent: f.percent, position: f.position }],
                )}
              />
            </>
          ) : (
            <p className="inset" data-testid="network-figure">
              The network figure is not shown for {data.period}: it needs counts from at least three forums and at least 10 answers in all.
            </p>
          )}
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Figures behind the funnel plot">
            <table className="table">
              <caption className="table__caption">
                Each forum&apos;s figure and its limits, {data.period} (forums in order of their code)
              </caption>
              <thead>
                <tr>
                  <th scope="col">Forum</th>
                  <th scope="col" className="num">
                    n
                  </th>
                  <th scope="col" className="num">
                    Percent
                  </th>
                  <th scope="col">95% interval</th>
                  <th scope="col">95% limits</th>
                  <th scope="col">99.8% limits</th>
                  <th scope="col">Position</th>
                </tr>
              </thead>
              <tbody>
                {forums.map((f) => (
                  <tr key={f.segment_value} data-forum={f.segment_value}>
                    <th scope="row">
                      {f.name} <span className="hint">({f.segment_value})</span>
                    </th>
                    {f.flag === "c" ? (
                      <td colSpan={6}>
                        Not shown: too few answers to publish (or hidden so that another small figure cannot be worked out)
                      </td>
                    ) : (
                      <>
                        <td className="num">{f.n}</td>
                        <td className="num">{formatPercent(f.percent)}</td>
                        <td>{formatInterval(f)}</td>
                        <td>
                          {f.funnel95_lower === null ? "" : `${formatPercent(f.funnel95_lower)} to ${formatPercent(f.funnel95_upper)}`}
                        </td>
                        <td>
                          {f.funnel998_lower === null ? "" : `${formatPercent(f.funnel998_lower)} to ${formatPercent(f.funnel998_upper)}`}
                        </td>
                        <td>
                          {positionWords(f.position)}
                          {f.position ? <span className="visually-hidden"> (plotted as a {shapeMeaning(f.position)})</span> : null}
                        </td>
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {suppressed.length > 0 ? <p>Suppressed, and so not plotted: {suppressed.map((f) => f.name).join(", ")}.</p> : null}
          <p>
            <a href={`/network/${data.template}/${data.kpi.id}.csv?periodType=${data.periodType}`}>Download the network figures (CSV)</a>
          </p>
        </>
      )}
    </div>
  );
}
