/**
 * A funnel plot drawn on the server (NB-1): each forum a point at its number of responses (n,
 * across) and its percent (up), the network figure as a line, and the 95% and 99.8% limits as
 * curves that narrow as n grows. It reads without colour: the two pairs of limits differ by dash
 * and are labelled at their ends, each point carries its forum's code and a shape for its
 * position, and the same figures are in the table the page puts beside it. Suppressed forums are
 * never plotted.
 */

export type FunnelPosition = "above" | "high" | "within" | "low" | "below";

export interface FunnelPoint {
  code: string;
  n: number;
  percent: number;
  position: FunnelPosition;
}

/** The limits around the network figure at one n, in percent. */
export interface FunnelLimits {
  n: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

const WIDTH = 640;
const HEIGHT = 360;
const MARGIN = { left: 52, right: 84, top: 16, bottom: 48 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

/** Numbers of responses span tens to tens of thousands: a log scale keeps small forums readable. */
function logScale(min: number, max: number): (n: number) => number {
  const lo = Math.log10(Math.max(1, min));
  const hi = Math.max(lo + 1, Math.log10(Math.max(1, max)));
  return (n) => MARGIN.left + (PLOT_W * (Math.log10(Math.max(1, n)) - lo)) / (hi - lo);
}

/** 10, 20, 50, 100, 200, 500 … within the range: round numbers a board member can read. */
export function countTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  for (let decade = 1; decade <= max * 10; decade *= 10) {
    for (const step of [1, 2, 5]) {
      const tick = step * decade;
      if (tick >= min && tick <= max) ticks.push(tick);
    }
  }
  return ticks;
}

/** The percent axis: the data and the widest limits, with a little room, within 0–100. */
function percentRange(points: readonly FunnelPoint[], limits: readonly FunnelLimits[], network: number): [number, number] {
  const values = [network, ...points.map((p) => p.percent), ...limits.flatMap((l) => [l.lower998, l.upper998])];
  const low = Math.max(0, Math.floor((Math.min(...values) - 2) / 10) * 10);
  const high = Math.min(100, Math.ceil((Math.max(...values) + 2) / 10) * 10);
  return high - low < 10 ? [Math.max(0, high - 10), high] : [low, high];
}

const SHAPE_LABEL: Record<FunnelPosition, string> = {
  above: "triangle pointing up, filled",
  high: "triangle pointing up",
  within: "circle",
  low: "triangle pointing down",
  below: "triangle pointing down, filled",
};

const POSITION_WORDS: Record<string, string> = {
  above: "Above the network (beyond the 99.8% limit)",
  high: "High (beyond the 95% limit)",
  within: "Within the limits",
  low: "Low (beyond the 95% limit)",
  below: "Below the network (beyond the 99.8% limit)",
};

/** A position in words, for tables and text beside the plot. */
export function positionWords(position: string): string {
  return POSITION_WORDS[position] ?? "";
}

/** What each point's shape means, for the key under the plot. */
export function shapeMeaning(position: FunnelPosition): string {
  return SHAPE_LABEL[position];
}

function Marker({ x, y, position }: { x: number; y: number; position: FunnelPosition }) {
  const className = `funnel__point funnel__point--${position}`;
  if (position === "within") return <circle cx={x} cy={y} r={5} className={className} />;
  const up = position === "above" || position === "high";
  const d = up ? `M${x},${y - 6} L${x + 6},${y + 5} L${x - 6},${y + 5} Z` : `M${x},${y + 6} L${x + 6},${y - 5} L${x - 6},${y - 5} Z`;
  return <path d={d} className={className} />;
}

export function FunnelPlot({
  id,
  summary,
  networkPercent,
  limits,
  points,
}: {
  /** Unique on the page. */
  id: string;
  /** The sentence that labels the plot, shown above it. */
  summary: string;
  networkPercent: number;
  /** The limits sampled across the range of n, smallest n first. */
  limits: readonly FunnelLimits[];
  points: readonly FunnelPoint[];
}) {
  const ns = [...limits.map((l) => l.n), ...points.map((p) => p.n)];
  const nMin = Math.min(...ns);
  const nMax = Math.max(...ns);
  const x = logScale(nMin, nMax);
  const [low, high] = percentRange(points, limits, networkPercent);
  const y = (percent: number) => MARGIN.top + PLOT_H * (1 - (percent - low) / (high - low));
  const curve = (pick: (l: FunnelLimits) => number) => limits.map((l) => `${x(l.n).toFixed(1)},${y(pick(l)).toFixed(1)}`).join(" ");
  const last = limits[limits.length - 1];
  const percentTicks = Array.from({ length: 5 }, (_, i) => low + ((high - low) * i) / 4);
  return (
    <figure className="funnel">
      <p className="funnel__summary" id={`${id}-summary`}>
        {summary}
      </p>
      <svg className="funnel__chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-summary`}>
        {percentTicks.map((tick) => (
          <g key={tick} aria-hidden="true">
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} className="funnel__grid" />
            <text x={MARGIN.left - 6} y={y(tick) + 4} textAnchor="end" className="funnel__axis">
              {Number.isInteger(tick) ? tick : tick.toFixed(1)}%
            </text>
          </g>
        ))}
        {countTicks(nMin, nMax).map((tick) => (
          <text key={tick} x={x(tick)} y={HEIGHT - MARGIN.bottom + 18} textAnchor="middle" className="funnel__axis" aria-hidden="true">
            {tick.toLocaleString("en-GB")}
          </text>
        ))}
        <text x={MARGIN.left + PLOT_W / 2} y={HEIGHT - 8} textAnchor="middle" className="funnel__axis" aria-hidden="true">
          Number of responses (n), log scale
        </text>
        <polyline points={curve((l) => l.upper998)} className="funnel__limit funnel__limit--998" />
        <polyline points={curve((l) => l.lower998)} className="funnel__limit funnel__limit--998" />
        <polyline points={curve((l) => l.upper95)} className="funnel__limit funnel__limit--95" />
        <polyline points={curve((l) => l.lower95)} className="funnel__limit funnel__limit--95" />
        <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(networkPercent)} y2={y(networkPercent)} className="funnel__network" />
        {last ? (
          <g aria-hidden="true" className="funnel__label">
            <text x={WIDTH - MARGIN.right + 4} y={y(networkPercent) + 4}>
              Network
            </text>
            <text x={WIDTH - MARGIN.right + 4} y={y(last.upper998) - 6}>
              99.8%
            </text>
            <text x={WIDTH - MARGIN.right + 4} y={y(last.upper95) + 4}>
              95%
            </text>
            <text x={WIDTH - MARGIN.right + 4} y={y(last.lower95) + 4}>
              95%
            </text>
            <text x={WIDTH - MARGIN.right + 4} y={y(last.lower998) + 14}>
              99.8%
            </text>
          </g>
        ) : null}
        {points.map((p) => (
          <g key={p.code} data-forum={p.code} data-position={p.position}>
            <Marker x={x(p.n)} y={y(p.percent)} position={p.position} />
            <text x={x(p.n) + 8} y={y(p.percent) - 6} className="funnel__code" aria-hidden="true">
              {p.code}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="funnel__key">
        Key: the solid line is the network figure; the dashed curves are the 95% limits and the dotted curves the 99.8% limits. Each forum
        is a point labelled with its code, drawn as a {SHAPE_LABEL.within} when within the limits, a {SHAPE_LABEL.high} when high, a{" "}
        {SHAPE_LABEL.above} when above, a {SHAPE_LABEL.low} when low and a {SHAPE_LABEL.below} when below.
      </figcaption>
    </figure>
  );
}
