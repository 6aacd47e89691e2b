import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { isPeriodType, PERIOD_TYPES, type PeriodType } from "~/domain/periods";
import { formatDay, STATUS_LABELS, STATUS_TAG_CLASS } from "~/domain/yswd";
import { boardRegister } from "~/models/yswd/board.server";
import { staffChrome } from "~/auth/staff.server";

export const meta: MetaFunction = () => [{ title: "You said, we did: board section" }];
export const handle = { wide: true };

const PERIOD_TYPE_LABELS: Record<PeriodType, string> = {
  quarter: "Quarters",
  stocktake: "Stocktakes (June and December)",
  academic_year: "Academic years",
};

/**
 * The board pack's "you said, we did" section: items due or overdue for review, K14 per period
 * (a KPI cell like any other: n, Wilson interval, SDC-1) and the median days from raised to
 * response published. Published items only, board-only ones included.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["board"]);
  const requested = new URL(request.url).searchParams.get("periodType") || "stocktake";
  if (!isPeriodType(requested))
    throw json({ title: "That period type is not valid", body: "Choose quarters, stocktakes or academic years." }, { status: 400 });
  const register = await boardRegister(getDb(), staff.forumId, { periodType: requested });
  return {
    ...staffChrome(staff),
    periodType: requested,
    today: register.today,
    review: register.review.map((i) => ({
      id: i.id,
      reference: i.reference,
      title: i.title,
      status: i.status,
      visibility: i.visibility,
      nextReviewOn: i.nextReviewOn,
      ownerRole: i.ownerRole,
      ownerOrg: i.ownerOrg,
      review: i.review,
    })),
    k14: register.k14,
    responseTimes: register.responseTimes,
  };
}

function fixed(value: number | null): string {
  return value === null ? "" : value.toFixed(1);
}

export default function BoardYouSaidWeDid() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="heading-l">You said, we did</h1>
      <p className="body">
        For the board pack: what is due for review, how many commitments were closed by their target date (K14), and how quickly the forum
        publishes a response. <a href="/board/you-said-we-did.csv">Download the register (CSV)</a>.
      </p>

      <h2 className="heading-m">Due or overdue for review</h2>
      <p className="hint">Overdue: the review date has passed. Due: the review date is within the next 31 days.</p>
      {data.review.length === 0 ? (
        <p className="body">Nothing is due for review.</p>
      ) : (
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
              {data.review.map((item) => (
                <tr key={item.id}>
                  <td>
                    {item.visibility === "public" ? <a href={`/you-said-we-did/${item.reference}`}>{item.reference}</a> : item.reference}
                  </td>
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
                    {item.review === "overdue" ? (
                      <span className="tag tag--red">Overdue</span>
                    ) : (
                      <span className="tag tag--amber">Due</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <form method="get" className="moderation-filter">
        <div className="moderation-filter__field">
          <label className="label" htmlFor="periodType">
            Periods
          </label>
          <select className="select" id="periodType" name="periodType" defaultValue={data.periodType}>
            {PERIOD_TYPES.map((type) => (
              <option key={type} value={type}>
                {PERIOD_TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </div>
        <div className="moderation-filter__field">
          <button type="submit" className="button button--secondary">
            Show
          </button>
        </div>
      </form>

      <h2 className="heading-m">K14: closure rate</h2>
      <p className="hint">
        Base: published items whose target date falls in the period. Closed: done, or not possible with a published reason, on or before the
        target date. 95% Wilson interval; fewer than 10 items and the figure is suppressed (SDC-1).
      </p>
      {data.k14.length === 0 ? (
        <p className="body">No published items have a target date yet.</p>
      ) : (
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
              {data.k14.map((cell) => (
                <tr key={cell.time_period}>
                  <th scope="row">{cell.time_period}</th>
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
      )}

      <h2 className="heading-m">Days from raised to response published</h2>
      <p className="hint">Median over the items whose response was published in the period.</p>
      {data.responseTimes.length === 0 ? (
        <p className="body">No responses have been published yet.</p>
      ) : (
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
              {data.responseTimes.map((row) => (
                <tr key={row.time_period}>
                  <th scope="row">{row.time_period}</th>
                  <td className="num">{row.n}</td>
                  <td className="num">{row.median_days === null ? "" : row.median_days}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
