import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { langProps, StatusBadge, themeName } from "~/components/yswd-public";
import { getDb } from "~/db.server";
import { localise } from "~/domain/survey";
import { THEME_CODE_PATTERN } from "~/domain/themes";
import { formatDay, isYswdStatus, localisedField, YSWD_STATUSES, type YswdStatus } from "~/domain/yswd";
import { translator } from "~/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { listThemes } from "~/models/moderation-themes.server";
import { evidenceSurveys } from "~/models/yswd/choices.server";
import { listPublicItems, resolvePublicForum } from "~/models/yswd/public.server";
import { requestLanguage } from "~/respondent/language.server";
import { notFound } from "~/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.pageTitle ?? "You said, we did" },
  ...(data?.kind === "forum"
    ? [{ tagName: "link", rel: "alternate", type: "application/atom+xml", href: data.feedHref, title: data.pageTitle }]
    : []),
];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const db = getDb();
  const t = translator(requestLanguage(request));
  const pageTitle = t("yswd.title");
  const resolved = await resolvePublicForum(db, url.searchParams.get("forum"));
  if (resolved.kind === "none") throw notFound();
  if (resolved.kind === "choose") {
    return { kind: "choose" as const, pageTitle, forums: resolved.forums.map((f) => ({ slug: f.slug, name: f.name })) };
  }
  const theme = url.searchParams.get("theme") ?? "";
  const status = url.searchParams.get("status") ?? "";
  // The filters come from select boxes: anything else was typed into the address.
  if ((theme && !THEME_CODE_PATTERN.test(theme)) || (status && !isYswdStatus(status))) throw json(null, { status: 400 });
  const { forum, qualified } = resolved;
  const items = await listPublicItems(db, forum.id, { theme: theme || undefined, status: (status || undefined) as YswdStatus | undefined });
  const surveys = await evidenceSurveys(db, forum.id);
  const forumQuery = qualified ? `?forum=${encodeURIComponent(forum.slug)}` : "";
  return {
    kind: "forum" as const,
    pageTitle,
    forum: { name: forum.name, colour: forum.colour },
    forumSlug: qualified ? forum.slug : null,
    forumQuery,
    feedHref: `/you-said-we-did.atom${forumQuery}`,
    themes: await listThemes(db, forum.id),
    filter: { theme, status },
    surveys: surveys.map((s) => ({ publicId: s.publicId, title: s.definition.title })),
    items: items.map((i) => ({
      reference: i.reference,
      title: i.title,
      saidPlain: i.saidPlain,
      translations: i.translations,
      status: i.status,
      raisedOn: i.raisedOn,
      themes: i.themes,
    })),
  };
}

export default function YouSaidWeDid() {
  const data = useLoaderData<typeof loader>();
  const { t, language } = useTranslation();
  if (data.kind === "choose") {
    return (
      <>
        <h1 className="heading-xl">{t("yswd.title")}</h1>
        <h2 className="heading-m">{t("yswd.chooseForum")}</h2>
        <ul className="list">
          {data.forums.map((f) => (
            <li key={f.slug}>
              <a href={`/you-said-we-did?forum=${encodeURIComponent(f.slug)}`} {...langProps("en")}>
                {f.name}
              </a>
            </li>
          ))}
        </ul>
      </>
    );
  }
  const { items, themes, filter, forumQuery } = data;
  const themeOrder = new Map(themes.map((th, i) => [th.code, i]));
  // Each card sits under one theme: the one filtered on, else the item's first.
  const groups = new Map<string, typeof items>();
  for (const item of items) {
    const key = filter.theme || item.themes[0]?.code || "";
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const groupKeys = [...groups.keys()].sort((a, b) =>
    a === "" ? 1 : b === "" ? -1 : (themeOrder.get(a) ?? 999) - (themeOrder.get(b) ?? 999),
  );
  const itemHref = (reference: string) => `/you-said-we-did/${reference}${forumQuery}`;

  return (
    <>
      <h1 className="heading-xl">{t("yswd.title")}</h1>
      <p className="lead">{t("yswd.lead")}</p>

      <form method="get" className="yswd-filter" aria-labelledby="filter-heading">
        <h2 className="heading-s" id="filter-heading">
          {t("yswd.filter.heading")}
        </h2>
        {data.forumSlug ? <input type="hidden" name="forum" value={data.forumSlug} /> : null}
        <div className="yswd-filter__fields">
          <div className="form-group">
            <label className="label" htmlFor="theme">
              {t("yswd.filter.theme")}
            </label>
            <select className="select" id="theme" name="theme" defaultValue={filter.theme}>
              <option value="">{t("yswd.filter.allThemes")}</option>
              {themes.map((th) => {
                const name = themeName(th.code, th.label, t, language);
                return (
                  <option key={th.code} value={th.code} lang={name.lang}>
                    {name.text}
                  </option>
                );
              })}
            </select>
          </div>
          <div className="form-group">
            <label className="label" htmlFor="status">
              {t("yswd.filter.status")}
            </label>
            <select className="select" id="status" name="status" defaultValue={filter.status}>
              <option value="">{t("yswd.filter.allStatuses")}</option>
              {YSWD_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`yswd.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit" className="button button--secondary">
          {t("yswd.filter.button")}
        </button>
        {filter.theme || filter.status ? (
          <p className="body">
            <a href={`/you-said-we-did${forumQuery}`}>{t("yswd.filter.clear")}</a>
          </p>
        ) : null}
      </form>

      <p className="body" role="status">
        {t("yswd.count", { count: items.length })}
      </p>
      {items.length === 0 ? <p className="body">{filter.theme || filter.status ? t("yswd.noneFiltered") : t("yswd.none")}</p> : null}

      {groupKeys.map((key) => {
        const theme = themes.find((th) => th.code === key);
        const heading = theme ? themeName(theme.code, theme.label, t, language) : { text: t("yswd.theme.other"), lang: undefined };
        return (
          <section key={key || "other"} aria-labelledby={`theme-${key || "other"}`}>
            <h2 className="heading-m" id={`theme-${key || "other"}`} {...langProps(heading.lang)}>
              {heading.text}
            </h2>
            <ul className="card-list yswd-cards">
              {(groups.get(key) ?? []).map((item) => {
                const title = localisedField(item.title, item.translations, "title", language) ?? {
                  text: item.title,
                  lang: language === "en" ? undefined : "en",
                };
                const said = localisedField(item.saidPlain, item.translations, "saidPlain", language);
                return (
                  <li className="card yswd-card" key={item.reference} data-testid="yswd-card">
                    <h3 className="heading-s card__title">
                      <a href={itemHref(item.reference)} {...langProps(title.lang)}>
                        {title.text}
                      </a>
                    </h3>
                    <p className="yswd-card__meta">
                      <StatusBadge status={item.status} t={t} /> <span className="yswd-reference">{item.reference}</span>
                    </p>
                    {said ? (
                      <p className="body card__text" {...langProps(said.lang)}>
                        {said.text}
                      </p>
                    ) : null}
                    <p className="hint">{t("yswd.card.raised", { date: formatDay(item.raisedOn, language) })}</p>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}

      <p className="body">
        <a href={data.feedHref}>{t("yswd.feed")}</a>
      </p>
      {data.surveys.length > 0 ? (
        <>
          <h2 className="heading-m">{t("yswd.resultsHeading")}</h2>
          <ul className="list">
            {data.surveys.map((s) => (
              <li key={s.publicId}>
                <a href={`/results/${s.publicId}`} {...langProps(s.title[language] ? undefined : "en")}>
                  {localise(s.title, language)}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
