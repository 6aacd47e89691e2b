import { isUiLanguage, negotiateLanguage, type UiLanguage } from "~/i18n";
import { readCookie, serialiseCookie } from "~/cookies.server";

export const LANGUAGE_COOKIE = "lang";

/** The interface language: the visitor's choice if made, otherwise their browser's. */
export function requestLanguage(request: Request): UiLanguage {
  const chosen = readCookie(request, LANGUAGE_COOKIE);
  if (isUiLanguage(chosen)) return chosen;
  return negotiateLanguage(request.headers.get("Accept-Language"));
}

/** Keeps a language choice for a year, on every page of the site. */
export function languageCookie(request: Request, language: UiLanguage): string {
  return serialiseCookie(request, LANGUAGE_COOKIE, language, { maxAgeSeconds: 365 * 24 * 3600 });
}
