import { METHODOLOGY_PATH } from "~/domain/methodology";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import {
  kpiName,
  langProps,
  ltr,
  oneDecimal,
  percentFigure,
  segmentNamesOf,
  segmentTypeName,
  segmentValueName,
  type SegmentNames,
  wholeNumber,
} from "~/components/yswd-public";
import { getDb } from "~/db.server";
import type { KpiCell } from "~/domain/kpi-cells";
import { isPeriodType, periodRange, PERIOD_TYPES, type PeriodType } from "~/domain/periods";
import { localise } from "~/domain/survey";
import { formatDay } from "~/domain/yswd";
import { translator, type Translate } from "~/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { computeKpiCells, periodsWithResponses } from "~/models/kpi-dashboard.server";
import { kpiSegments } from "~/models/kpi-survey.server";
import { findPublishedSurvey } from "~/models/published-surveys.server";
import { requestLanguage } from "~/respondent/language.server";
import { notFound } from "~/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "Survey results" }];

/** The published (SDC-1) fields of a cell: nothing more reaches the page. */
function publicCell(cell: KpiCell) {
  const { kpi_id, kpi_name, segment_value, n, percent, ci_lower, ci_upper, flag } = cell;
  return { kpi_id, kpi_name, segment_value, n, percent, ci_lower, ci_upper, flag };
}

type PublicCell = ReturnType<typeof publicCell>;

/**
 * Published results of one survey: the headline KPIs for a chosen period and, if asked, ONE
 * breakdown of one KPI (SDC-1 rule 4: public pages offer one breakdown dimension at a time).
 * Every figure is a cell from computeKpiCells, suppressed and flagged exactly as on the dashboard.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const survey = await findPublishedSurvey(db, params.publicId ?? "");
  if (!survey) throw notFound();
  const url = new URL(request.url);
  const t = translator(requestLanguage(request));
  const requestedType = url.searchParams.get("periodType") || "stocktake";
  if (!isPeriodType(requestedType)) throw json(null, { status: 400 });
  const periodType: PeriodType = requestedType;
  const segments = await kpiSegments(db, survey.forumId, survey.id);
  const by = url.searchParams.get("by") || "";
  if (by && !segments.includes(by)) throw json(null, { status: 400 });
  const periods = (await periodsWithResponses(db, survey.forumId, survey.id, periodType)).reverse();
  // Without JavaScript the period list cannot follow a change of period type, so a period of
  // another type (or none) falls back to the latest one rather than failing.
  const requestedPeriod = url.searchParams.get("period") ?? "";
  const period = periods.includes(requestedPeriod) ? requestedPeriod : (periods[0] ?? null);
  const base = {
    pageTitle: `${t("results.title")}: ${localise(survey.definition.title, requestLanguage(request))}`,
    forum: { name: survey.forumName, colour: survey.forumColour },
    survey: { title: survey.definition.title },
    periodType,
    periods,
    segments,
    segmentNames: segmentNamesOf(survey.definition),
    by,
  };
  if (!period) return { ...base, period: null, range: null, kpi: "", headline: [] as PublicCell[], breakdown: [] as PublicCell[] };
  const cells = await computeKpiCells(db, {
    forumId: survey.forumId,
    surveyId: survey.id,
    periodType,
    periods: [period],
    by: by || undefined,
  });
  const headline = cells.filter((c) => c.segment_type === "all").map(publicCell);
  const requestedKpi = url.searchParams.get("kpi") ?? "";
  const kpi = headline.some((c) => c.kpi_id === requestedKpi) ? requestedKpi : (headline[0]?.kpi_id ?? "");
  const breakdown = by ? cells.filter((c) => c.segment_type === by && c.kpi_id === kpi).map(publicCell) : [];
  return { ...base, period, range: periodRange(periodType, period), kpi, headline, breakdown };
}

/** The column headings of a table of figures; `first` names what each row is. */
function FigureHead({ first, t }: { first: string; t: Translate }) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col" className="num">
          {t("results.table.percent")}
        </th>
        <th scope="col" className="num">
          {t("results.table.interval")}
        </th>
        <th scope="col" className="num">
          {t("results.table.n")}
        </th>
        <th scope="col">{t("results.table.note")}</th>
      </tr>
    </thead>
  );
}

function FigureCells({ cell, t, language }: { cell: PublicCell; t: Translate; language: string }) {
  if (cell.n === null || cell.percent === null || cell.ci_lower === null || cell.ci_upper === null) {
    return (
      <>
        <td className="results-suppressed" colSpan={3}>
          {t("results.suppressed")}
        </td>
        <td />
      </>
    );
  }
  return (
    <>
      <td className="num">{percentFigure(cell.percent, language)}</td>
      <td className="num" dir="ltr">
        {oneDecimal(cell.ci_lower, language)}–{oneDecimal(cell.ci_upper, language)}
      </td>
      <td className="num">{wholeNumber(cell.n, language)}</td>
      <td>{cell.flag === "u" ? t("results.lowReliability") : ""}</td>
    </>
  );
}

export default function Results() {
  const data = useLoaderData<typeof loader>();
  const { t, language } = useTranslation();
  const names: SegmentNames = data.segmentNames;
  const title = localise(data.survey.title, language);
  const titleLang = data.survey.title[language] ? undefined : "en";
  const chosenKpi = data.headline.find((c) => c.kpi_id === data.kpi);
  const byName = data.by ? segmentTypeName(data.by, names, t, language) : null;

  return (
    <>
      <span className="caption-m">{t("results.title")}</span>
      <h1 className="heading-l" {...langProps(titleLang)}>
        {title}
      </h1>
      <p className="body">{t("results.lead")}</p>

      <form method="get" className="results-choose" aria-labelledby="choose-heading">
        <h2 className="heading-s" id="choose-heading">
          {t("results.choose")}
        </h2>
        <div className="yswd-filter__fields">
          <div className="form-group">
            <label className="label" htmlFor="periodType">
              {t("results.periodType")}
            </label>
            <select className="select" id="periodType" name="periodType" defaultValue={data.periodType}>
              {PERIOD_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`results.periodType.${type}`)}
                </option>
              ))}
            </select>
          </div>
          {data.periods.length > 0 ? (
            <div className="form-group">
              <label className="label" htmlFor="period">
                {t("results.period")}
              </label>
              <select className="select" id="period" name="period" defaultValue={data.period ?? ""}>
                {data.periods.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div className="form-group">
            <label className="label" htmlFor="by">
              {t("results.by")}
            </label>
            <select className="select" id="by" name="by" defaultValue={data.by}>
              <option value="">{t("results.by.none")}</option>
              {data.segments.map((s) => {
                const name = segmentTypeName(s, names, t, language);
                return (
                  <option key={s} value={s} lang={name.lang}>
                    {name.text}
                  </option>
                );
              })}
            </select>
          </div>
          {data.headline.length > 0 ? (
            <div className="form-group">
              <label className="label" htmlFor="kpi">
                {t("results.kpi")}
              </label>
              <select className="select" id="kpi" name="kpi" defaultValue={data.kpi}>
                {data.headline.map((c) => {
                  const name = kpiName(c.kpi_id, c.kpi_name, t, language);
                  return (
                    <option key={c.kpi_id} value={c.kpi_id} lang={name.lang}>
                      {name.text}
                    </option>
                  );
                })}
              </select>
            </div>
          ) : null}
        </div>
        <p className="hint">{t("results.oneBreakdown")}</p>
        <button type="submit" className="button button--secondary">
          {t("results.show")}
        </button>
      </form>

      {data.period === null || data.range === null ? (
        <p className="body">{t("results.noResponses")}</p>
      ) : (
        <>
          {/* Focusable so keyboard users can scroll a table wider than a small phone. */}
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="headline-caption">
            <table className="table" data-testid="results-headline">
              <caption id="headline-caption">
                {t("results.headline", { period: ltr(data.period, language) })}
                <span className="hint results-range">
                  {formatDay(data.range.start, language)} – {formatDay(data.range.end, language)}
                </span>
              </caption>
              <FigureHead first={t("results.table.measure")} t={t} />
              <tbody>
                {data.headline.map((cell) => {
                  const name = kpiName(cell.kpi_id, cell.kpi_name, t, language);
                  return (
                    <tr key={cell.kpi_id}>
                      <th scope="row" {...langProps(name.lang)}>
                        {name.text}
                      </th>
                      <FigureCells cell={cell} t={t} language={language} />
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>

          {byName && chosenKpi ? (
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="breakdown-caption">
              <table className="table" data-testid="results-breakdown">
                <caption id="breakdown-caption">
                  {t("results.breakdown", { measure: kpiName(chosenKpi.kpi_id, chosenKpi.kpi_name, t, language).text, group: byName.text })}
                </caption>
                <FigureHead first={t("results.table.group")} t={t} />
                <tbody>
                  {data.breakdown.map((cell) => {
                    const name = segmentValueName(data.by, cell.segment_value, names, t, language);
                    return (
                      <tr key={cell.segment_value}>
                        <th scope="row" {...langProps(name.lang)}>
                          {name.text}
                        </th>
                        <FigureCells cell={cell} t={t} language={language} />
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      )}
      <p className="body">
        <a href={METHODOLOGY_PATH}>{t("results.method")}</a>
      </p>
    </>
  );
}
