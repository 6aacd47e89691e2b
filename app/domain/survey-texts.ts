/**
 * A survey's translatable texts by stable key, for translators who work outside the platform:
 * the rows of the file they are sent, the definition with their translations put in, and the
 * definition without a language. Pure functions.
 *
 * A key names a text by the codes that never change once published, never by its position:
 * `survey.title`, `survey.intro`, `q.<question>.title`, `q.<question>.hint` and
 * `q.<question>.option.<option>`. Codes are lower-case letters, digits and underscores, so the
 * dots cannot be confused with a code.
 */
import { csvRow, CSV_BOM, CSV_LINE_END } from "./csv";
import type { LocalText, SurveyDefinition } from "./survey";

export interface SurveyText {
  key: string;
  text: LocalText;
}

/** The columns of the file a translator is sent, in order. */
export const TRANSLATION_COLUMNS = ["key", "english", "language", "translation"] as const;
export type TranslationColumn = (typeof TRANSLATION_COLUMNS)[number];

export type TranslationRow = Record<TranslationColumn, string>;

function hasOptions(type: string): boolean {
  return type === "single_choice" || type === "multiple_choice";
}

/**
 * Every text a translator has to translate, in the order a parent meets them: the same texts
 * the builder's "Urdu: 47 of 52 texts" counts (a hint only when it has English; Yes and No come
 * from the app's own catalogue).
 */
export function surveyTexts(definition: SurveyDefinition): SurveyText[] {
  const texts: SurveyText[] = [
    { key: "survey.title", text: definition.title },
    { key: "survey.intro", text: definition.intro },
  ];
  for (const question of definition.questions) {
    texts.push({ key: `q.${question.code}.title`, text: question.title });
    if (question.hint && question.hint.en.trim()) texts.push({ key: `q.${question.code}.hint`, text: question.hint });
    if (hasOptions(question.type)) {
      for (const option of question.options ?? []) texts.push({ key: `q.${question.code}.option.${option.code}`, text: option.label });
    }
  }
  return texts;
}

/** What a key names, in words for the import's report: "question listened_to, option agree". */
export function describeKey(key: string): string {
  if (key === "survey.title") return "the survey's title";
  if (key === "survey.intro") return "the survey's introduction";
  const match = /^q\.([a-z0-9_]+)\.(title|hint|option\.([a-z0-9_]+))$/.exec(key);
  if (!match) return key;
  if (match[3]) return `question ${match[1]}, option ${match[3]}`;
  return `question ${match[1]}, its ${match[2]}`;
}

/** The rows of the file for one language: the English, and the translation the survey has so far. */
export function translationRows(definition: SurveyDefinition, language: string): TranslationRow[] {
  return surveyTexts(definition).map(({ key, text }) => ({ key, english: text.en, language, translation: text[language] ?? "" }));
}

/** The file as CSV: UTF-8 with a byte order mark, so Excel shows every script; cells safe to open. */
export function translationCsv(definition: SurveyDefinition, language: string): string {
  const lines = [
    csvRow([...TRANSLATION_COLUMNS]),
    ...translationRows(definition, language).map((row) => csvRow(TRANSLATION_COLUMNS.map((c) => row[c]))),
  ];
  return CSV_BOM + lines.join(CSV_LINE_END) + CSV_LINE_END;
}

/**
 * csvCell puts an apostrophe before text that starts like a formula; a cell read back from a
 * CSV this site wrote loses it again, so "- none" comes back as it went out.
 */
export function withoutFormulaGuard(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/** The same English, whatever a spreadsheet did to its spaces and line ends. */
export function sameEnglish(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, " ").trim();
  return norm(a) === norm(b);
}

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The texts of a (copied) definition by key, to write into. */
function textsByKey(definition: SurveyDefinition): Map<string, LocalText> {
  return new Map(surveyTexts(definition).map(({ key, text }) => [key, text]));
}

/**
 * The definition with `translations` (key → text) in `language`, which is added to the survey's
 * languages if it is new; and how many texts now read differently. Keys the survey does not
 * have are ignored (the report refuses them before this is called).
 */
export function withTranslations(
  definition: SurveyDefinition,
  language: string,
  translations: ReadonlyMap<string, string>,
): { definition: SurveyDefinition; changed: number; added: boolean } {
  const next = copy(definition);
  const texts = textsByKey(next);
  let changed = 0;
  for (const [key, value] of translations) {
    const text = texts.get(key);
    if (!text) continue;
    // Stored trimmed, as the builder stores what is typed into it.
    const trimmed = value.trim();
    // An empty cell takes nothing away (the report refuses one before this is called).
    if (!trimmed || text[language] === trimmed) continue;
    text[language] = trimmed;
    changed += 1;
  }
  const added = language !== "en" && !next.languages.includes(language);
  if (added) next.languages = [...next.languages, language];
  return { definition: next, changed, added };
}

/** Every piece of text a definition holds, the hidden ones included. */
function everyText(definition: SurveyDefinition): LocalText[] {
  const texts: LocalText[] = [definition.title, definition.intro];
  for (const question of definition.questions) {
    texts.push(question.title);
    if (question.hint) texts.push(question.hint);
    for (const option of question.options ?? []) texts.push(option.label);
  }
  return texts;
}

/** The definition with each of its texts replaced by what `change` makes of it. */
function mapTexts(definition: SurveyDefinition, change: (text: LocalText) => LocalText): SurveyDefinition {
  return {
    ...definition,
    title: change(definition.title),
    intro: change(definition.intro),
    questions: definition.questions.map((question) => ({
      ...question,
      title: change(question.title),
      ...(question.hint ? { hint: change(question.hint) } : {}),
      ...(question.options ? { options: question.options.map((option) => ({ ...option, label: change(option.label) })) } : {}),
    })),
  };
}

/** How many translated texts removing `language` takes away. */
export function translatedTextCount(definition: SurveyDefinition, language: string): number {
  if (language === "en") return 0;
  return everyText(definition).filter((text) => (text[language] ?? "").trim() !== "").length;
}

/**
 * The definition without `language`: no longer offered, and none of its texts kept (a draft
 * that still held them would offer nothing but carry them into every copy). English is the
 * source every other language is translated from, so it is never removed.
 */
export function withoutLanguage(definition: SurveyDefinition, language: string): { definition: SurveyDefinition; removed: number } {
  if (language === "en") throw new Error("English is the survey's source language and cannot be removed");
  const next = mapTexts(
    copy(definition),
    (text) => Object.fromEntries(Object.entries(text).filter(([key]) => key !== language)) as LocalText,
  );
  next.languages = definition.languages.filter((l) => l !== language);
  return { definition: next, removed: translatedTextCount(definition, language) };
}
