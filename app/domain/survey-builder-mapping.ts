import type { LocalText, SurveyDefinition, SurveyQuestion } from "./survey";
import { isChoice, languagesOf, type BuilderForm, type Texts } from "./survey-builder-form";

/** The survey builder's form and the SurveyDefinition it describes, each made from the other. */

// ---------------------------------------------------------------------------------------------
// Form → definition

/** Whole numbers typed into a form, or undefined when left empty; NaN when not a whole number. */
export function typedInteger(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  return /^-?\d{1,9}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

export function typedNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  return /^-?\d{1,12}(\.\d{1,6})?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
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
