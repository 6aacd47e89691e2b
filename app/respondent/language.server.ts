import { isUiLanguage, negotiateLanguage, type UiLanguage } from "~/i18n";
import { readCookie, serialiseCookie } from "~/cookies.server";

export const LANGUAGE_COOKIE = "lang";

/**
 * Staff pages (the admin area, the board, accounts and signing in) are written in English only:
 * they say so (`lang="en"`) whatever language a visitor chose for the public pages.
 */
const STAFF_AREAS = ["admin", "board", "account", "login", "logout", "reset", "join"];

export function isStaffPage(pathname: string): boolean {
  return STAFF_AREAS.includes(pathname.split("/")[1] ?? "");
}

/** The language a page is rendered in: English on staff pages, otherwise the visitor's. */
export function pageLanguageOf(request: Request): UiLanguage {
  return isStaffPage(new URL(request.url).pathname) ? "en" : requestLanguage(request);
}

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
