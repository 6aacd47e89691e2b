import * as z from "zod";
import { isCalendarDate } from "~/domain/periods";
import { AUDIENCES, QUESTION_ROLES, QUESTION_TYPES, TEXT_LONG_MAX, type SurveyDefinition } from "~/domain/survey";
import {
  LANGUAGE_CODE,
  languagesOf,
  MAX_OPTIONS,
  MAX_QUESTIONS,
  type BuilderForm,
  type BuilderIssue,
  type Texts,
} from "~/domain/survey-builder-form";
import { formToDefinition, typedInteger, typedNumber } from "~/domain/survey-builder-mapping";
import { codeChangeMessage } from "~/domain/survey-diff";
import { SurveyDefinitionSchema } from "./survey-definition";

/**
 * The survey builder's schemas, and the other survey forms'. The form itself is described in
 * domain/survey-builder-form, and its conversion to and from a SurveyDefinition in
 * domain/survey-builder-mapping.
 *
 * The same schema checks the form in the browser (react-hook-form's zodResolver) and in the
 * action, which receives the same field names from a plain form post.
 */

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
