import {
  LANGUAGE_CODE,
  languageName,
  languagesOf,
  MAX_OPTIONS,
  MAX_QUESTIONS,
  type BuilderForm,
  type BuilderIssue,
  type BuilderOption,
  type BuilderQuestion,
  type Texts,
} from "./survey-builder-form";
import { isUiLanguage } from "~/i18n";

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
  // Only languages the whole journey can be shown in: a parent must never meet English buttons.
  if (!isUiLanguage(code)) {
    return `Parents cannot yet be served in ${languageName(code)}: choose ur (Urdu), pa (Punjabi), bn (Bengali), ar (Arabic), pl (Polish), ro (Romanian), so (Somali) or ps (Pashto)`;
  }
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
