/**
 * How published KPI cells read on board pages (dashboard and board pack). Display only: every
 * number shown here arrives from the KPI engine already computed, rounded and SDC-1 suppressed.
 * Colour is never the only signal: RAG and flags are also written out.
 */
import { METHODOLOGY_PATH } from "~/domain/methodology";
import type { ReactNode } from "react";
import { periodRange, type PeriodType } from "~/domain/periods";
import { FLAG_MEANINGS, METHOD_NOTES, SDC_RULE_TEXT } from "~/domain/xlsx-metadata";

interface CellFigures {
  segment_value: string;
  n: number | null;
  numerator: number | null;
  percent: number | null;
  ci_lower: number | null;
  ci_upper: number | null;
  percent_negative: number | null;
  flag: string;
  target: number | null;
  rag: string;
  time_period: string;
}

interface ChangeFigures {
  difference: number;
  lower: number;
  upper: number;
  significant: boolean;
}

/** A signed figure with a true minus sign, as print style guides want. */
function signed(value: number): string {
  return value < 0 ? `\u2212${Math.abs(value).toFixed(1)}` : value.toFixed(1);
}

export function formatPercent(value: number | null): string {
  return value === null ? "" : `${signed(value)}%`;
}

export function formatInterval(cell: { ci_lower: number | null; ci_upper: number | null }): string {
  return cell.ci_lower === null || cell.ci_upper === null ? "" : `${formatPercent(cell.ci_lower)} to ${formatPercent(cell.ci_upper)}`;
}

/** "up 6.2 points (−1.0 to 13.1), not a significant change". */
export function changeText(change: ChangeFigures): string {
  const size = Math.abs(change.difference).toFixed(1);
  const direction = change.difference > 0 ? `up ${size} points` : change.difference < 0 ? `down ${size} points` : "no change, 0.0 points";
  return `${direction} (${signed(change.lower)} to ${signed(change.upper)}), ${change.significant ? "a significant change" : "not a significant change"}`;
}

export const SUPPRESSED_TEXT = "Fewer than 10 responses: not shown";

const RAG: Record<string, { className: string; text: string }> = {
  green: { className: "tag", text: "Green: at or above the target" },
  amber: { className: "tag tag--amber", text: "Amber: below the target, but the target is within the interval" },
  red: { className: "tag tag--red", text: "Red: the whole interval is below the target" },
};

export function RagTag({ rag }: { rag: string }) {
  const info = RAG[rag];
  return info ? <strong className={info.className}>{info.text}</strong> : null;
}

export function FlagTag({ flag }: { flag: string }) {
  if (flag === "u") return <strong className="tag tag--blue">u: {FLAG_MEANINGS.u}</strong>;
  if (flag === "c") return <strong className="tag tag--grey">c: suppressed</strong>;
  return null;
}

/** One KPI's headline: the latest period's `all` cell, its RAG and its change. */
export function KpiTile({
  kpiId,
  name,
  wording,
  cell,
  change,
  previousPeriod,
  headingLevel = 3,
  children,
}: {
  kpiId: string;
  name: string;
  /** The question in words; the pack leaves it to its definitions table. */
  wording?: string;
  cell: CellFigures | null;
  change: ChangeFigures | null;
  previousPeriod: string | null;
  headingLevel?: 2 | 3;
  children?: ReactNode;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const published = cell !== null && cell.percent !== null;
  return (
    <article className="kpi-tile" data-kpi={kpiId} data-rag={cell?.rag || undefined} aria-labelledby={`tile-${kpiId}-name`}>
      <Heading className="kpi-tile__name heading-s" id={`tile-${kpiId}-name`}>
        <span className="kpi-tile__id">{kpiId}</span> {name}
      </Heading>
      {wording ? <p className="kpi-tile__question">{wording}</p> : null}
      {published ? (
        <>
          <p className="kpi-tile__figure">
            <span data-figure="percent">{formatPercent(cell.percent)}</span>
          </p>
          <p className="kpi-tile__detail">
            95% interval <span data-figure="interval">{formatInterval(cell)}</span>
            <br />n = <span data-figure="n">{cell.n}</span> ({cell.numerator} positive)
          </p>
        </>
      ) : (
        <p className="kpi-tile__figure kpi-tile__figure--suppressed" data-figure="suppressed">
          {cell && cell.flag === "c" ? SUPPRESSED_TEXT : "No responses in this period"}
        </p>
      )}
      {cell && cell.flag ? (
        <p className="kpi-tile__detail">
          <FlagTag flag={cell.flag} />
        </p>
      ) : null}
      <p className="kpi-tile__detail">
        {cell?.target !== null && cell?.target !== undefined ? (
          <>
            Target {formatPercent(cell.target)}: {cell.rag ? <RagTag rag={cell.rag} /> : "no RAG while the figure is not shown"}
          </>
        ) : (
          "No target set"
        )}
      </p>
      <p className="kpi-tile__detail" data-figure="change">
        {previousPeriod
          ? change
            ? `Since ${previousPeriod}: ${changeText(change)}`
            : `Since ${previousPeriod}: no change figure, because one of the two periods has no published figure`
          : null}
      </p>
      {children}
    </article>
  );
}

/** The figures behind a trend chart, period by period. */
export function TrendTable({ caption, cells }: { caption: string; cells: readonly CellFigures[] }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="KPI figures">
      <table className="table kpi-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col" className="num">
              n
            </th>
            <th scope="col" className="num">
              Percent
            </th>
            <th scope="col">95% interval</th>
            <th scope="col">Flag</th>
          </tr>
        </thead>
        <tbody>
          {cells.map((c) => (
            <tr key={c.time_period}>
              <th scope="row">{c.time_period}</th>
              <td className="num">{c.n ?? c.flag}</td>
              <td className="num">{c.percent === null ? (c.flag === "c" ? "c" : "") : formatPercent(c.percent)}</td>
              <td>{formatInterval(c)}</td>
              <td>{c.flag}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One KPI's breakdown for one segment in one period: `all` first, SDC-1 applied ("c"). */
export function BreakdownTable({
  caption,
  segmentName,
  all,
  cells,
  valueNames,
}: {
  caption: string;
  segmentName: string;
  all: CellFigures | null;
  cells: readonly CellFigures[];
  valueNames: Record<string, string>;
}) {
  const row = (label: string, c: CellFigures, key: string) => (
    <tr key={key} data-segment-value={c.segment_value}>
      <th scope="row">{label}</th>
      <td className="num">{c.flag === "c" ? "c" : c.n}</td>
      <td className="num">{c.flag === "c" ? "c" : formatPercent(c.percent)}</td>
      <td>{formatInterval(c)}</td>
      <td>{c.flag}</td>
    </tr>
  );
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="KPI figures by group">
      <table className="table kpi-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{segmentName}</th>
            <th scope="col" className="num">
              n
            </th>
            <th scope="col" className="num">
              Percent
            </th>
            <th scope="col">95% interval</th>
            <th scope="col">Flag</th>
          </tr>
        </thead>
        <tbody>
          {all ? row("All responses", all, "__all") : null}
          {cells.map((c) => row(valueNames[c.segment_value] ?? c.segment_value, c, c.segment_value))}
        </tbody>
      </table>
    </div>
  );
}

/** What n, the interval, the flags and RAG mean: the same words in every board view. */
export function MethodNotes({ headingId = "method", level = 2 }: { headingId?: string; level?: 2 | 3 }) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section className="method-notes" aria-labelledby={headingId}>
      <Heading className="heading-m" id={headingId}>
        How to read these figures
      </Heading>
      <dl className="method-notes__list">
        <dt>n</dt>
        <dd>{METHOD_NOTES.n}</dd>
        <dt>95% interval</dt>
        <dd>{METHOD_NOTES.interval}</dd>
        <dt>Change</dt>
        <dd>{METHOD_NOTES.change}</dd>
        <dt>Flag u</dt>
        <dd>{FLAG_MEANINGS.u}</dd>
        <dt>Flag c</dt>
        <dd>
          {FLAG_MEANINGS.c} {SUPPRESSED_TEXT}: we never show a guessed figure.
        </dd>
        <dt>Disclosure control</dt>
        <dd>{SDC_RULE_TEXT}</dd>
        <dt>RAG</dt>
        <dd>{METHOD_NOTES.rag}</dd>
        <dt>Periods</dt>
        <dd>{METHOD_NOTES.periods}</dd>
        <dt>Separate surveys</dt>
        <dd>{METHOD_NOTES.pooling}</dd>
      </dl>
      <p className="body">
        <a href={METHODOLOGY_PATH}>The methodology</a> explains each rule in full, with worked examples and every KPI&apos;s definition and
        version.
      </p>
    </section>
  );
}

const longDate = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });

/** "1 June 2026 to 30 November 2026". */
/** The board's period choices: the periods with responses, newest first, each with its dates. */
export function periodChoices(periodType: PeriodType, periods: readonly string[]): { value: string; label: string }[] {
  return [...periods].reverse().map((p) => ({ value: p, label: `${p} (${periodDates(periodType, p)})` }));
}

export function periodDates(periodType: PeriodType, period: string): string {
  const { start, end } = periodRange(periodType, period);
  return `${longDate.format(new Date(`${start}T00:00:00Z`))} to ${longDate.format(new Date(`${end}T00:00:00Z`))}`;
}

/** What a KPI measures, in a sentence: the question, or for the index its rule. */
export function kpiWording(kpi: { kind: string; metadata: { question_wording: string } }): string {
  return kpi.kind === "ehcp_quality_index"
    ? "Parents who agree with at least 3 of the 4 statements about their child's EHC plan (accurate needs, views reflected, specific support, outcomes achievable)."
    : kpi.metadata.question_wording;
}
