import type { MetaFunction } from "@remix-run/node";
import { translator, type MessageKey } from "~/i18n";
import { pageLanguage } from "~/i18n/meta";

/** A page title from the catalogue, in easy read when the page's loader says `easyRead: true`. */
export function titleByReading(standard: MessageKey, easy: MessageKey): MetaFunction {
  return ({ data, matches }) => {
    const easyRead = (data as { easyRead?: unknown } | undefined)?.easyRead === true;
    return [{ title: translator(pageLanguage(matches))(easyRead ? easy : standard) }];
  };
}
