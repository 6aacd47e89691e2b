import { IntlMessageFormat } from "intl-messageformat";
import { ar } from "./ar";
import { bn } from "./bn";
import { en, type Catalogue, type MessageKey } from "./en";
import { pa } from "./pa";
import { pl } from "./pl";
import { ps } from "./ps";
import { ro } from "./ro";
import { so } from "./so";
import { ur } from "./ur";

export type { MessageKey } from "./en";

/**
 * Languages the interface is offered in, each by its own name, in the order the language list
 * shows them: English, then the languages Birmingham's families speak most. Survey content may
 * offer fewer; it falls back to English. `locale` is what dates and numbers follow.
 */
export const UI_LANGUAGES = {
  en: { name: "English", dir: "ltr", locale: "en-GB" },
  ur: { name: "اردو", dir: "rtl", locale: "ur" },
  pa: { name: "ਪੰਜਾਬੀ", dir: "ltr", locale: "pa" },
  bn: { name: "বাংলা", dir: "ltr", locale: "bn" },
  ar: { name: "العربية", dir: "rtl", locale: "ar" },
  pl: { name: "Polski", dir: "ltr", locale: "pl" },
  ro: { name: "Română", dir: "ltr", locale: "ro" },
  so: { name: "Soomaali", dir: "ltr", locale: "so" },
  ps: { name: "پښتو", dir: "rtl", locale: "ps" },
} as const;
export type UiLanguage = keyof typeof UI_LANGUAGES;

const catalogues: Record<UiLanguage, Catalogue> = { en, ur, pa, bn, ar, pl, ro, so, ps };

/** The locale dates and numbers are written in for a language ("en" is British English). */
export function localeOf(language: string): string {
  return isUiLanguage(language) ? UI_LANGUAGES[language].locale : "en-GB";
}

/** Right-to-left scripts, for survey languages beyond the interface's own. */
const RTL = new Set(["ar", "ur", "ps", "fa", "he", "ckb", "yi"]);

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === "string" && value in UI_LANGUAGES;
}

export function directionOf(language: string): "ltr" | "rtl" {
  return RTL.has(language) ? "rtl" : "ltr";
}

export type Translate = (key: MessageKey, params?: Record<string, string | number | undefined>) => string;

/** Compiled messages, by language and key: parsing ICU syntax once per process is enough. */
const compiled = new Map<string, IntlMessageFormat>();

function compile(language: UiLanguage, key: MessageKey, template: string): IntlMessageFormat {
  const id = `${language}\u0000${key}`;
  let message = compiled.get(id);
  if (!message) {
    // ignoreTag: a "<" in a message is text, never markup.
    message = new IntlMessageFormat(template, localeOf(language), undefined, { ignoreTag: true });
    compiled.set(id, message);
  }
  return message;
}

/**
 * Messages are ICU MessageFormat: `{name}` fills in a value, and a count chooses its words by the
 * language's own plural rules (`{count, plural, one {# item} other {# items}}`; Arabic has six
 * forms, Polish three). A number in a plain `{name}` is written the language's way.
 */
export function translator(language: string): Translate {
  const ui: UiLanguage = isUiLanguage(language) ? language : "en";
  const catalogue = catalogues[ui];
  return (key, params) => {
    const own = catalogue[key] as string | undefined;
    const template = own ?? (en[key] as string | undefined);
    // A message that is not in the catalogue (a bug, not a parent's mistake) shows as it came.
    if (template === undefined) return String(key);
    if (!params && !template.includes("{")) return template;
    const values: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(params ?? {})) {
      if (value === undefined) values[name] = "";
      // A count that picks a plural form stays a number; any other number is written out here.
      else if (typeof value === "number" && !new RegExp(`\\{\\s*${name}\\s*,`).test(template)) values[name] = formatNumber(value, ui);
      else values[name] = value;
    }
    return String(compile(own === undefined ? "en" : ui, key, template).format(values));
  };
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language)).format(value);
}

/** The best interface language for a request with no choice made yet. */
export function negotiateLanguage(acceptLanguage: string | null): UiLanguage {
  if (!acceptLanguage) return "en";
  const wanted = acceptLanguage
    .split(",")
    .map((part) => {
      const [tag, q] = part.trim().split(";q=");
      return { tag: tag.toLowerCase().split("-")[0], q: q ? Number(q) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  return (wanted.find((w) => isUiLanguage(w.tag))?.tag as UiLanguage | undefined) ?? "en";
}
