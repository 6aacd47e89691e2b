/**
 * Server-rendered SVG charts: readable with JavaScript off, printable, and described in words.
 * Each chart is an image (role="img") labelled by a visible sentence, and comes with a table of
 * the same figures, so nobody depends on seeing the lines. Charts draw published cells as they
 * are (SDC-1 applied); a suppressed period is a gap, never a guess.
 */
import { comparePeriods, nextPeriod, type PeriodType } from "~/domain/periods";
import { formatPercent } from "./kpi-figures";

interface TrendPoint {
  period: string;
  percent: number | null;
  ci_lower: number | null;
  ci_upper: number | null;
  n: number | null;
  flag: string;
}

/**
 * The chart's points: one per period from the first to the last with responses, so a period
 * nobody answered in shows as a gap rather than the line joining its neighbours.
 */
export function trendPoints(
  cells: readonly (Omit<TrendPoint, "period"> & { time_period: string })[],
  periodType: PeriodType,
): TrendPoint[] {
  if (cells.length === 0) return [];
  const byPeriod = new Map(cells.map((c) => [c.time_period, c]));
  const sorted = [...byPeriod.keys()].sort(comparePeriods);
  const points: TrendPoint[] = [];
  for (let period = sorted[0]; ; period = nextPeriod(periodType, period)) {
    const cell = byPeriod.get(period);
    points.push(
      cell
        ? { period, percent: cell.percent, ci_lower: cell.ci_lower, ci_upper: cell.ci_upper, n: cell.n, flag: cell.flag }
        : { period, percent: null, ci_lower: null, ci_upper: null, n: null, flag: "" },
    );
    if (period === sorted[sorted.length - 1] || points.length > 400) return points;
  }
}

/** "Rose from 54.0% in 2025-H1 to 61.2% in 2026-H2; target 65.0%", from the published points. */
export function trendSummary(points: readonly TrendPoint[], target: number | null): string {
  const published = points.filter((p) => p.percent !== null);
  const hidden = points.filter((p) => p.flag === "c").length;
  const empty = points.filter((p) => p.percent === null && p.flag !== "c").length;
  const parts: string[] = [];
  if (published.length === 0) {
    parts.push(points.length === 0 ? "No responses yet" : "No period has enough responses to publish a figure");
  } else if (published.length === 1) {
    parts.push(`${formatPercent(published[0].percent)} in ${published[0].period}, the only period with a published figure`);
  } else {
    const first = published[0];
    const last = published[published.length - 1];
    const change = (last.percent ?? 0) - (first.percent ?? 0);
    const verb = change > 0 ? "Rose" : change < 0 ? "Fell" : "Unchanged";
    parts.push(
      verb === "Unchanged"
        ? `Unchanged at ${formatPercent(last.percent)} from ${first.period} to ${last.period}`
        : `${verb} from ${formatPercent(first.percent)} in ${first.period} to ${formatPercent(last.percent)} in ${last.period}`,
    );
  }
  if (target !== null) parts.push(`target ${formatPercent(target)}`);
  let sentence = parts.join("; ");
  if (hidden > 0 && published.length > 0)
    sentence += ` (${hidden} ${hidden === 1 ? "period" : "periods"} not shown: fewer than 10 responses)`;
  if (empty > 0 && published.length > 0) sentence += ` (${empty} ${empty === 1 ? "period" : "periods"} with no responses)`;
  return `${sentence}.`;
}

/**
 * Drawing sizes in viewBox units: `full` for the dashboard; `small` for the pack's rows of
 * several charts, narrower so that its lettering stays legible when printed a third of a page wide.
 */
const SIZES = {
  full: { width: 640, height: 240, left: 48, right: 16, top: 14, bottom: 40, minLabelGap: 56 },
  small: { width: 360, height: 200, left: 54, right: 10, top: 12, bottom: 34, minLabelGap: 64 },
} as const;
type ChartSize = keyof typeof SIZES;

/** Consecutive published points: a band and a line never bridge a suppressed period. */
function runs<T extends { percent: number | null }>(points: T[]): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  for (const p of points) {
    if (p.percent === null) {
      if (current.length) out.push(current);
      current = [];
    } else current.push(p);
  }
  if (current.length) out.push(current);
  return out;
}

/**
 * A KPI's trend: the percent per period with its 95% interval as a band, and the target as a
 * dashed line. `id` must be unique on the page.
 */
export function TrendChart({
  id,
  points,
  target,
  summary,
  size = "full",
}: {
  id: string;
  points: readonly TrendPoint[];
  target: number | null;
  /** The sentence that labels the chart (trendSummary), shown above it. */
  summary: string;
  size?: ChartSize;
}) {
  const { width, height, minLabelGap, ...margin } = SIZES[size];
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const y = (percent: number) => margin.top + plotHeight * (1 - percent / 100);
  const step = points.length > 0 ? plotWidth / points.length : plotWidth;
  const placed = points.map((p, i) => ({ ...p, x: margin.left + step * (i + 0.5) }));
  const labelEvery = step >= minLabelGap ? 1 : Math.ceil(minLabelGap / step);
  return (
    <figure className={size === "small" ? "trend trend--small" : "trend"}>
      <p className="trend__summary" id={`${id}-summary`}>
        {summary}
      </p>
      <svg
        className="trend__chart"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${id}-summary`}
        preserveAspectRatio="xMidYMid meet"
      >
        {[0, 25, 50, 75, 100].map((tick) => (
          <g key={tick} aria-hidden="true">
            <line x1={margin.left} x2={width - margin.right} y1={y(tick)} y2={y(tick)} className="trend__grid" />
            <text x={margin.left - 6} y={y(tick) + 4} textAnchor="end" className="trend__axis">
              {tick}%
            </text>
          </g>
        ))}
        {runs(placed).map((run, i) =>
          run.length === 1 ? (
            <line
              key={`band-${i}`}
              x1={run[0].x}
              x2={run[0].x}
              y1={y(run[0].ci_upper ?? run[0].percent ?? 0)}
              y2={y(run[0].ci_lower ?? run[0].percent ?? 0)}
              className="trend__whisker"
            />
          ) : (
            <polygon
              key={`band-${i}`}
              className="trend__band"
              points={[
                ...run.map((p) => `${p.x},${y(p.ci_upper ?? p.percent ?? 0)}`),
                ...[...run].reverse().map((p) => `${p.x},${y(p.ci_lower ?? p.percent ?? 0)}`),
              ].join(" ")}
            />
          ),
        )}
        {target !== null ? (
          <g>
            <line x1={margin.left} x2={width - margin.right} y1={y(target)} y2={y(target)} className="trend__target" />
            <text x={width - margin.right} y={y(target) - 5} textAnchor="end" className="trend__target-label">
              Target {formatPercent(target)}
            </text>
          </g>
        ) : null}
        {runs(placed).map((run, i) => (
          <polyline key={`line-${i}`} className="trend__line" points={run.map((p) => `${p.x},${y(p.percent ?? 0)}`).join(" ")} />
        ))}
        {placed.map((p, i) => (
          <g key={p.period}>
            {p.percent !== null ? (
              <circle cx={p.x} cy={y(p.percent)} r={4} className="trend__point" />
            ) : p.flag === "c" ? (
              <text x={p.x} y={y(0) - 6} textAnchor="middle" className="trend__axis">
                c
              </text>
            ) : null}
            {i % labelEvery === 0 ? (
              <text x={p.x} y={height - margin.bottom + 18} textAnchor="middle" className="trend__axis">
                {p.period}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
    </figure>
  );
}
