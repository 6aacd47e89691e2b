import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/session.server";
import { BoardViewForm } from "~/components/board-view";
import { TrendChart, trendPoints, trendSummary } from "~/components/charts";
import { ErrorSummary } from "~/components/forms";
import { BreakdownTable, KpiTile, kpiWording, MethodNotes, periodChoices, periodDates, TrendTable } from "~/components/kpi-figures";
import { getDb } from "~/db.server";
import { PERIOD_TYPES } from "~/domain/periods";
import { segmentName, segmentValueName } from "~/domain/segment-labels";
import { translator } from "~/i18n";
import { NetworkComparison } from "~/components/network-comparison";
import { boardNetworkComparison, type BoardNetworkComparison } from "~/models/network-comparison.server";
import { boardFigures, resolveBoardView, type BoardFigures } from "~/models/board.server";
import { exportQueryString, PERIOD_TYPE_NAMES } from "~/schemas/board";
import { staffChrome } from "~/auth/staff.server";

export const meta: MetaFunction = () => [{ title: "Board dashboard" }];
export const handle = { wide: true };

/**
 * The board dashboard: one survey, one period type, at most one breakdown (SDC-1 rule 4). Board
 * members see aggregates only: published cells from the KPI engine, never a response or a word
 * of free text.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["board"]);
  const db = getDb();
  // The request's clock, read once here: "the latest period" is as of now.
  const now = new Date();
  const view = await resolveBoardView(db, staff.forumId, new URL(request.url).searchParams);
  const failed = Object.keys(view.errors).length > 0;
  const figures: BoardFigures | null =
    view.survey && !failed
      ? await boardFigures(db, {
          forumId: staff.forumId,
          survey: view.survey,
          periodType: view.periodType,
          period: view.period,
          by: view.by,
          now,
        })
      : null;
  if (figures?.setAside) view.values.period = "";
  const network =
    figures?.period && view.survey
      ? await boardNetworkComparison(db, {
          forumId: staff.forumId,
          forumCode: staff.forumCode,
          template: view.survey.slug,
          periodType: view.periodType,
          period: figures.period,
        })
      : null;
  const definition = view.survey?.definition;
  const byName = view.by && definition ? segmentName(definition, view.by) : null;
  const valueNames: Record<string, string> = {};
  if (view.by && definition && figures) {
    for (const k of figures.kpis)
      for (const c of k.breakdown) valueNames[c.segment_value] ??= segmentValueName(definition, view.by, c.segment_value);
  }
  return json(
    {
      ...staffChrome(staff),
      values: view.values,
      errors: view.errors,
      choices: {
        surveys: view.surveys.map((s) => ({ value: s.slug, label: s.title })),
        periodTypes: PERIOD_TYPES.map((p) => ({ value: p, label: PERIOD_TYPE_NAMES[p] })),
        periods: periodChoices(view.periodType, figures?.periods ?? []),
        segments: definition ? view.segments.map((s) => ({ value: s, label: segmentName(definition, s) })) : [],
      },
      survey: view.survey ? { slug: view.survey.slug, title: view.survey.title } : null,
      hasSurveys: view.surveys.length > 0,
      periodType: view.periodType,
      period: figures?.setAside ? null : (view.period ?? null),
      by: view.by ?? null,
      byName,
      valueNames,
      figures,
      network,
    },
    { status: failed ? 400 : 200 },
  );
}

/** "Compared with the network": only for a member of the network; a line saying why otherwise. */
function NetworkSection({ network, period, periodType }: { network: BoardNetworkComparison | null; period: string; periodType: string }) {
  if (!network) return null;
  return (
    <section aria-labelledby="network">
      <h2 className="heading-m" id="network">
        Compared with the network
      </h2>
      {network.status === "not_member" ? (
        <p className="body" data-testid="network-not-member">
          This forum is not in the network of forums, so its figures are not compared with other forums&apos;. A forum admin can join on the
          Network page.
        </p>
      ) : network.status === "not_compared" ? (
        <p className="body" data-testid="network-not-compared">
          This survey is not one of the standard surveys the network compares.
        </p>
      ) : (
        <>
          <p className="body">
            Where this forum sits among the forums of the network in {period}: within the limits expected by chance, or beyond them. Forums
            are never ranked. Each KPI links to its network page with the funnel plot.
          </p>
          <NetworkComparison template={network.template} period={period} periodType={periodType} kpis={network.kpis} />
          <ul className="board-links">
            <li>
              <a href={`/board/export.csv?${exportQueryString({ survey: network.template, periodType })}&scope=network`} download>
                Download the network&apos;s figures as CSV
              </a>
            </li>
            <li>
              <a href={`/board/export.xlsx?${exportQueryString({ survey: network.template, periodType })}&scope=network`} download>
                Download the network&apos;s figures as XLSX
              </a>
            </li>
          </ul>
        </>
      )}
    </section>
  );
}

export default function BoardDashboard() {
  const data = useLoaderData<typeof loader>();
  const t = translator("en");
  const figures = data.figures;
  const errors = Object.entries(data.errors).map(([field, text]) => ({ href: `#${field}`, text }));
  const query = data.survey ? exportQueryString({ survey: data.survey.slug, periodType: data.periodType, by: data.by ?? undefined }) : "";
  const packQuery =
    data.survey && figures?.period
      ? exportQueryString({ survey: data.survey.slug, periodType: data.periodType, period: figures.period, by: data.by ?? undefined })
      : "";
  const everything = data.survey ? exportQueryString({ survey: data.survey.slug, periodType: "every", by: "every" }) : "";
  return (
    <>
      <ErrorSummary errors={errors} t={t} />
      <h1 className="heading-l">Board dashboard</h1>
      {!data.hasSurveys ? (
        <p className="body">This forum has no published survey with KPIs yet. Figures appear here once one is published and answered.</p>
      ) : (
        <BoardViewForm action="/board" choices={data.choices} values={data.values} errors={data.errors} submitLabel="Show figures" t={t} />
      )}
      {figures && data.survey ? (
        figures.period === null ? (
          <div className="inset" data-testid="empty-state">
            <h2 className="heading-m">No responses yet</h2>
            <p className="body">
              Nobody has answered {data.survey.title} yet, so there are no figures to show. They appear here as soon as responses are sent
              or an admin imports earlier ones.
            </p>
          </div>
        ) : (
          <>
            <h2 className="heading-m" id="latest">
              {data.survey.title}: {figures.period}
            </h2>
            {figures.setAside ? (
              <div className="notification notification--info" role="status" data-testid="period-set-aside">
                <p className="notification__title">
                  Nobody answered this survey in {figures.setAside}, so the latest period with published figures is shown instead.
                </p>
              </div>
            ) : null}
            <p className="body">
              {data.period ? "Chosen period" : "The latest period with published figures"}: {figures.period} (
              {periodDates(data.periodType, figures.period)}). Changes are from {figures.previousPeriod}.
            </p>
            {figures.tooFewLater.length > 0 ? (
              <p className="body" data-testid="too-few-later">
                {figures.tooFewLater.join(", ")} {figures.tooFewLater.length === 1 ? "has" : "have"} responses, but too few to publish any
                figure yet (fewer than 10 for every KPI).
              </p>
            ) : null}
            <ul className="board-links">
              <li>
                <a href={`/board/export.csv?${query}`} download>
                  Download these figures as CSV
                </a>
              </li>
              <li>
                <a href={`/board/export.xlsx?${query}`} download>
                  Download these figures as XLSX (with a metadata sheet)
                </a>
              </li>
              <li>
                <a href={`/board/export.csv?${everything}`} download>
                  Download every period type and breakdown (CSV)
                </a>
              </li>
              <li>
                <a href={`/board/pack?${packQuery}`}>Open the printable board pack for {figures.period}</a>
              </li>
              <li>
                <a href="/board/you-said-we-did">“You said, we did”: reviews due and K14</a>
              </li>
            </ul>

            <section aria-labelledby="headline">
              <h2 className="heading-m" id="headline">
                Headline figures, {figures.period}
              </h2>
              <div className="kpi-tiles">
                {figures.kpis.map((k) => (
                  <KpiTile
                    key={k.id}
                    kpiId={k.id}
                    name={k.name}
                    wording={kpiWording(k)}
                    cell={k.latest}
                    change={k.change}
                    previousPeriod={figures.previousPeriod}
                  >
                    <p className="kpi-tile__detail">
                      <a href={`#kpi-${k.id}`}>
                        Trend{data.by ? " and breakdown" : ""}
                        <span className="visually-hidden"> for {k.name}</span>
                      </a>
                    </p>
                  </KpiTile>
                ))}
              </div>
            </section>

            <NetworkSection network={data.network} period={figures.period} periodType={data.periodType} />

            {figures.kpis.map((k) => (
              <section key={k.id} className="kpi-detail" aria-labelledby={`kpi-${k.id}`}>
                <h2 className="heading-m" id={`kpi-${k.id}`} tabIndex={-1}>
                  {k.id} {k.name}
                </h2>
                <TrendChart
                  id={`trend-${k.id}`}
                  points={trendPoints(k.trend, data.periodType)}
                  target={k.target}
                  summary={trendSummary(trendPoints(k.trend, data.periodType), k.target)}
                />
                <details className="details">
                  <summary className="details__summary">Figures behind the chart for {k.id}</summary>
                  <TrendTable
                    caption={`${k.id} ${k.name} by period (${PERIOD_TYPE_NAMES[data.periodType].toLowerCase()})`}
                    cells={k.trend}
                  />
                </details>
                {data.by && data.byName ? (
                  <BreakdownTable
                    caption={`${k.id} ${k.name} by ${data.byName.toLowerCase()}, ${figures.period}`}
                    segmentName={data.byName}
                    all={k.latest}
                    cells={k.breakdown}
                    valueNames={data.valueNames}
                  />
                ) : null}
              </section>
            ))}
            <MethodNotes />
          </>
        )
      ) : null}
    </>
  );
}
