import type { QuestionType, SurveyDefinition, SurveyQuestion } from "./survey";

/**
 * The survey builder's form: its shape, its limits, and the vocabulary the builder uses.
 *
 * The form mirrors the definition field for field, so an error the definition schema reports at
 * `questions.3.showWhen.question` names the form field of the same path. It differs where a form
 * needs it to: every text holds every survey language (empty when not translated yet), numbers
 * are typed text, routing and options are always present (empty when unused), and each question
 * carries `origin`, the published code it was loaded with, so a renamed code can be refused.
 */

/** Language code → text; every survey language is a key, "" when not written yet. */
export type Texts = Record<string, string>;

export interface BuilderOption {
  code: string;
  label: Texts;
}

export interface BuilderQuestion {
  /** The code this question has in a published version; "" for a question added since. */
  origin: string;
  code: string;
  type: QuestionType;
  role: SurveyQuestion["role"];
  title: Texts;
  hint: Texts;
  required: boolean;
  options: BuilderOption[];
  /** question "" = always asked. */
  showWhen: { question: string; anyOf: string[] };
  maxLength: string;
  min: string;
  max: string;
}

export interface BuilderForm {
  title: Texts;
  intro: Texts;
  audience: SurveyDefinition["audience"];
  minutes: string;
  languages: string[];
  questions: BuilderQuestion[];
  /** Easy read: larger text and faces beside 3-point scales on the public pages. */
  easyRead: boolean;
}

export const MAX_QUESTIONS = 200;
export const MAX_OPTIONS = 100;
export const LANGUAGE_CODE = /^[a-z]{2,3}$/;

/** Languages forums most often translate into, named for staff; any other code is named by Intl. */
export const LANGUAGE_NAMES: Record<string, string> = {
  en: "English",
  ur: "Urdu",
  pa: "Punjabi",
  bn: "Bengali",
  ar: "Arabic",
  pl: "Polish",
  ro: "Romanian",
  so: "Somali",
  ps: "Pashto",
  fa: "Persian",
  ku: "Kurdish",
  ti: "Tigrinya",
  zh: "Chinese",
  uk: "Ukrainian",
  gu: "Gujarati",
  pt: "Portuguese",
  es: "Spanish",
  fr: "French",
};

export function languageName(code: string): string {
  if (LANGUAGE_NAMES[code]) return LANGUAGE_NAMES[code];
  try {
    const name = new Intl.DisplayNames(["en"], { type: "language" }).of(code);
    if (name && name !== code) return name;
  } catch {
    // An unknown code: show it as it is.
  }
  return code;
}

export function isChoice(type: string): boolean {
  return type === "single_choice" || type === "multiple_choice";
}

/** Routing can only follow a question whose answers are options. */
export function canRouteOn(type: string): boolean {
  return isChoice(type) || type === "yes_no";
}

export interface BuilderIssue {
  path: (string | number)[];
  message: string;
}

/** The survey's languages as the form holds them: English first, each once. */
export function languagesOf(form: Pick<BuilderForm, "languages">): string[] {
  const seen = new Set<string>(["en"]);
  for (const language of form.languages ?? []) if (typeof language === "string") seen.add(language.trim());
  return [...seen];
}
