import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/session.server";
import { staffChrome } from "~/auth/staff.server";
import { PackBreakdownTables, PackDefinitions, PackTrendTable } from "~/components/board-pack";
import { K14_HINT, K14Table, REVIEW_HINT, ReviewTable, ResponseTimesTable, reviewRows } from "~/components/board-review";
import { BoardViewForm } from "~/components/board-view";
import { TrendChart, trendPoints, trendSummary } from "~/components/charts";
import { ErrorSummary } from "~/components/forms";
import { KpiTile, kpiWording, MethodNotes, periodChoices, periodDates } from "~/components/kpi-figures";
import { getDb } from "~/db.server";
import { londonDate, PERIOD_TYPES } from "~/domain/periods";
import { segmentName, segmentValueName } from "~/domain/segment-labels";
import { kpiMetadata, METHOD_VERSION } from "~/domain/xlsx-metadata";
import { translator } from "~/i18n";
import { boardFigures, resolveBoardView } from "~/models/board.server";
import { listAllKpiVersions } from "~/models/kpi-register.server";
import { boardRegister } from "~/models/yswd/board.server";
import { PERIOD_TYPE_NAMES } from "~/schemas/board";
import packStyles from "~/styles/board-pack.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: packStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.survey ? `Board pack: ${data.survey.title}` : "Board pack" },
];
export const handle = { wide: true };

/**
 * The board pack: headline tiles, trends, the "you said, we did" review with K14, one breakdown
 * and the method, laid out to print (or save as PDF) on a few A4 pages from any browser. Same
 * figures as the dashboard, from the same functions, for the same period when opened from it.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["board"]);
  const db = getDb();
  // The request's clock, read once here: the latest period and the reviews due are as of now.
  const now = new Date();
  const view = await resolveBoardView(db, staff.forumId, new URL(request.url).searchParams);
  const failed = Object.keys(view.errors).length > 0;
  const survey = view.survey;
  const figures =
    survey && !failed
      ? await boardFigures(db, { forumId: staff.forumId, survey, periodType: view.periodType, period: view.period, by: view.by, now })
      : null;
  if (figures?.setAside) view.values.period = "";
  const history = survey && figures ? await listAllKpiVersions(db, staff.forumId) : null;
  const definitions =
    survey && figures && history
      ? figures.kpis.map((k) => ({
          id: k.id,
          name: k.name,
          versions: (history.get(k.id) ?? []).map((v) => {
            const meta = kpiMetadata(v, survey.definition);
            return {
              version: v.version,
              createdAt: v.createdAt,
              retiredAt: v.retiredAt,
              question: meta.question_codes,
              wording: kpiWording({ kind: k.kind, metadata: meta }),
              positive: meta.positive,
              negative: meta.negative,
              excluded: meta.excluded,
            };
          }),
        }))
      : [];
  const register = figures?.period ? await boardRegister(db, staff.forumId, { periodType: view.periodType, today: londonDate(now) }) : null;
  const valueNames: Record<string, string> = {};
  if (view.by && survey && figures) {
    for (const k of figures.kpis)
      for (const c of k.breakdown) valueNames[c.segment_value] ??= segmentValueName(survey.definition, view.by, c.segment_value);
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
        segments: survey ? view.segments.map((s) => ({ value: s, label: segmentName(survey.definition, s) })) : [],
      },
      survey: survey ? { slug: survey.slug, title: survey.title } : null,
      periodType: view.periodType,
      by: view.by ?? null,
      byName: view.by && survey ? segmentName(survey.definition, view.by) : null,
      valueNames,
      figures,
      definitions,
      review: register ? reviewRows(register.review) : [],
      k14: register?.k14 ?? [],
      responseTimes: register?.responseTimes ?? [],
      generatedAt: now.toISOString(),
    },
    { status: failed ? 400 : 200 },
  );
}

const londonDay = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric" });
const londonDateTime = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", dateStyle: "long", timeStyle: "short" });

export default function BoardPack() {
  const data = useLoaderData<typeof loader>();
  const t = translator("en");
  const figures = data.figures;
  // Sections are numbered as they appear: the breakdown only when one is chosen.
  const sections = ["headline", "trends", "yswd", ...(data.by ? ["breakdowns"] : []), "method", "definitions"];
  const number = (section: string) => `${sections.indexOf(section) + 1}.`;
  return (
    <>
      <ErrorSummary errors={Object.entries(data.errors).map(([field, text]) => ({ href: `#${field}`, text }))} t={t} />
      <div className="no-print">
        <p className="body">
          Choose what the pack covers, then use your browser’s Print command (Ctrl+P, or ⌘P on a Mac) and choose “Save as PDF” to make a
          PDF. Navigation and these controls are left out of the printout.
        </p>
        <BoardViewForm
          action="/board/pack"
          choices={data.choices}
          values={data.values}
          errors={data.errors}
          submitLabel="Update the pack"
          t={t}
        />
        {figures?.setAside ? (
          <div className="notification notification--info" role="status" data-testid="period-set-aside">
            <p className="notification__title">
              Nobody answered this survey in {figures.setAside}, so the latest period with published figures is shown instead.
            </p>
          </div>
        ) : null}
      </div>

      <header className="pack-cover">
        <p className="caption-m">{data.nav.forumName}</p>
        <h1 className="heading-l">Board pack{data.survey ? `: ${data.survey.title}` : ""}</h1>
        {figures?.period ? (
          <p className="body" data-testid="pack-period">
            Period {figures.period} ({periodDates(data.periodType, figures.period)}), compared with {figures.previousPeriod}.{" "}
            {PERIOD_TYPE_NAMES[data.periodType]}. {data.byName ? `Breakdown: ${data.byName.toLowerCase()}.` : "No breakdown chosen."}
            {figures.tooFewLater.length > 0
              ? ` ${figures.tooFewLater.join(", ")} ${figures.tooFewLater.length === 1 ? "has" : "have"} responses, but too few to publish any figure yet.`
              : ""}
          </p>
        ) : null}
        <p className="body">
          Made {londonDateTime.format(new Date(data.generatedAt))}. Method: {METHOD_VERSION}.
        </p>
      </header>

      {!figures ? null : figures.period === null ? (
        <p className="body">There are no responses to this survey yet, so the pack has no figures.</p>
      ) : (
        <>
          <section className="pack-section" aria-labelledby="pack-headline">
            <h2 className="heading-m" id="pack-headline">
              {number("headline")} Headline figures, {figures.period}
            </h2>
            <div className="kpi-tiles pack-tiles">
              {figures.kpis.map((k) => (
                <KpiTile key={k.id} kpiId={k.id} name={k.name} cell={k.latest} change={k.change} previousPeriod={figures.previousPeriod} />
              ))}
            </div>
          </section>

          <section className="pack-section" aria-labelledby="pack-trends">
            <h2 className="heading-m" id="pack-trends">
              {number("trends")} Trends
            </h2>
            <div className="pack-charts">
              {figures.kpis.map((k) => {
                const points = trendPoints(k.trend, data.periodType);
                return (
                  <div className="pack-chart" key={k.id}>
                    <h3 className="heading-s">
                      {k.id} {k.name}
                    </h3>
                    <TrendChart
                      id={`pack-trend-${k.id}`}
                      points={points}
                      target={k.target}
                      summary={trendSummary(points, k.target)}
                      size="small"
                    />
                  </div>
                );
              })}
            </div>
            <PackTrendTable periods={figures.periods} kpis={figures.kpis} />
          </section>

          <section className="pack-section" aria-labelledby="pack-yswd">
            <h2 className="heading-m" id="pack-yswd">
              {number("yswd")} You said, we did
            </h2>
            <h3 className="heading-s">Due or overdue for review</h3>
            <p className="hint">{REVIEW_HINT}</p>
            <ReviewTable rows={data.review} />
            <div className="pack-pair">
              <div>
                <h3 className="heading-s">K14 “You said, we did” closure rate</h3>
                <p className="hint">{K14_HINT}</p>
                <K14Table cells={data.k14} current={figures.period} />
              </div>
              <div>
                <h3 className="heading-s">Days from raised to response published</h3>
                <p className="hint">Median over the items whose response was published in the period.</p>
                <ResponseTimesTable rows={data.responseTimes} />
              </div>
            </div>
          </section>

          {data.by && data.byName ? (
            <section className="pack-section" aria-labelledby="pack-breakdowns">
              <h2 className="heading-m" id="pack-breakdowns">
                {number("breakdowns")} Breakdown by {data.byName.toLowerCase()}, {figures.period}
              </h2>
              <p className="body">
                Cells marked c are suppressed under SDC-1: fewer than 10 responses, or hidden so that a small group cannot be worked out.
              </p>
              <PackBreakdownTables kpis={figures.kpis} segmentName={data.byName} valueNames={data.valueNames} />
            </section>
          ) : null}

          <section className="pack-section" aria-labelledby="pack-method-title">
            <h2 className="heading-m" id="pack-method-title">
              {number("method")} Method
            </h2>
            <MethodNotes headingId="pack-method" level={3} />
          </section>

          <section className="pack-section" aria-labelledby="pack-definitions">
            <h2 className="heading-m" id="pack-definitions">
              {number("definitions")} KPI definitions and versions
            </h2>
            <p className="body">
              Every period is computed under each KPI’s current version, so a trend never mixes two definitions. Changing a definition
              starts a new version.
            </p>
            <PackDefinitions kpis={data.definitions} day={londonDay} />
          </section>
        </>
      )}
    </>
  );
}
