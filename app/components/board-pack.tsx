/**
 * Parts of the printed board pack that put every KPI in one table rather than one table each,
 * so that the pack prints on a few A4 pages: the figures behind the trend charts, the breakdown
 * and the KPI definitions with their versions. Display only: the figures arrive computed and
 * SDC-1 applied.
 */
import { formatPercent } from "./kpi-figures";

interface FigureCell {
  n: number | null;
  percent: number | null;
  ci_lower: number | null;
  ci_upper: number | null;
  flag: string;
}

/** One published cell in a few words: percent (flag u), interval and n; c when suppressed. */
function Figure({ cell }: { cell: FigureCell | undefined }) {
  if (!cell || (cell.n === 0 && cell.flag === "")) return <>–</>;
  if (cell.percent === null) return <>c</>;
  return (
    <>
      {formatPercent(cell.percent)}
      {cell.flag === "u" ? " u" : ""}
      <span className="pack-figure__detail" dir="ltr">
        {cell.ci_lower?.toFixed(1)}–{cell.ci_upper?.toFixed(1)}
      </span>
      <span className="pack-figure__detail">n {cell.n}</span>
    </>
  );
}

/**
 * KPIs down the side and periods or groups across, every figure with its interval and n: a
 * dozen KPIs in one table, where one table each took a page.
 */
export function PackFigureTable({
  caption,
  label,
  columns,
  rows,
}: {
  caption: string;
  /** What the table is about, for the region's accessible name. */
  label: string;
  columns: readonly { key: string; label: string }[];
  rows: readonly { id: string; label: string; cells: Readonly<Record<string, FigureCell | undefined>> }[];
}) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={label}>
      <table className="table kpi-table pack-figures">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">KPI</th>
            {columns.map((c) => (
              <th scope="col" className="num" key={c.key}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-kpi={row.id}>
              <th scope="row">{row.label}</th>
              {columns.map((c) => (
                <td className="num" key={c.key}>
                  <Figure cell={row.cells[c.key]} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The newest periods the trend table shows: enough for a trend, few enough to fit an A4 page's width. */
const TABLE_PERIODS = 8;
/** Groups to one breakdown table: more (districts) continue in a second table. */
const TABLE_GROUPS = 7;

interface PackKpi {
  id: string;
  name: string;
  latest: (FigureCell & { segment_value: string }) | null;
  trend: readonly (FigureCell & { time_period: string })[];
  breakdown: readonly (FigureCell & { segment_value: string })[];
}

/** Each KPI's `all` figure per period: the figures behind the trend charts. */
export function PackTrendTable({ periods, kpis }: { periods: readonly string[]; kpis: readonly PackKpi[] }) {
  const shown = periods.slice(-TABLE_PERIODS);
  return (
    <PackFigureTable
      caption={`Figures behind the charts${shown.length < periods.length ? `, the latest ${shown.length} periods` : ""}: percent positive (u: low reliability), 95% interval and n; c: suppressed under SDC-1`}
      label="Figures behind the trend charts"
      columns={shown.map((p) => ({ key: p, label: p }))}
      rows={kpis.map((k) => ({
        id: k.id,
        label: `${k.id} ${k.name}`,
        cells: Object.fromEntries(k.trend.map((c) => [c.time_period, c])),
      }))}
    />
  );
}

/** Each KPI's figure for every group of the chosen breakdown, all responses first. */
export function PackBreakdownTables({
  kpis,
  segmentName,
  valueNames,
}: {
  kpis: readonly PackKpi[];
  segmentName: string;
  valueNames: Readonly<Record<string, string>>;
}) {
  const values = [...new Set(kpis.flatMap((k) => k.breakdown.map((c) => c.segment_value)))];
  const columns = [{ key: "__all", label: "All responses" }, ...values.map((v) => ({ key: v, label: valueNames[v] ?? v }))];
  const chunks: (typeof columns)[] = [];
  for (let i = 0; i < columns.length; i += TABLE_GROUPS) chunks.push(columns.slice(i, i + TABLE_GROUPS));
  const rows = kpis.map((k) => ({
    id: k.id,
    label: `${k.id} ${k.name}`,
    cells: { __all: k.latest ?? undefined, ...Object.fromEntries(k.breakdown.map((c) => [c.segment_value, c])) },
  }));
  return (
    <>
      {chunks.map((chunk, i) => (
        <PackFigureTable
          key={chunk[0].key}
          caption={`By ${segmentName.toLowerCase()}${chunks.length > 1 ? ` (table ${i + 1} of ${chunks.length})` : ""}`}
          label={`KPI figures by ${segmentName.toLowerCase()}${chunks.length > 1 ? `, table ${i + 1}` : ""}`}
          columns={chunk}
          rows={rows}
        />
      ))}
    </>
  );
}

export interface PackKpiVersion {
  version: number;
  createdAt: string;
  retiredAt: string | null;
  /** The question's code(s) and wording under this version. */
  question: string;
  wording: string;
  positive: string;
  negative: string;
  excluded: string;
}

/** Every KPI's definition and versions in one table: what each figure counts, and since when. */
export function PackDefinitions({
  kpis,
  day,
}: {
  kpis: readonly { id: string; name: string; versions: readonly PackKpiVersion[] }[];
  day: Intl.DateTimeFormat;
}) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="KPI definitions and versions">
      <table className="table kpi-table pack-definitions">
        <caption className="visually-hidden">KPI definitions and versions</caption>
        <thead>
          <tr>
            <th scope="col">KPI</th>
            <th scope="col">Version</th>
            <th scope="col">Question</th>
            <th scope="col">Positive</th>
            <th scope="col">Negative</th>
            <th scope="col">Excluded from base</th>
          </tr>
        </thead>
        <tbody>
          {kpis.flatMap((k) =>
            k.versions.map((v) => (
              <tr key={`${k.id}-${v.version}`} data-kpi={k.id}>
                <th scope="row">
                  {k.id} {k.name}
                </th>
                <td>
                  {v.version}
                  {v.retiredAt ? "" : " (current)"}
                  <span className="pack-definitions__dates">
                    {v.createdAt ? `from ${day.format(new Date(v.createdAt))}` : "standard definition"}
                    {v.retiredAt ? ` to ${day.format(new Date(v.retiredAt))}` : ""}
                  </span>
                </td>
                <td>
                  {v.wording} <code>{v.question}</code>
                </td>
                <td>{v.positive}</td>
                <td>{v.negative}</td>
                <td>{v.excluded}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}
