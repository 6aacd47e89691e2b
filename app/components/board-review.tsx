/**
 * The "you said, we did" review as the board reads it: items due or overdue for review, K14
 * (the closure rate, a KPI cell like any other) and the days to a published response. Shared by
 * the board's own page and the board pack, so both say the same thing.
 */
import { formatDay, STATUS_LABELS, STATUS_TAG_CLASS, type YswdStatus } from "~/domain/yswd";

export interface ReviewRow {
  id: string;
  reference: string;
  title: string;
  status: YswdStatus;
  visibility: string;
  nextReviewOn: string | null;
  ownerRole: string;
  ownerOrg: string;
  review: "overdue" | "due";
}

export interface K14Row {
  time_period: string;
  n: number | null;
  numerator: number | null;
  percent: number | null;
  ci_lower: number | null;
  ci_upper: number | null;
  flag: string;
}

export interface ResponseTimeRow {
  time_period: string;
  n: number;
  median_days: number | null;
}

/** Only the fields the table shows reach the page (loader data is public to the browser). */
export function reviewRows(items: readonly ReviewRow[]): ReviewRow[] {
  return items.map(({ id, reference, title, status, visibility, nextReviewOn, ownerRole, ownerOrg, review }) => ({
    id,
    reference,
    title,
    status,
    visibility,
    nextReviewOn,
    ownerRole,
    ownerOrg,
    review,
  }));
}

function fixed(value: number | null): string {
  return value === null ? "" : value.toFixed(1);
}

export const REVIEW_HINT = "Overdue: the review date has passed. Due: the review date is within the next 31 days.";
export const K14_HINT =
  "Base: published items whose target date falls in the period. Closed: done, or not possible with a published reason, on or before the target date. 95% Wilson interval; fewer than 10 items and the figure is suppressed (SDC-1).";

export function ReviewTable({ rows }: { rows: readonly ReviewRow[] }) {
  if (rows.length === 0) return <p className="body">Nothing is due for review.</p>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Items due or overdue for review">
      <table className="table" data-testid="board-review">
        <caption className="visually-hidden">Items due or overdue for review</caption>
        <thead>
          <tr>
            <th scope="col">Reference</th>
            <th scope="col">Title</th>
            <th scope="col">Status</th>
            <th scope="col">Owner</th>
            <th scope="col">Next review</th>
            <th scope="col">Review</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((item) => (
            <tr key={item.id}>
              <td>{item.visibility === "public" ? <a href={`/you-said-we-did/${item.reference}`}>{item.reference}</a> : item.reference}</td>
              <td>
                {item.title}
                {item.visibility === "board" ? <span className="hint"> (board only)</span> : null}
              </td>
              <td>
                <span className={STATUS_TAG_CLASS[item.status]}>{STATUS_LABELS[item.status]}</span>
              </td>
              <td>
                {item.ownerRole}, {item.ownerOrg}
              </td>
              <td>{formatDay(item.nextReviewOn, "en")}</td>
              <td>
                {item.review === "overdue" ? <span className="tag tag--red">Overdue</span> : <span className="tag tag--amber">Due</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** K14 by period; `current` marks the period the pack reports on. */
export function K14Table({ cells, current }: { cells: readonly K14Row[]; current?: string | null }) {
  if (cells.length === 0) return <p className="body">No published items have a target date yet.</p>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="K14 closure rate by period">
      <table className="table" data-testid="board-k14">
        <caption className="visually-hidden">K14 closure rate by period</caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col" className="num">
              Items (n)
            </th>
            <th scope="col" className="num">
              Closed by target
            </th>
            <th scope="col" className="num">
              Closure rate
            </th>
            <th scope="col" className="num">
              95% interval
            </th>
            <th scope="col">Flag</th>
          </tr>
        </thead>
        <tbody>
          {cells.map((cell) => (
            <tr key={cell.time_period} data-period={cell.time_period}>
              <th scope="row">
                {cell.time_period}
                {cell.time_period === current ? " (this pack)" : ""}
              </th>
              {cell.flag === "c" ? (
                <td colSpan={4}>Suppressed: fewer than 10 items</td>
              ) : (
                <>
                  <td className="num">{cell.n}</td>
                  <td className="num">{cell.numerator}</td>
                  <td className="num">{fixed(cell.percent)}%</td>
                  <td className="num">
                    {fixed(cell.ci_lower)}–{fixed(cell.ci_upper)}
                  </td>
                </>
              )}
              <td>{cell.flag === "c" ? "c (suppressed)" : cell.flag === "u" ? "u (low reliability)" : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ResponseTimesTable({ rows }: { rows: readonly ResponseTimeRow[] }) {
  if (rows.length === 0) return <p className="body">No responses have been published yet.</p>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Days from raised to response published">
      <table className="table" data-testid="board-response-times">
        <caption className="visually-hidden">Median days from raised to response published, by period</caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col" className="num">
              Responses published
            </th>
            <th scope="col" className="num">
              Median days
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.time_period}>
              <th scope="row">{row.time_period}</th>
              <td className="num">{row.n}</td>
              <td className="num">{row.median_days === null ? "" : row.median_days}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
