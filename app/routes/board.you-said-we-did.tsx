import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { K14_HINT, K14Table, REVIEW_HINT, ReviewTable, ResponseTimesTable, reviewRows } from "~/components/board-review";
import { isPeriodType, londonDate, PERIOD_TYPES, type PeriodType } from "~/domain/periods";
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
 * The board's "you said, we did" review (the board pack prints the same tables): items due or
 * overdue for review, K14 per period (a KPI cell like any other: n, Wilson interval, SDC-1) and
 * the median days from raised to response published. Published items only, board-only ones included.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["board"]);
  const requested = new URL(request.url).searchParams.get("periodType") || "stocktake";
  if (!isPeriodType(requested))
    throw json({ title: "That period type is not valid", body: "Choose quarters, stocktakes or academic years." }, { status: 400 });
  const register = await boardRegister(getDb(), staff.forumId, { periodType: requested, today: londonDate(new Date()) });
  return {
    ...staffChrome(staff),
    periodType: requested,
    today: register.today,
    review: reviewRows(register.review),
    k14: register.k14,
    responseTimes: register.responseTimes,
  };
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
      <p className="hint">{REVIEW_HINT}</p>
      <ReviewTable rows={data.review} />

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
      <p className="hint">{K14_HINT}</p>
      <K14Table cells={data.k14} />

      <h2 className="heading-m">Days from raised to response published</h2>
      <p className="hint">Median over the items whose response was published in the period.</p>
      <ResponseTimesTable rows={data.responseTimes} />
    </>
  );
}
