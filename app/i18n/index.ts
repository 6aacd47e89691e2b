import { en, type Catalogue, type MessageKey } from "./en";
import { ur } from "./ur";

export type { MessageKey } from "./en";

/** Languages the interface is offered in. Survey content may offer others; it falls back to English. */
export const UI_LANGUAGES = {
  en: { name: "English", dir: "ltr" },
  ur: { name: "اردو", dir: "rtl" },
} as const;
export type UiLanguage = keyof typeof UI_LANGUAGES;

const catalogues: Record<UiLanguage, Catalogue> = { en, ur };

/** Right-to-left scripts, for survey languages beyond the interface's own. */
const RTL = new Set(["ar", "ur", "ps", "fa", "he", "ckb", "yi"]);

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === "string" && value in UI_LANGUAGES;
}

export function directionOf(language: string): "ltr" | "rtl" {
  return RTL.has(language) ? "rtl" : "ltr";
}

export type Translate = (key: MessageKey, params?: Record<string, string | number | undefined>) => string;

export function translator(language: string): Translate {
  const catalogue = isUiLanguage(language) ? catalogues[language] : en;
  return (key, params) => {
    const template = catalogue[key] ?? en[key];
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = params[name];
      if (value === undefined) return "";
      return typeof value === "number" ? formatNumber(value, language) : value;
    });
  };
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(isUiLanguage(language) ? language : "en").format(value);
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
