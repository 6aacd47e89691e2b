import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { isUiLanguage } from "~/i18n";
import { sameSitePath } from "~/security/same-site-path";
import { languageCookie } from "~/respondent/language.server";

/** Switches the interface language with a plain link, so it works without JavaScript. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const to = url.searchParams.get("to");
  // Only a path on this site: never an open redirect.
  const target = sameSitePath(url.searchParams.get("back"), "/");
  if (!isUiLanguage(to)) return redirect(target);
  return redirect(target, {
    headers: { "Set-Cookie": languageCookie(request, to) },
  });
}
