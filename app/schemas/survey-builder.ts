import * as z from "zod";
import { codeChangeMessage } from "~/domain/survey-diff";
import {
  AUDIENCES,
  QUESTION_ROLES,
  QUESTION_TYPES,
  TEXT_LONG_MAX,
  type LocalText,
  type QuestionType,
  type SurveyDefinition,
  type SurveyQuestion,
} from "~/domain/survey";
import { SurveyDefinitionSchema } from "./survey-definition";

/**
 * The survey builder's form, and its conversion to and from a SurveyDefinition.
 *
 * The form mirrors the definition field for field, so an error the definition schema reports at
 * `questions.3.showWhen.question` names the form field of the same path. It differs where a form
 * needs it to: every text holds every survey language (empty when not translated yet), numbers
 * are typed text, routing and options are always present (empty when unused), and each question
 * carries `origin`, the published code it was loaded with, so a renamed code can be refused.
 *
 * The same schema checks the form in the browser (react-hook-form's zodResolver) and in the
 * action, which receives the same field names from a plain form post.
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

// ---------------------------------------------------------------------------------------------
// The schema

const TextsSchema = z
  .record(z.string().max(10), z.string().max(4000).nullish())
  .optional()
  .transform((texts): Texts => {
    const clean: Texts = {};
    for (const [language, text] of Object.entries(texts ?? {})) clean[language] = text ?? "";
    return clean;
  });

const Flag = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((value) => value === true || value === "on" || value === "true");

/** A checkbox group: a browser sends one value, several, or (react-hook-form, none ticked) false. */
const Ticked = z
  .union([z.array(z.string().max(100)), z.string().max(100), z.boolean()])
  .nullish()
  .transform((value) => (Array.isArray(value) ? value : typeof value === "string" && value !== "" ? [value] : []));

const Typed = z
  .union([z.string().max(20), z.number()])
  .nullish()
  .transform((value) => (value === null || value === undefined ? "" : String(value)));

const BuilderOptionSchema = z.object({
  code: z.string().max(100).default(""),
  label: TextsSchema,
});

const BuilderQuestionSchema = z.object({
  origin: z.string().max(100).default(""),
  code: z.string().max(100).default(""),
  type: z.enum(QUESTION_TYPES, { error: "Choose a question type" }),
  role: z.enum(QUESTION_ROLES, { error: "Choose what the question is for" }),
  title: TextsSchema,
  hint: TextsSchema,
  required: Flag,
  options: z.array(BuilderOptionSchema).max(MAX_OPTIONS, `A question can have at most ${MAX_OPTIONS} options`).default([]),
  showWhen: z.object({ question: z.string().max(100).default(""), anyOf: Ticked }).default({ question: "", anyOf: [] }),
  maxLength: Typed,
  min: Typed,
  max: Typed,
});

/** The form's shape only: what a browser may send, normalised. The rules are in SurveyBuilderSchema. */
export const BuilderFormSchema = z.object({
  title: TextsSchema,
  intro: TextsSchema,
  audience: z.enum(AUDIENCES, { error: "Choose who the survey is for" }),
  minutes: Typed,
  languages: z.array(z.string().max(10)).max(40).default(["en"]),
  questions: z.array(BuilderQuestionSchema).max(MAX_QUESTIONS, `A survey can have at most ${MAX_QUESTIONS} questions`).default([]),
  easyRead: Flag,
});

export interface BuilderIssue {
  path: (string | number)[];
  message: string;
}

/** Whole numbers typed into a form, or undefined when left empty; NaN when not a whole number. */
function typedInteger(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  return /^-?\d{1,9}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

function typedNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  return /^-?\d{1,12}(\.\d{1,6})?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** The survey's languages as the form holds them: English first, each once. */
export function languagesOf(form: Pick<BuilderForm, "languages">): string[] {
  const seen = new Set<string>(["en"]);
  for (const language of form.languages ?? []) if (typeof language === "string") seen.add(language.trim());
  return [...seen];
}

function localText(texts: Texts | undefined, languages: string[]): LocalText {
  const text: LocalText = { en: (texts?.en ?? "").trim() };
  for (const language of languages) {
    if (language === "en") continue;
    const value = (texts?.[language] ?? "").trim();
    if (value) text[language] = value;
  }
  return text;
}

function hasAnyText(texts: Texts | undefined): boolean {
  return Object.values(texts ?? {}).some((value) => (value ?? "").trim() !== "");
}

/**
 * The definition a form describes, without checking it (the builder's live completeness count
 * runs this on every keystroke). Unparseable numbers become NaN for the schema to refuse.
 */
export function formToDefinition(form: BuilderForm): SurveyDefinition {
  const languages = languagesOf(form);
  return {
    title: localText(form.title, languages),
    intro: localText(form.intro, languages),
    audience: form.audience,
    minutes: typedInteger(form.minutes ?? "") ?? Number.NaN,
    languages,
    questions: (form.questions ?? []).map((q): SurveyQuestion => {
      const question: SurveyQuestion = {
        code: (q.code ?? "").trim(),
        type: q.type,
        role: q.role,
        title: localText(q.title, languages),
        required: q.required === true,
      };
      if (hasAnyText(q.hint)) question.hint = localText(q.hint, languages);
      if (isChoice(q.type)) {
        question.options = (q.options ?? []).map((o) => ({ code: (o.code ?? "").trim(), label: localText(o.label, languages) }));
      }
      const target = (q.showWhen?.question ?? "").trim();
      if (target) question.showWhen = { question: target, anyOf: [...(q.showWhen?.anyOf ?? [])] };
      if (q.type === "text_short" || q.type === "text_long") {
        const most = typedInteger(q.maxLength ?? "");
        if (most !== undefined) question.maxLength = most;
      }
      if (q.type === "number") {
        const min = typedNumber(q.min ?? "");
        const max = typedNumber(q.max ?? "");
        if (min !== undefined) question.min = min;
        if (max !== undefined) question.max = max;
      }
      return question;
    }),
    // Written only when set, so a standard survey's definition is the same as before the flag.
    ...(form.easyRead === true ? { easyRead: true } : {}),
  };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Plain words for the few checks whose zod wording a volunteer should not have to decode. */
function plainMessage(issue: z.core.$ZodIssue, definition: SurveyDefinition): string {
  const path = issue.path;
  const last = path[path.length - 1];
  if (path.length === 1 && last === "questions" && issue.code === "too_small") return "Add at least one question";
  if (last === "anyOf" && issue.code === "too_small") return "Tick at least one answer that leads to this question";
  if (last === "code" && valueAt(definition, path) === "") return "Enter a code, for example overall_experience";
  return issue.message;
}

function startsWith(path: readonly PropertyKey[], prefix: readonly PropertyKey[]): boolean {
  return prefix.every((key, i) => String(path[i]) === String(key));
}

/**
 * Every rule a builder form must meet: the form-only checks (typed numbers, language codes, a
 * published code kept) and then the whole-definition schema the server stores and publishes with.
 */
export function checkBuilderForm(form: BuilderForm): { definition: SurveyDefinition; issues: BuilderIssue[] } {
  const issues: BuilderIssue[] = [];
  const minutes = typedInteger(form.minutes);
  if (minutes === undefined || Number.isNaN(minutes) || minutes < 1 || minutes > 120) {
    issues.push({ path: ["minutes"], message: "Enter about how many minutes it takes, as a whole number from 1 to 120" });
  }
  const languages = languagesOf(form);
  languages.forEach((language) => {
    if (!LANGUAGE_CODE.test(language)) {
      issues.push({
        path: ["languages"],
        message: `${language || "An empty code"} is not a language code: use two or three lower-case letters, like ur or pa`,
      });
    }
  });
  form.questions.forEach((q, index) => {
    const code = q.code.trim();
    if (q.origin && code !== q.origin) issues.push({ path: ["questions", index, "code"], message: codeChangeMessage({ from: q.origin }) });
    if (q.type === "text_short" || q.type === "text_long") {
      const most = typedInteger(q.maxLength);
      if (most !== undefined && (Number.isNaN(most) || most < 1 || most > TEXT_LONG_MAX)) {
        issues.push({
          path: ["questions", index, "maxLength"],
          message: `Enter the most characters as a whole number from 1 to ${TEXT_LONG_MAX}, or leave it empty`,
        });
      }
    }
    if (q.type === "number") {
      const min = typedNumber(q.min);
      const max = typedNumber(q.max);
      if (Number.isNaN(min))
        issues.push({ path: ["questions", index, "min"], message: "Enter the smallest number allowed, or leave it empty" });
      if (Number.isNaN(max))
        issues.push({ path: ["questions", index, "max"], message: "Enter the largest number allowed, or leave it empty" });
      if (min !== undefined && max !== undefined && min > max) {
        issues.push({ path: ["questions", index, "max"], message: "The largest number must not be smaller than the smallest" });
      }
    }
  });
  const definition = formToDefinition(form);
  const result = SurveyDefinitionSchema.safeParse(definition);
  if (!result.success) {
    for (const issue of result.error.issues) {
      // Said once: a field the form checks already has its message.
      if (issues.some((known) => startsWith(issue.path, known.path))) continue;
      if (issue.path[0] === "languages" && issues.some((known) => known.path[0] === "languages")) continue;
      issues.push({ path: issue.path as (string | number)[], message: plainMessage(issue, definition) });
    }
  }
  return { definition: result.success ? result.data : definition, issues };
}

/**
 * The builder's schema: a form in, a checked SurveyDefinition out. Issues carry form paths.
 * Database checks (a code renamed since a version was published, even without `origin`) are
 * the server's, in saveDraft and publishDraft.
 */
export const SurveyBuilderSchema = BuilderFormSchema.transform((form, ctx): SurveyDefinition => {
  const { definition, issues } = checkBuilderForm(form);
  for (const issue of issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  return issues.length > 0 ? z.NEVER : definition;
});

// ---------------------------------------------------------------------------------------------
// Definition → form

function textsFor(text: LocalText | undefined, languages: string[]): Texts {
  const texts: Texts = {};
  for (const language of languages) texts[language] = text?.[language] ?? "";
  return texts;
}

/** The form for a definition. `publishedCodes`: codes some published version has, so kept. */
export function definitionToForm(definition: SurveyDefinition, publishedCodes: Iterable<string> = []): BuilderForm {
  const published = new Set(publishedCodes);
  const languages = languagesOf(definition);
  return {
    title: textsFor(definition.title, languages),
    intro: textsFor(definition.intro, languages),
    audience: definition.audience,
    minutes: String(definition.minutes),
    languages,
    questions: definition.questions.map((q) => ({
      origin: published.has(q.code) ? q.code : "",
      code: q.code,
      type: q.type,
      role: q.role,
      title: textsFor(q.title, languages),
      hint: textsFor(q.hint, languages),
      required: q.required,
      options: (q.options ?? []).map((o) => ({ code: o.code, label: textsFor(o.label, languages) })),
      showWhen: { question: q.showWhen?.question ?? "", anyOf: [...(q.showWhen?.anyOf ?? [])] },
      maxLength: q.maxLength === undefined ? "" : String(q.maxLength),
      min: q.min === undefined ? "" : String(q.min),
      max: q.max === undefined ? "" : String(q.max),
    })),
    easyRead: definition.easyRead === true,
  };
}

// ---------------------------------------------------------------------------------------------
// Editing the form: the same steps the browser takes with useFieldArray, for a plain form post

export function blankTexts(languages: string[]): Texts {
  return Object.fromEntries(languagesOf({ languages }).map((language) => [language, ""]));
}

export function blankOption(languages: string[], taken: string[]): BuilderOption {
  let n = taken.length + 1;
  while (taken.includes(`option_${n}`)) n += 1;
  return { code: `option_${n}`, label: blankTexts(languages) };
}

/** A new question with a code no other question has. */
export function blankQuestion(form: Pick<BuilderForm, "languages" | "questions">): BuilderQuestion {
  const taken = new Set(form.questions.map((q) => q.code));
  let n = form.questions.length + 1;
  while (taken.has(`question_${n}`)) n += 1;
  const first = blankOption(form.languages, []);
  return {
    origin: "",
    code: `question_${n}`,
    type: "single_choice",
    role: "other",
    title: blankTexts(form.languages),
    hint: blankTexts(form.languages),
    required: true,
    options: [first, blankOption(form.languages, [first.code])],
    showWhen: { question: "", anyOf: [] },
    maxLength: "",
    min: "",
    max: "",
  };
}

/** What the builder's buttons do, by the `intent` they post. */
export type BuilderStep =
  | { kind: "add_question" }
  | { kind: "remove_question"; question: number }
  | { kind: "move_question"; question: number; direction: "up" | "down" }
  | { kind: "add_option"; question: number }
  | { kind: "remove_option"; question: number; option: number }
  | { kind: "add_language"; language: string };

export function parseBuilderStep(intent: string, newLanguage = ""): BuilderStep | undefined {
  if (intent === "add_question") return { kind: "add_question" };
  if (intent === "add_language") return { kind: "add_language", language: newLanguage.trim().toLowerCase() };
  const parts = intent.split(":");
  const question = Number(parts[1]);
  if (!Number.isInteger(question) || question < 0) return undefined;
  if (parts[0] === "remove_question" && parts.length === 2) return { kind: "remove_question", question };
  if (parts[0] === "move_question" && (parts[2] === "up" || parts[2] === "down"))
    return { kind: "move_question", question, direction: parts[2] };
  if (parts[0] === "add_option" && parts.length === 2) return { kind: "add_option", question };
  const option = Number(parts[2]);
  if (parts[0] === "remove_option" && Number.isInteger(option) && option >= 0) return { kind: "remove_option", question, option };
  return undefined;
}

/** A problem with a new language code, or undefined when it can be added. */
export function languageProblem(code: string, languages: string[]): string | undefined {
  if (!LANGUAGE_CODE.test(code)) return "Enter a language code of two or three lower-case letters, like ur, pa or bn";
  if (languages.includes(code)) return `${languageName(code)} is already one of this survey's languages`;
  return undefined;
}

export function applyBuilderStep(form: BuilderForm, step: BuilderStep): { form: BuilderForm; problem?: BuilderIssue } {
  const questions = [...form.questions];
  const at = "question" in step ? questions[step.question] : undefined;
  switch (step.kind) {
    case "add_question":
      if (questions.length >= MAX_QUESTIONS)
        return { form, problem: { path: ["questions"], message: `A survey can have at most ${MAX_QUESTIONS} questions` } };
      return { form: { ...form, questions: [...questions, blankQuestion(form)] } };
    case "remove_question":
      if (!at) return { form };
      questions.splice(step.question, 1);
      return { form: { ...form, questions } };
    case "move_question": {
      const to = step.direction === "up" ? step.question - 1 : step.question + 1;
      if (!at || to < 0 || to >= questions.length) return { form };
      [questions[step.question], questions[to]] = [questions[to], questions[step.question]];
      return { form: { ...form, questions } };
    }
    case "add_option": {
      if (!at || at.options.length >= MAX_OPTIONS) return { form };
      const option = blankOption(
        form.languages,
        at.options.map((o) => o.code),
      );
      questions[step.question] = { ...at, options: [...at.options, option] };
      return { form: { ...form, questions } };
    }
    case "remove_option": {
      if (!at || !at.options[step.option]) return { form };
      questions[step.question] = { ...at, options: at.options.filter((_, i) => i !== step.option) };
      return { form: { ...form, questions } };
    }
    case "add_language": {
      const languages = languagesOf(form);
      const problem = languageProblem(step.language, languages);
      if (problem) return { form, problem: { path: ["new_language"], message: problem } };
      return { form: { ...form, languages: [...languages, step.language] } };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Plain form posts: dotted field names back into the nested form

const UNSAFE_KEYS = new Set(["__proto__", "prototype", "constructor"]);

/**
 * `questions.3.options.0.label.ur` → the nested object react-hook-form holds. Numeric segments
 * make arrays; a name sent more than once (ticked checkboxes) makes an array of its values.
 */
export function formFieldsToObject(entries: Iterable<[string, unknown]>, skip: readonly string[] = []): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let count = 0;
  for (const [name, raw] of entries) {
    if (++count > 50_000) break;
    if (skip.includes(name) || typeof raw !== "string") continue;
    const keys = name.split(".");
    if (keys.some((key) => key === "" || UNSAFE_KEYS.has(key) || (/^\d+$/.test(key) && Number(key) > 10_000))) continue;
    let node: Record<string, unknown> | unknown[] = root;
    let ok = true;
    for (let i = 0; i < keys.length - 1; i++) {
      const key = keys[i];
      const nextIsIndex = /^\d+$/.test(keys[i + 1]);
      const existing = (node as Record<string, unknown>)[key];
      if (existing === undefined) {
        const created = nextIsIndex ? [] : {};
        (node as Record<string, unknown>)[key] = created;
        node = created;
      } else if (typeof existing === "object" && existing !== null && Array.isArray(existing) === nextIsIndex) {
        node = existing as Record<string, unknown>;
      } else {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    const leaf = keys[keys.length - 1];
    const target = node as Record<string, unknown>;
    const existing = target[leaf];
    if (existing === undefined) target[leaf] = raw;
    else if (Array.isArray(existing) && existing.every((v) => typeof v === "string")) existing.push(raw);
    else if (typeof existing === "string") target[leaf] = [existing, raw];
  }
  return compactArrays(root) as Record<string, unknown>;
}

function compactArrays(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(compactArrays);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = compactArrays(v);
    return out;
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Errors shown next to fields

/** The id of the element a path's error belongs to: the input, or the block for a list. */
export function fieldId(path: readonly (string | number)[]): string {
  return `f-${path.map(String).join("-")}`;
}

/** An issue path as the dotted name react-hook-form and the form fields use. */
export function pathName(path: readonly (string | number)[]): string {
  return path.map(String).join(".");
}

// ---------------------------------------------------------------------------------------------
// Other survey forms: new survey, duplicate, dates

export const SlugSchema = z
  .string({ error: "Enter a short name for the link" })
  .trim()
  .toLowerCase()
  .min(1, "Enter a short name for the link, for example parent-survey-2026")
  .max(60, "The short name must be 60 characters or fewer")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens, like parent-survey-2026");

export const TEMPLATE_CHOICES = ["blank", "parent-carer-experience", "senco-experience", "young-people-easy-read"] as const;

export const NewSurveySchema = z
  .object({
    start: z.enum(TEMPLATE_CHOICES, { error: "Choose how to start" }),
    slug: SlugSchema,
    title: z.string().trim().max(200, "The title must be 200 characters or fewer").default(""),
    audience: z.enum(AUDIENCES).optional(),
  })
  .superRefine((form, ctx) => {
    if (form.start === "blank" && !form.title)
      ctx.addIssue({ code: "custom", path: ["title"], message: "Enter a title for a blank survey" });
    if (form.start === "blank" && !form.audience)
      ctx.addIssue({ code: "custom", path: ["audience"], message: "Choose who the survey is for" });
  });

export const DuplicateSchema = z.object({ slug: SlugSchema });

const LondonDate = z
  .string()
  .trim()
  .max(10)
  .refine((text) => text === "" || isCalendarDate(text), "Enter a real date, like 2026-12-31")
  .default("");

export const SurveyDatesSchema = z.object({ opens_on: LondonDate, last_day: LondonDate }).superRefine((form, ctx) => {
  if (form.opens_on && form.last_day && form.last_day < form.opens_on) {
    ctx.addIssue({ code: "custom", path: ["last_day"], message: "The last day must be on or after the day it opens" });
  }
});

function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

const londonClock = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function londonWallClock(instant: number): string {
  const parts = londonClock.formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
}

/** The instant a London calendar day starts (midnight GMT or BST), as ISO text. */
export function londonMidnight(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  const utcMidnight = Date.UTC(y, m - 1, d);
  // London is GMT or one hour ahead; clocks change at 01:00 UTC, so midnight always exists.
  for (const offsetHours of [0, 1]) {
    const candidate = utcMidnight - offsetHours * 3_600_000;
    if (londonWallClock(candidate) === `${date}T00:00`) return new Date(candidate).toISOString();
  }
  return new Date(utcMidnight).toISOString();
}

function nextDay(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** Form dates → stored instants: open from the start of the first day, closed after the last. */
export function datesToInstants(form: { opens_on: string; last_day: string }): { opensAt: string | null; closesAt: string | null } {
  return {
    opensAt: form.opens_on ? londonMidnight(form.opens_on) : null,
    closesAt: form.last_day ? londonMidnight(nextDay(form.last_day)) : null,
  };
}

/** Stored instants → the London dates the form shows. */
export function instantsToDates(stored: { opensAt: string | null; closesAt: string | null }): { opens_on: string; last_day: string } {
  const day = (instant: number) => londonWallClock(instant).slice(0, 10);
  return {
    opens_on: stored.opensAt ? day(Date.parse(stored.opensAt)) : "",
    last_day: stored.closesAt ? day(Date.parse(stored.closesAt) - 1) : "",
  };
}

const londonDay = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "short", year: "numeric" });

/** "1 Dec 2026" for an opening instant, and the last day for a closing one. */
export function displayDates(stored: { opensAt: string | null; closesAt: string | null }): { opens: string; lastDay: string } {
  return {
    opens: stored.opensAt ? londonDay.format(new Date(stored.opensAt)) : "",
    lastDay: stored.closesAt ? londonDay.format(new Date(Date.parse(stored.closesAt) - 1)) : "",
  };
}

/** How each survey status is shown to staff. */
export const STATUS_TAGS: Record<"draft" | "open" | "closed" | "not_yet_open" | "past_closing", { label: string; className: string }> = {
  draft: { label: "Draft", className: "tag tag--grey" },
  open: { label: "Open", className: "tag" },
  closed: { label: "Closed", className: "tag tag--red" },
  not_yet_open: { label: "Not open yet", className: "tag tag--blue" },
  past_closing: { label: "Closed: last day passed", className: "tag tag--amber" },
};

export const AUDIENCE_NAMES: Record<SurveyDefinition["audience"], string> = {
  parent_carer: "Parents and carers",
  young_person: "Young people",
  senco: "SENCOs and setting SEND leads",
  professional: "Professionals",
};
