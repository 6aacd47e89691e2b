import type { ForumBrand } from "~/root";
import { UI_LANGUAGES, type Translate } from "~/i18n";

/** The site's header; `languages` is false on staff pages, which are in English only. */
export function SiteHeader({
  t,
  brand,
  language,
  path,
  languages,
}: {
  t: Translate;
  brand?: ForumBrand;
  language: string;
  path: string;
  languages: boolean;
}) {
  return (
    <header className="header" style={brand ? { ["--brand" as string]: brand.colour } : undefined}>
      <div className="width-container header__inner">
        <a className="header__name" href="/">
          {brand?.name ?? t("site.tagline")}
        </a>
        {languages ? (
          <nav className="header__languages" aria-label={t("language.choose")}>
            <ul>
              {Object.entries(UI_LANGUAGES).map(([code, info]) => (
                <li key={code}>
                  {code === language ? (
                    <span aria-current="true" lang={code}>
                      {info.name}
                    </span>
                  ) : (
                    <a href={`/language?to=${code}&back=${encodeURIComponent(path)}`} lang={code} hrefLang={code}>
                      {info.name}
                    </a>
                  )}
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </div>
    </header>
  );
}

export function SiteFooter({ t }: { t: Translate }) {
  return (
    <footer className="footer">
      <div className="width-container">
        <ul className="footer__links">
          <li>
            <a href="/resume">{t("site.footer.resume")}</a>
          </li>
          <li>
            <a href="/receipt">{t("site.footer.receipt")}</a>
          </li>
          <li>
            <a href="/you-said-we-did">{t("yswd.footer")}</a>
          </li>
          <li>
            <a href="/methodology">{t("site.footer.methodology")}</a>
          </li>
          <li>
            <a href="/privacy">{t("site.footer.privacy")}</a>
          </li>
          <li>
            <a href="/accessibility">{t("site.footer.accessibility")}</a>
          </li>
          <li>
            <a href="/login">{t("site.footer.staff")}</a>
          </li>
        </ul>
        <p className="footer__note">{t("site.footer.independent")}</p>
      </div>
    </footer>
  );
}
