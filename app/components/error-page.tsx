import type { Translate } from "~/i18n";

export function ErrorPage({ title, body, t }: { title: string; body: string; t: Translate }) {
  return (
    <>
      <h1 className="heading-l">{title}</h1>
      <p className="body">{body}</p>
      <p className="body">
        <a href="/">{t("done.home")}</a>
      </p>
    </>
  );
}
