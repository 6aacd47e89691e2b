import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/session.server";
import { BoardViewForm } from "~/components/board-view";
import { TrendChart, trendPoints, trendSummary } from "~/components/charts";
import { ErrorSummary } from "~/components/forms";
import {
  BreakdownTable,
  changeText,
  FlagTag,
  formatInterval,
  formatPercent,
  kpiWording,
  MethodNotes,
  periodChoices,
  periodDates,
  RagTag,
  SUPPRESSED_TEXT,
  TrendTable,
} from "~/components/kpi-figures";
import { KpiVersionHistory } from "~/components/kpi-version-history";
import { getDb } from "~/db.server";
import { PERIOD_TYPES } from "~/domain/periods";
import { segmentName, segmentValueName } from "~/domain/segment-labels";
import { kpiMetadata, METHOD_VERSION } from "~/domain/xlsx-metadata";
import { translator } from "~/i18n";
import { boardFigures, resolveBoardView } from "~/models/board.server";
import { listAllKpiVersions } from "~/models/kpi-register.server";
import { PERIOD_TYPE_NAMES } from "~/schemas/board";
import { staffChrome } from "~/auth/staff.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.survey ? `Board pack: ${data.survey.title}` : "Board pack" },
];
export const handle = { wide: true };

/**
 * The board pack: headline figures, trends, one breakdown per KPI and the method, laid out to
 * print (or save as PDF) from any browser. Same figures as the dashboard, from the same functions.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["board"]);
  const db = getDb();
  const view = await resolveBoardView(db, staff.forumId, new URL(request.url).searchParams);
  const failed = Object.keys(view.errors).length > 0;
  const survey = view.survey;
  const figures =
    survey && !failed
      ? await boardFigures(db, { forumId: staff.forumId, survey, periodType: view.periodType, period: view.period, by: view.by })
      : null;
  const history = survey && figures ? await listAllKpiVersions(db, staff.forumId) : null;
  const versions =
    survey && figures && history
      ? figures.kpis.map((k) => ({
          id: k.id,
          name: k.name,
          versions: (history.get(k.id) ?? []).map((v) => ({
            version: v.version,
            createdAt: v.createdAt,
            retiredAt: v.retiredAt,
            ...kpiMetadata(v, survey.definition),
          })),
        }))
      : [];
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
      versions,
      generatedAt: new Date().toISOString(),
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
      </div>

      <header className="pack-cover">
        <p className="caption-m">{data.nav.forumName}</p>
        <h1 className="heading-l">Board pack{data.survey ? `: ${data.survey.title}` : ""}</h1>
        {figures?.period ? (
          <p className="body">
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
              1. Headline figures, {figures.period}
            </h2>
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Headline KPI figures">
              <table className="table kpi-table">
                <caption className="visually-hidden">Headline KPI figures for {figures.period}</caption>
                <thead>
                  <tr>
                    <th scope="col">KPI</th>
                    <th scope="col" className="num">
                      Percent
                    </th>
                    <th scope="col">95% interval</th>
                    <th scope="col" className="num">
                      n
                    </th>
                    <th scope="col">Flag</th>
                    <th scope="col">Target and RAG</th>
                    <th scope="col">Change since {figures.previousPeriod}</th>
                  </tr>
                </thead>
                <tbody>
                  {figures.kpis.map((k) => {
                    const c = k.latest;
                    const shown = c !== null && c.percent !== null;
                    return (
                      <tr key={k.id} data-kpi={k.id}>
                        <th scope="row">
                          {k.id} {k.name}
                        </th>
                        {shown ? (
                          <>
                            <td className="num">{formatPercent(c.percent)}</td>
                            <td>{formatInterval(c)}</td>
                            <td className="num">{c.n}</td>
                          </>
                        ) : (
                          <td colSpan={3}>{c?.flag === "c" ? SUPPRESSED_TEXT : "No responses"}</td>
                        )}
                        <td>{c?.flag ? <FlagTag flag={c.flag} /> : null}</td>
                        <td>
                          {k.target === null ? (
                            "No target"
                          ) : (
                            <>
                              {formatPercent(k.target)}: {c?.rag ? <RagTag rag={c.rag} /> : "no RAG"}
                            </>
                          )}
                        </td>
                        <td>{k.change ? changeText(k.change) : "No change figure"}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>

          <section className="pack-section" aria-labelledby="pack-trends">
            <h2 className="heading-m" id="pack-trends">
              2. Trends
            </h2>
            {figures.kpis.map((k) => {
              const points = trendPoints(k.trend, data.periodType);
              return (
                <div className="pack-kpi" key={k.id}>
                  <h3 className="heading-s">
                    {k.id} {k.name}
                  </h3>
                  <TrendChart id={`pack-trend-${k.id}`} points={points} target={k.target} summary={trendSummary(points, k.target)} />
                  <TrendTable caption={`${k.id} by period`} cells={k.trend} />
                </div>
              );
            })}
          </section>

          {data.by && data.byName ? (
            <section className="pack-section" aria-labelledby="pack-breakdowns">
              <h2 className="heading-m" id="pack-breakdowns">
                3. Breakdown by {data.byName.toLowerCase()}, {figures.period}
              </h2>
              <p className="body">
                Cells marked c are suppressed under SDC-1: fewer than 10 responses, or hidden so that a small group cannot be worked out.
              </p>
              {figures.kpis.map((k) => (
                <div className="pack-kpi" key={k.id}>
                  <BreakdownTable
                    caption={`${k.id} ${k.name}`}
                    segmentName={data.byName ?? ""}
                    all={k.latest}
                    cells={k.breakdown}
                    valueNames={data.valueNames}
                  />
                </div>
              ))}
            </section>
          ) : null}

          <section className="pack-section" aria-labelledby="pack-method-title">
            <h2 className="heading-m" id="pack-method-title">
              {data.by ? "4" : "3"}. Method
            </h2>
            <MethodNotes headingId="pack-method" level={3} />
          </section>

          <section className="pack-section" aria-labelledby="pack-definitions">
            <h2 className="heading-m" id="pack-definitions">
              {data.by ? "5" : "4"}. KPI definitions and versions
            </h2>
            <p className="body">
              Every period is computed under each KPI’s current version, so a trend never mixes two definitions. Changing a definition
              starts a new version.
            </p>
            {data.versions.map((k) => {
              const current = figures.kpis.find((f) => f.id === k.id);
              return (
                <div className="pack-kpi" key={k.id}>
                  <h3 className="heading-s">
                    {k.id} {k.name}
                  </h3>
                  {current ? <p className="body">{kpiWording(current)}</p> : null}
                  <KpiVersionHistory
                    kpiId={k.id}
                    versions={k.versions.map((v) => ({ ...v, question: v.question_codes }))}
                    tableClassName="table kpi-table"
                    captionHidden
                    excludedHeading="Excluded from base"
                    day={londonDay}
                  />
                </div>
              );
            })}
          </section>
        </>
      )}
    </>
  );
}
