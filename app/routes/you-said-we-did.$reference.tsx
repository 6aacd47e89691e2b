import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";

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
  StatusBadge,
  themeName,
} from "~/components/yswd-public";
import { getDb } from "~/db.server";
import { periodRange, type PeriodType } from "~/domain/periods";
import { localise } from "~/domain/survey";
import { formatDay, localisedField, REFERENCE_PATTERN } from "~/domain/yswd";
import type { Translate } from "~/i18n";
import { translator } from "~/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { getPublicItem, resolvePublicForum } from "~/models/yswd/public.server";
import { requestLanguage } from "~/respondent/language.server";
import { notFound } from "~/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.pageTitle}: ${data.item.reference}` : "You said, we did" },
];

/** Only what the page shows: the figure's published (SDC-1) fields, never anything more. */
function publicCell(
  cell: {
    kpi_id: string;
    kpi_name: string;
    time_period: string;
    n: number | null;
    percent: number | null;
    ci_lower: number | null;
    ci_upper: number | null;
    flag: string;
  } | null,
) {
  if (!cell) return null;
  const { kpi_id, kpi_name, time_period, n, percent, ci_lower, ci_upper, flag } = cell;
  return { kpi_id, kpi_name, time_period, n, percent, ci_lower, ci_upper, flag };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const reference = params.reference ?? "";
  if (!REFERENCE_PATTERN.test(reference)) throw notFound();
  const db = getDb();
  const resolved = await resolvePublicForum(db, url.searchParams.get("forum"));
  if (resolved.kind !== "forum") throw notFound();
  const page = await getPublicItem(db, resolved.forum.id, reference);
  if (!page) throw notFound();
  const { item, evidence, history, survey } = page;
  const forumQuery = resolved.qualified ? `?forum=${encodeURIComponent(resolved.forum.slug)}` : "";
  const checked = evidence.checked;
  return {
    pageTitle: translator(requestLanguage(request))("yswd.title"),
    forum: { name: resolved.forum.name, colour: resolved.forum.colour },
    forumQuery,
    item: {
      reference: item.reference,
      title: item.title,
      saidPlain: item.saidPlain,
      saidEasyRead: item.saidEasyRead,
      whatDone: item.whatDone,
      notPossibleReason: item.status === "not_possible" ? item.notPossibleReason : null,
      translations: item.translations,
      status: item.status,
      themes: item.themes,
      involvement: item.involvement,
      ownerOrg: item.ownerOrg,
      ownerRole: item.ownerRole,
      raisedOn: item.raisedOn,
      responsePublishedOn: item.responsePublishedOn,
      targetOn: item.targetOn,
      completedOn: item.completedOn,
      nextReviewOn: item.nextReviewOn,
    },
    evidence: checked
      ? {
          survey: survey ? { publicId: survey.publicId, title: survey.definition.title } : null,
          period: checked.period,
          range: periodRange(checked.periodType as PeriodType, checked.period),
          segment: checked.segmentType ? { type: checked.segmentType, value: checked.segmentValue ?? "" } : null,
          segmentNames: survey ? segmentNamesOf(survey.definition) : {},
          baseline: publicCell(evidence.figure?.baseline ?? null),
          latest: publicCell(evidence.figure?.latest ?? null),
          quotes: evidence.quotes.map((q) => ({ text: q.text, language: q.language })),
        }
      : null,
    history,
  };
}

type Cell = NonNullable<ReturnType<typeof publicCell>>;

/** "61.2% (55.0–67.1), n = 240": the dashboard's published cell, written out. */
function Figure({ cell, t, language }: { cell: Cell | null; t: Translate; language: string }) {
  if (!cell) return <>{t("yswd.item.noFigure")}</>;
  if (cell.n === null || cell.percent === null || cell.ci_lower === null || cell.ci_upper === null) return <>{t("yswd.item.suppressed")}</>;
  const figure = `${percentFigure(cell.percent, language)} (${oneDecimal(cell.ci_lower, language)}–${oneDecimal(cell.ci_upper, language)})`;
  return (
    <>
      <span className="yswd-figure" data-testid="yswd-figure">
        {t("yswd.item.figure", { figure: ltr(figure, language), n: cell.n })}
      </span>
      {cell.flag === "u" ? <span className="hint yswd-figure__note"> {t("yswd.item.lowReliability")}</span> : null}
    </>
  );
}

export default function YouSaidWeDidItem() {
  const { item, evidence, history, forumQuery } = useLoaderData<typeof loader>();
  const { t, language } = useTranslation();
  const field = (english: string | null, name: Parameters<typeof localisedField>[2]) =>
    localisedField(english, item.translations, name, language);
  const title = field(item.title, "title") ?? { text: item.title, lang: language === "en" ? undefined : "en" };
  const said = field(item.saidPlain, "saidPlain");
  const easyRead = field(item.saidEasyRead, "saidEasyRead");
  const done = field(item.whatDone, "whatDone");
  const reason = field(item.notPossibleReason, "notPossibleReason");
  const dates: [string, string | null][] = [
    [t("yswd.item.raised"), item.raisedOn],
    [t("yswd.item.responsePublished"), item.responsePublishedOn],
    [t("yswd.item.target"), item.targetOn],
    [t("yswd.item.completed"), item.completedOn],
    [t("yswd.item.nextReview"), item.nextReviewOn],
  ];
  const measure = evidence?.baseline ?? evidence?.latest ?? null;

  return (
    <>
      <a href={`/you-said-we-did${forumQuery}`} className="back-link">
        {t("yswd.item.back")}
      </a>
      <span className="caption-m">{t("yswd.item.reference", { reference: ltr(item.reference, language) })}</span>
      <h1 className="heading-l" {...langProps(title.lang)}>
        {title.text}
      </h1>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt className="summary-list__key">{t("yswd.item.status")}</dt>
          <dd className="summary-list__value">
            <StatusBadge status={item.status} t={t} />
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">{t("yswd.item.themes")}</dt>
          <dd className="summary-list__value">
            <ul className="yswd-inline-list">
              {item.themes.map((th) => {
                const name = themeName(th.code, th.label, t, language);
                return (
                  <li key={th.code}>
                    <a href={`/you-said-we-did${forumQuery}${forumQuery ? "&" : "?"}theme=${th.code}`} {...langProps(name.lang)}>
                      {name.text}
                    </a>
                  </li>
                );
              })}
            </ul>
          </dd>
        </div>
      </dl>

      <h2 className="heading-m">{t("yswd.item.said")}</h2>
      {said ? (
        <p className="body yswd-text" {...langProps(said.lang)}>
          {said.text}
        </p>
      ) : null}
      {easyRead ? (
        <div className="inset">
          <h3 className="heading-s">{t("yswd.item.saidEasyRead")}</h3>
          <p className="body yswd-text" {...langProps(easyRead.lang)}>
            {easyRead.text}
          </p>
        </div>
      ) : null}

      {evidence ? (
        <>
          <h2 className="heading-m">{t("yswd.item.evidence")}</h2>
          <dl className="summary-list">
            {evidence.survey ? (
              <div className="summary-list__row">
                <dt className="summary-list__key">{t("yswd.item.survey")}</dt>
                <dd className="summary-list__value">
                  <a href={`/results/${evidence.survey.publicId}`} {...langProps(evidence.survey.title[language] ? undefined : "en")}>
                    {localise(evidence.survey.title, language)}
                  </a>
                </dd>
              </div>
            ) : null}
            <div className="summary-list__row">
              <dt className="summary-list__key">{t("yswd.item.period")}</dt>
              <dd className="summary-list__value">
                {t("yswd.item.periodRange", {
                  period: ltr(evidence.period, language),
                  start: formatDay(evidence.range.start, language),
                  end: formatDay(evidence.range.end, language),
                })}
              </dd>
            </div>
            {evidence.segment ? (
              <div className="summary-list__row">
                <dt className="summary-list__key">{t("yswd.item.group")}</dt>
                <dd className="summary-list__value">
                  {(() => {
                    const type = segmentTypeName(evidence.segment.type, evidence.segmentNames, t, language);
                    const value = segmentValueName(evidence.segment.type, evidence.segment.value, evidence.segmentNames, t, language);
                    return (
                      <>
                        <span {...langProps(type.lang)}>{type.text}</span>: <span {...langProps(value.lang)}>{value.text}</span>
                      </>
                    );
                  })()}
                </dd>
              </div>
            ) : null}
            {measure ? (
              <>
                <div className="summary-list__row">
                  <dt className="summary-list__key">{t("yswd.item.measure")}</dt>
                  <dd className="summary-list__value">
                    {(() => {
                      const name = kpiName(measure.kpi_id, measure.kpi_name, t, language);
                      return <span {...langProps(name.lang)}>{name.text}</span>;
                    })()}
                  </dd>
                </div>
                <div className="summary-list__row">
                  <dt className="summary-list__key">{t("yswd.item.baseline", { period: ltr(evidence.period, language) })}</dt>
                  <dd className="summary-list__value">
                    <Figure cell={evidence.baseline} t={t} language={language} />
                  </dd>
                </div>
                {evidence.latest && evidence.latest.time_period !== evidence.period ? (
                  <div className="summary-list__row">
                    <dt className="summary-list__key">{t("yswd.item.latest", { period: ltr(evidence.latest.time_period, language) })}</dt>
                    <dd className="summary-list__value">
                      <Figure cell={evidence.latest} t={t} language={language} />
                    </dd>
                  </div>
                ) : null}
              </>
            ) : null}
          </dl>
          {measure ? <p className="hint">{t("yswd.item.figureExplained")}</p> : null}
          {evidence.quotes.length > 0 ? (
            <>
              <h3 className="heading-s">{t("yswd.item.quotes")}</h3>
              <ul className="yswd-public-quotes">
                {evidence.quotes.map((q, i) => (
                  <li key={i}>
                    <blockquote className="answer-text" {...langProps(q.language)} data-testid="yswd-quote">
                      {q.text}
                    </blockquote>
                  </li>
                ))}
              </ul>
              <p className="hint">{t("yswd.item.quotesNote")}</p>
            </>
          ) : null}
        </>
      ) : null}

      {reason ? (
        <>
          <h2 className="heading-m">{t("yswd.item.notPossible")}</h2>
          <p className="body yswd-text" {...langProps(reason.lang)}>
            {reason.text}
          </p>
        </>
      ) : null}
      {item.status !== "not_possible" || done ? (
        <>
          <h2 className="heading-m">{t("yswd.item.done")}</h2>
          {done ? (
            <p className="body yswd-text" {...langProps(done.lang)}>
              {done.text}
            </p>
          ) : (
            <p className="body">{t("yswd.item.nothingYet")}</p>
          )}
        </>
      ) : null}

      <dl className="summary-list">
        <div className="summary-list__row">
          <dt className="summary-list__key">{t("yswd.item.involvement")}</dt>
          <dd className="summary-list__value">{t(`yswd.involvement.${item.involvement}`)}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">{t("yswd.item.owner")}</dt>
          <dd className="summary-list__value" {...langProps(language === "en" ? undefined : "en")}>
            {item.ownerRole}, {item.ownerOrg}
          </dd>
        </div>
      </dl>

      <h2 className="heading-m">{t("yswd.item.dates")}</h2>
      <dl className="summary-list">
        {dates
          .filter(([, date]) => date)
          .map(([label, date]) => (
            <div className="summary-list__row" key={label}>
              <dt className="summary-list__key">{label}</dt>
              <dd className="summary-list__value">{formatDay(date, language)}</dd>
            </div>
          ))}
      </dl>

      <h2 className="heading-m">{t("yswd.item.history")}</h2>
      <ol className="yswd-history">
        {history.map((h, i) => (
          <li key={i}>
            <StatusBadge status={h.status} t={t} /> {formatDay(h.changedOn, language)}
            {h.note ? (
              <>
                {" "}
                <span className="yswd-history__note" {...langProps(language === "en" ? undefined : "en")}>
                  {h.note}
                </span>
              </>
            ) : null}
          </li>
        ))}
      </ol>
    </>
  );
}
