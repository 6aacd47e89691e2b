import { isUiLanguage, negotiateLanguage, type UiLanguage } from "~/i18n";
import { readCookie } from "~/cookies.server";

export const LANGUAGE_COOKIE = "lang";

/** The interface language: the visitor's choice if made, otherwise their browser's. */
export function requestLanguage(request: Request): UiLanguage {
  const chosen = readCookie(request, LANGUAGE_COOKIE);
  if (isUiLanguage(chosen)) return chosen;
  return negotiateLanguage(request.headers.get("Accept-Language"));
}
