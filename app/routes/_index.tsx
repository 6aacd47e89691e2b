import { translatedTitle } from "~/i18n/meta";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { localise } from "~/domain/survey";
import { formatLondonDay } from "~/i18n/dates";
import { useTranslation } from "~/i18n/use-translation";
import { listHomeSurveys } from "~/models/published-surveys.server";

export const meta = translatedTitle("home.title");

export async function loader() {
  const { open, upcoming } = await listHomeSurveys(getDb());
  const first = open[0] ?? upcoming[0];
  return {
    forum: first ? { name: first.forumName, colour: first.forumColour } : undefined,
    surveys: open.map((s) => ({
      publicId: s.publicId,
      forumName: s.forumName,
      title: s.definition.title,
      intro: s.definition.intro,
      minutes: s.definition.minutes,
    })),
    upcoming: upcoming.map((s) => ({ publicId: s.publicId, title: s.definition.title, opensAt: s.opensAt ?? "" })),
  };
}

export default function Home() {
  const { surveys, upcoming } = useLoaderData<typeof loader>();
  const { t, language } = useTranslation();
  const forums = [...new Set(surveys.map((s) => s.forumName))];
  return (
    <>
      <h1 className="heading-xl">{t("home.title")}</h1>
      <p className="lead">{t("home.lead")}</p>
      <h2 className="heading-m">{t("home.open")}</h2>
      {surveys.length === 0 ? <p className="body">{t("home.none")}</p> : null}
      {forums.map((forum) => (
        <section key={forum} aria-label={forums.length > 1 ? forum : undefined}>
          {forums.length > 1 ? <h3 className="heading-s">{forum}</h3> : null}
          <ul className="card-list">
            {surveys
              .filter((s) => s.forumName === forum)
              .map((s) => (
                <li className="card" key={s.publicId}>
                  <h3 className="heading-s card__title">
                    <a href={`/s/${s.publicId}`}>{localise(s.title, language)}</a>
                  </h3>
                  <p className="body card__text">{localise(s.intro, language)}</p>
                  <p className="hint">{t("home.minutes", { minutes: s.minutes })}</p>
                </li>
              ))}
          </ul>
        </section>
      ))}
      {upcoming.length > 0 ? (
        <section aria-labelledby="upcoming">
          <h2 className="heading-m" id="upcoming">
            {t("home.upcoming")}
          </h2>
          <ul className="card-list" data-testid="upcoming-surveys">
            {upcoming.map((s) => (
              <li className="card" key={s.publicId}>
                <h3 className="heading-s card__title">
                  <a href={`/s/${s.publicId}`}>{localise(s.title, language)}</a>
                </h3>
                <p className="body card__text">{t("home.opensOn", { date: formatLondonDay(s.opensAt, language) })}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="body">
        <a href="/resume">{t("home.resume")}</a>
      </p>
    </>
  );
}
