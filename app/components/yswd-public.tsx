import { STATUS_TAG_CLASS, type YswdStatus } from "~/domain/yswd";
import { directionOf, localeOf, type Translate } from "~/i18n";
import { en, type MessageKey } from "~/i18n/en";

/**
 * Pieces the public "you said, we did" and results pages share. Every word comes from the
 * message catalogue; the forum's own words (custom themes, item text without a translation)
 * are marked as English so screen readers pronounce them right.
 */

/** A theme's name in the reader's language: the catalogue's for the default themes, else the forum's own label. */
export function themeName(code: string, label: string, t: Translate, language: string): { text: string; lang: string | undefined } {
  const key = `yswd.theme.${code}` as MessageKey;
  if (key in en) return { text: t(key), lang: undefined };
  return { text: label, lang: language === "en" ? undefined : "en" };
}

/** A KPI's name: the catalogue's translation when the register still uses the standard name. */
export function kpiName(id: string, registerName: string, t: Translate, language: string): { text: string; lang: string | undefined } {
  const key = `results.kpi.${id}` as MessageKey;
  if (key in en && en[key] === registerName) return { text: t(key), lang: undefined };
  return { text: registerName, lang: language === "en" ? undefined : "en" };
}

/** The status in words and colour: never colour alone. */
export function StatusBadge({ status, t }: { status: YswdStatus; t: Translate }) {
  return (
    <span className={STATUS_TAG_CLASS[status]} data-status={status}>
      {t(`yswd.status.${status}`)}
    </span>
  );
}

type LocalText = { en: string } & Partial<Record<string, string>>;

/** The segment questions of a survey, as the public pages need them to name groups. */
export type SegmentNames = Record<string, { title: LocalText; options: Record<string, LocalText> }>;

export function segmentNamesOf(definition: {
  questions: { code: string; role: string; title: LocalText; options?: { code: string; label: LocalText }[] }[];
}): SegmentNames {
  const names: SegmentNames = {};
  for (const q of definition.questions) {
    if (q.role !== "segment") continue;
    names[q.code] = { title: q.title, options: Object.fromEntries((q.options ?? []).map((o) => [o.code, o.label])) };
  }
  return names;
}

function pick(text: LocalText, language: string): { text: string; lang: string | undefined } {
  const own = text[language];
  if (own) return { text: own, lang: undefined };
  return { text: text.en, lang: language === "en" ? undefined : "en" };
}

/** What a breakdown is by, e.g. "Area". */
export function segmentTypeName(
  type: string,
  names: SegmentNames,
  t: Translate,
  language: string,
): { text: string; lang: string | undefined } {
  const key = `results.segment.${type}` as MessageKey;
  if (key in en) return { text: t(key), lang: undefined };
  const question = names[type];
  return question ? pick(question.title, language) : { text: type, lang: "en" };
}

/** One group of a breakdown, e.g. "Ladywood", "Not answered", "Urdu". */
export function segmentValueName(
  type: string,
  value: string,
  names: SegmentNames,
  t: Translate,
  language: string,
): { text: string; lang: string | undefined } {
  if (value === "unknown") return { text: t("results.segment.unknown"), lang: undefined };
  if (type === "respondent_role") {
    const key = `results.role.${value}` as MessageKey;
    if (key in en) return { text: t(key), lang: undefined };
  }
  if (type === "mode") {
    const key = `results.mode.${value}` as MessageKey;
    if (key in en) return { text: t(key), lang: undefined };
  }
  if (type === "language") {
    try {
      const name = new Intl.DisplayNames([language], { type: "language" }).of(value);
      if (name) return { text: name, lang: undefined };
    } catch {
      // An unusual code: show it as it is.
    }
    return { text: value, lang: "en" };
  }
  const option = names[type]?.options[value];
  return option ? pick(option, language) : { text: value, lang: "en" };
}

/** "61.2" with one decimal place always, as published figures are written. */
export function oneDecimal(value: number, language: string): string {
  return numberFormat(language, 1).format(value);
}

/** "39.7%" in English, "39,7 %" in Romanian, "৩৯.৭%" in Bengali: a published percent in the reader's own digits and sign. */
export function percentFigure(value: number, language: string): string {
  return numberFormat(language, 1, "percent").format(value / 100);
}

/** A count (a base n) in the reader's own digits and grouping. */
export function wholeNumber(value: number, language: string): string {
  return numberFormat(language, 0).format(value);
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * Figures arrive rounded half away from zero to one decimal place (from exact counts), so the
 * formatter only writes them in the language's way (Bengali and Pashto have their own digits,
 * Polish and Romanian a decimal comma); it never rounds again.
 */
function numberFormat(language: string, decimals: number, style: "decimal" | "percent" = "decimal"): Intl.NumberFormat {
  const id = `${language}|${decimals}|${style}`;
  let format = numberFormats.get(id);
  if (!format) {
    format = new Intl.NumberFormat(localeOf(language), { style, minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    numberFormats.set(id, format);
  }
  return format;
}

/** lang, and dir when it differs in direction, for a block in another language than the page. */
export function langProps(lang: string | undefined): { lang?: string; dir?: "ltr" | "rtl" } {
  if (!lang) return {};
  return { lang, dir: directionOf(lang) };
}

/**
 * Text that must keep its left-to-right order inside a right-to-left sentence (a period label
 * like 2026-H1, a reference, a figure), wrapped in Unicode isolates when the page is RTL.
 */
export function ltr(text: string, language: string): string {
  return directionOf(language) === "rtl" ? `\u2066${text}\u2069` : text;
}
