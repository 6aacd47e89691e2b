/**
 * /methodology: how every published figure is made, in plain English. Nothing here is written by
 * hand twice: the register is the forum's own (its current version of each KPI), the rules are the
 * constants the code applies, and every worked example is computed by the functions that compute
 * the real figures, so this page cannot disagree with the dashboard, the exports or the API.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { formatPercent } from "~/components/kpi-figures";
import { getDb } from "~/db.server";
import { EHCP_QUALITY_INDEX_MINIMUM } from "~/domain/kpi-definitions";
import { LOW_RELIABILITY_BELOW_N, SUPPRESS_BELOW_N } from "~/domain/kpi-cells";
import {
  METHOD_EDITION,
  networkExample,
  newcombeExample,
  periodExamples,
  ragExamples,
  suppressionExample,
  wilsonExample,
} from "~/domain/methodology";
import { NETWORK_MINIMUM_FORUMS, Z_998 } from "~/domain/network";
import { Z_95 } from "~/domain/statistics";
import { localise, optionsOf, type SurveyDefinition } from "~/domain/survey";
import { FLAG_MEANINGS, METHOD_NOTES } from "~/domain/xlsx-metadata";
import { K14 } from "~/domain/yswd";
import { translator } from "~/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { requestLanguage } from "~/respondent/language.server";
import { defaultRegister, listKpis, type RegisteredKpi } from "~/models/kpi-register.server";
import { resolvePublicForum } from "~/models/yswd/public.server";
import { SURVEY_TEMPLATES } from "~/templates";
import { notFound } from "~/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "How our figures are made" }];

const FORUM_SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const slug = url.searchParams.get("forum");
  if (slug !== null && !FORUM_SLUG.test(slug)) throw json(null, { status: 400 });
  const db = getDb();
  const resolved = await resolvePublicForum(db, slug);
  if (slug !== null && resolved.kind !== "forum") throw notFound();
  const register = resolved.kind === "forum" ? await listKpis(db, resolved.forum.id) : defaultRegister();
  return {
    pageTitle: translator(requestLanguage(request))("methodology.title"),
    forum: resolved.kind === "forum" ? { name: resolved.forum.name } : null,
    forums: resolved.kind === "choose" ? resolved.forums.map((f) => ({ slug: f.slug, name: f.name })) : [],
    kpis: register.map(describeKpi),
  };
}

/** A KPI of the register in words: the question asked and which answers count. */
function describeKpi(kpi: RegisteredKpi) {
  const codes = kpi.kind === "ehcp_quality_index" ? (kpi.questions ?? []) : [kpi.question];
  const found = codes.map((code) => findQuestion(code));
  const label = (code: string) => {
    for (const q of found) {
      const option = q ? optionsOf(q).find((o) => o.code === code) : undefined;
      if (option) return localise(option.label, "en");
    }
    return code.replaceAll("_", " ");
  };
  const list = (options: readonly string[]) => (options.length === 0 ? "none" : options.map(label).join("; "));
  return {
    id: kpi.id,
    name: kpi.name,
    version: kpi.version,
    since: kpi.createdAt ? kpi.createdAt.slice(0, 10) : null,
    index: kpi.kind === "ehcp_quality_index",
    questions: codes.map((code, i) => ({ code, wording: found[i] ? localise(found[i].title, "en") : null })),
    positive: list(kpi.positive),
    negative: list(kpi.negative),
    excluded: list(kpi.excluded),
    target: kpi.target,
  };
}

function findQuestion(code: string) {
  for (const template of SURVEY_TEMPLATES) {
    const question = (template.definition as SurveyDefinition).questions.find((q) => q.code === code);
    if (question) return question;
  }
  return undefined;
}

const fixed = (value: number, places = 4) => value.toFixed(places);
const day = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });
const longDay = (date: string) => day.format(new Date(`${date}T00:00:00Z`));
const PERIOD_NAMES = { quarter: "Quarter", stocktake: "Stocktake half-year", academic_year: "Academic year" } as const;

export default function Methodology() {
  const { kpis, forum, forums } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const w = wilsonExample();
  const change = newcombeExample();
  const breakdown = suppressionExample();
  const primary = breakdown.find((row) => row.rule === "primary");
  const secondary = breakdown.find((row) => row.rule === "secondary");
  const all = breakdown[0];
  const others = breakdown.slice(1).filter((row) => row !== primary);
  const rag = ragExamples();
  const periods = periodExamples();
  const network = networkExample();
  return (
    <>
      <h1 className="heading-l">{t("methodology.title")}</h1>
      <div lang="en" dir="ltr" className="methodology">
        <p className="lead">
          Every figure the forum publishes (on the board&apos;s dashboard, in the board pack, on the results pages, in the CSV and XLSX
          exports and through the API) is made in the same way, set out here. The examples on this page are worked by the same code that
          makes the real figures. Method edition {METHOD_EDITION}.
        </p>
        <nav aria-labelledby="contents">
          <h2 className="heading-s" id="contents">
            Contents
          </h2>
          <ul className="list">
            <li>
              <a href="#kpis">The KPIs and their versions</a>
            </li>
            <li>
              <a href="#interval">How sure we are: the 95% interval</a>
            </li>
            <li>
              <a href="#change">Change since the last period</a>
            </li>
            <li>
              <a href="#sdc">Keeping small groups private (SDC-1)</a>
            </li>
            <li>
              <a href="#rag">Red, amber and green</a>
            </li>
            <li>
              <a href="#periods">Periods</a>
            </li>
            <li>
              <a href="#network">Comparing forums (NB-1)</a>
            </li>
          </ul>
        </nav>

        <h2 className="heading-m" id="kpis">
          The KPIs and their versions
        </h2>
        <p className="body">
          {forum ? `The register of ${forum.name}. ` : "The standard register, which every forum starts with. "}
          Each KPI is the share of answers that count as positive, out of its base. {METHOD_NOTES.n} A forum can change a KPI&apos;s
          definition; that starts a new version, and every period of a trend is then worked out again under the new version, so a trend
          never mixes two definitions.
        </p>
        {forums.length > 0 ? (
          <p className="body">
            Each forum keeps its own register:{" "}
            {forums.map((f, i) => (
              <span key={f.slug}>
                {i > 0 ? ", " : ""}
                <a href={`/methodology?forum=${encodeURIComponent(f.slug)}`}>{f.name}</a>
              </span>
            ))}
            .
          </p>
        ) : null}
        <div className="table-wrap" tabIndex={0} role="region" aria-label="The KPI register">
          <table className="table methodology__register">
            <caption className="visually-hidden">Each KPI: the question, and which answers count</caption>
            <thead>
              <tr>
                <th scope="col">KPI</th>
                <th scope="col">Question asked</th>
                <th scope="col">Counts as positive</th>
                <th scope="col">Counts as negative</th>
                <th scope="col">Left out of the base</th>
                <th scope="col">Version</th>
              </tr>
            </thead>
            <tbody>
              {kpis.map((k) => (
                <tr key={k.id} data-kpi={k.id}>
                  <th scope="row">
                    {k.id} {k.name}
                  </th>
                  <td>
                    {k.index ? `Agrees with at least ${EHCP_QUALITY_INDEX_MINIMUM} of these ${k.questions.length} statements: ` : null}
                    {k.questions.map((q, i) => (
                      <span key={q.code}>
                        {i > 0 ? " | " : ""}
                        {q.wording ?? q.code} <code>{q.code}</code>
                      </span>
                    ))}
                  </td>
                  <td>{k.positive}</td>
                  <td>{k.index ? "not reported" : k.negative}</td>
                  <td>{k.excluded}</td>
                  <td data-version={k.version}>
                    {k.version}
                    {k.since ? ` (from ${longDay(k.since)})` : " (standard)"}
                  </td>
                </tr>
              ))}
              <tr data-kpi={K14.id}>
                <th scope="row">
                  {K14.id} {K14.name}
                </th>
                <td colSpan={4}>
                  From the &ldquo;you said, we did&rdquo; register, not a survey: of the items whose target date fell in the period, the
                  share finished by that date.
                </td>
                <td>1 (standard)</td>
              </tr>
            </tbody>
          </table>
        </div>
        <p className="body">{METHOD_NOTES.pooling}</p>

        <h2 className="heading-m" id="interval">
          How sure we are: the 95% interval
        </h2>
        <p className="body">
          {METHOD_NOTES.interval} The interval is the range the true figure for all families probably lies in, given how many answered. We
          use Wilson&apos;s method because it stays honest with small numbers and near 0% or 100%, where the simpler textbook formula does
          not.
        </p>
        <h3 className="heading-s">Worked example</h3>
        <p className="body" data-example="wilson">
          {w.numerator} of {w.n} parents answered positively, so p = {w.numerator}/{w.n} = {fixed(w.p, 1)}, and z = {w.z}.
        </p>
        <ol className="list">
          <li>
            z² = {fixed(w.z2)}; 1 + z²/n = {fixed(w.denominator)}
          </li>
          <li>centre = (p + z²/2n) / (1 + z²/n) = {fixed(w.centre)}</li>
          <li>half-width = z / (1 + z²/n) × √(p(1 − p)/n + z²/4n²) = {fixed(w.half)}</li>
          <li>
            interval = centre ± half-width = {fixed(w.exact.lower)} to {fixed(w.exact.upper)}
          </li>
        </ol>
        <p className="body" data-published="wilson">
          Published as {formatPercent(w.percent)} ({formatPercent(w.published.lower)} to {formatPercent(w.published.upper)}), n = {w.n}.
          With only {w.n} answers the interval is wide: the true figure could be anywhere in it.
        </p>

        <h2 className="heading-m" id="change">
          Change since the last period
        </h2>
        <p className="body">{METHOD_NOTES.change}</p>
        <p className="body" data-example="newcombe">
          Example: {change.previous.numerator} of {change.previous.n} ({formatPercent(change.previous.percent)}) last period, then{" "}
          {change.latest.numerator} of {change.latest.n} ({formatPercent(change.latest.percent)}) this period. The change is{" "}
          {change.change.difference.toFixed(1)} points, with a 95% interval of {change.change.lower.toFixed(1)} to{" "}
          {change.change.upper.toFixed(1)} points.{" "}
          {change.change.significant
            ? "The interval does not include 0, so this is called a significant change."
            : "The interval includes 0, so this could be chance: it is not called a significant change."}
        </p>

        <h2 className="heading-m" id="sdc">
          Keeping small groups private (SDC-1)
        </h2>
        <ol className="list">
          <li>
            A figure from fewer than {SUPPRESS_BELOW_N} answers is never shown (marked c). {FLAG_MEANINGS.c}
          </li>
          <li>
            When a breakdown hides exactly one group, the next smallest group is hidden too, so the hidden one cannot be worked out by
            subtracting the others from the total. The figure for everyone is never hidden this way.
          </li>
          <li>
            A figure from {SUPPRESS_BELOW_N} to {LOW_RELIABILITY_BELOW_N - 1} answers is shown but marked u: {FLAG_MEANINGS.u}
          </li>
          <li>Breakdowns show one characteristic at a time, never two crossed.</li>
        </ol>
        <h3 className="heading-s">Worked example: a breakdown by the child&apos;s age</h3>
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Disclosure control example">
          <table className="table" data-example="sdc">
            <caption className="visually-hidden">Each age group before and after disclosure control</caption>
            <thead>
              <tr>
                <th scope="col">Group</th>
                <th scope="col">Answers (n)</th>
                <th scope="col">Figure before the rule</th>
                <th scope="col">Published</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {breakdown.map((row) => (
                <tr key={row.value} data-group={row.value} data-flag={row.flag}>
                  <th scope="row">{row.value === "all" ? "All ages" : `Age ${row.value}`}</th>
                  <td>{row.n}</td>
                  <td>{formatPercent(row.before)}</td>
                  <td>{row.flag === "c" ? "c (not shown)" : `${formatPercent(row.after)}${row.flag === "u" ? " u" : ""}`}</td>
                  <td>
                    {row.rule === "primary"
                      ? `Rule 1: fewer than ${SUPPRESS_BELOW_N} answers`
                      : row.rule === "secondary"
                        ? "Rule 2: the smallest other group, hidden with it"
                        : row.flag === "u"
                          ? "Rule 3: low reliability"
                          : "Shown"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {primary && secondary ? (
          <p className="body">
            Without rule 2, anyone could work out the hidden group: {all.n} − {others.map((row) => row.n).join(" − ")} = {primary.n}{" "}
            answers. Hiding the age {secondary.value} group as well leaves two unknowns that cannot be separated.
          </p>
        ) : null}

        <h2 className="heading-m" id="rag">
          Red, amber and green
        </h2>
        <p className="body">{METHOD_NOTES.rag}</p>
        <div className="table-wrap" tabIndex={0} role="region" aria-label="RAG examples">
          <table className="table" data-example="rag">
            <caption className="visually-hidden">Three figures against a target of {rag[0].target}%</caption>
            <thead>
              <tr>
                <th scope="col">Figure</th>
                <th scope="col">95% interval</th>
                <th scope="col">Target</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {rag.map((r) => (
                <tr key={`${r.numerator}-${r.n}`} data-rag={r.rag}>
                  <td>
                    {formatPercent(r.percent)} ({r.numerator} of {r.n})
                  </td>
                  <td>
                    {formatPercent(r.ci.lower)} to {formatPercent(r.ci.upper)}
                  </td>
                  <td>{formatPercent(r.target)}</td>
                  <td>{r.rag}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>

        <h2 className="heading-m" id="periods">
          Periods
        </h2>
        <p className="body">{METHOD_NOTES.periods}</p>
        <p className="body">
          For example, an answer sent on {longDay("2026-12-02")} counts in these periods (the latest half-year has only just begun, so the
          board opens on the latest period that has figures to publish):
        </p>
        <ul className="list" data-example="periods">
          {periods.map((p) => (
            <li key={p.type}>
              {PERIOD_NAMES[p.type]} {p.period}: {longDay(p.start)} to {longDay(p.end)}
            </li>
          ))}
        </ul>

        <h2 className="heading-m" id="network">
          Comparing forums (NB-1)
        </h2>
        <p className="body">
          Every forum asks the same KPI questions, so forums can compare themselves with each other without ever putting their answers
          together. A forum joins the network of forums when one of its admins chooses to (this is recorded in its audit log, and it can
          leave again at any time). From then on it shares only counts: for each survey, KPI and calendar month, how many answered (n), how
          many answered positively and how many negatively. Never an answer, a comment or a breakdown by any group of families. Forums on
          this platform share their counts directly; a forum with a platform of its own sends a file of the same counts, and a later file
          replaces its counts for the months it covers. A forum that has changed how one of the standard KPIs is counted shares nothing for
          that KPI, since its figure would not compare with the others&apos;.
        </p>
        <ol className="list">
          <li>Each forum&apos;s figure adds up its counts over the months of the period, exactly as its own dashboard does.</li>
          <li>
            The network figure adds up the counts of every forum in the network, and has its own 95% interval. It is shown only when at
            least {NETWORK_MINIMUM_FORUMS} forums have answers for that KPI in the period, and at least {SUPPRESS_BELOW_N} answers in all.
          </li>
          <li>
            Each forum sits on a funnel plot: the range its figure would fall in if the forum were just like the network, given how many
            answered. That is Wilson&apos;s interval around the network figure (unrounded) with the forum&apos;s own n, at z = {Z_95} (95%
            limits) and z = {Z_998} (99.8% limits). Fewer answers make a wider funnel.
          </li>
          <li>
            Its position, from the unrounded figures: <strong>above</strong> when its figure is over the 99.8% upper limit,{" "}
            <strong>high</strong> when over the 95% upper limit, <strong>below</strong> when under the 99.8% lower limit,{" "}
            <strong>low</strong> when under the 95% lower limit, otherwise <strong>within</strong>. Forums are listed by their code, never
            ranked: a position says whether a forum differs from the network by more than chance, not which forum is best.
          </li>
          <li>
            The forums of one KPI and period are a breakdown like any other, and rule SDC-1 applies to them, the second rule included; the
            network figure is the breakdown&apos;s total. A forum whose figure is not shown has no limits or position either. While the
            network figure is not shown, no forum has limits or a position, since the limits would give the network figure away.
          </li>
        </ol>
        <h3 className="heading-s">Worked example: five forums in one quarter</h3>
        <p className="body" data-example="network">
          Together {network.total.numerator} of {network.total.n} parents answered positively, so the network figure is{" "}
          {formatPercent(network.network.percent)} (p0 = {fixed(network.p0)}).
        </p>
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Network benchmarking example">
          <table className="table" data-example="funnel">
            <caption className="visually-hidden">Each forum&apos;s figure, its funnel limits and its position</caption>
            <thead>
              <tr>
                <th scope="col">Forum</th>
                <th scope="col">Figure (n)</th>
                <th scope="col">95% limits</th>
                <th scope="col">99.8% limits</th>
                <th scope="col">Position</th>
              </tr>
            </thead>
            <tbody>
              {network.forums.map((row) => (
                <tr key={row.segment_value} data-forum={row.segment_value} data-position={row.position}>
                  <th scope="row">{row.segment_value}</th>
                  <td>
                    {formatPercent(row.percent)} ({row.numerator} of {row.n})
                  </td>
                  <td>
                    {formatPercent(row.funnel95_lower)} to {formatPercent(row.funnel95_upper)}
                  </td>
                  <td>
                    {formatPercent(row.funnel998_lower)} to {formatPercent(row.funnel998_upper)}
                  </td>
                  <td>{row.position}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </>
  );
}
