/**
 * What changes between survey versions, and how far a translation has got. Pure functions: the
 * builder runs them in the browser as the admin types, and the server runs them again before it
 * stores or publishes anything.
 */
import { DEFAULT_KPIS, type KpiDefinition } from "./kpi-definitions";
import type { LocalText, SurveyDefinition, SurveyQuestion } from "./survey";
import { isUiLanguage } from "~/i18n";

/** A question whose code was changed after a version with the old code was published. */
export interface CodeChange {
  /** Position of the question in the draft. */
  index: number;
  /** The code it had in a published version. */
  from: string;
  /** The code the draft gives it. */
  to: string;
}

/** The part of a draft question the code rule looks at. */
interface DraftQuestion {
  code: string;
  type: SurveyQuestion["type"];
  title: { en: string };
}

export function codeChangeMessage(change: Pick<CodeChange, "from">): string {
  return `The code of a published question cannot change (it was ${change.from}). Add a new question instead.`;
}

function sameWords(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();
  return norm(a) === norm(b);
}

/**
 * Codes are the contract that KPIs, imports and exports speak, so a published question keeps its
 * code in every later version: it may be removed, never renamed.
 *
 * A question's identity is its `origin` (the published code it was loaded with) when the builder
 * knows it. Otherwise (JSON edits, and the check again at publish time) a question with a new
 * code that has the same type and English wording as a published question the draft no longer
 * contains is taken to be that question renamed: it disappeared and reappeared under a new code.
 *
 * `published` lists every published version's definition, newest first.
 */
export function codeChanges(
  published: readonly SurveyDefinition[],
  draft: readonly DraftQuestion[],
  origins: readonly (string | null | undefined)[] = [],
): CodeChange[] {
  const publishedCodes = new Set(published.flatMap((d) => d.questions.map((q) => q.code)));
  const draftCodes = new Set(draft.map((q) => q.code));
  // A published question the draft no longer has under its own code: it may have been renamed.
  const claimed = new Set<string>();
  const changes: CodeChange[] = [];
  draft.forEach((question, index) => {
    const origin = origins[index];
    if (origin && publishedCodes.has(origin)) {
      claimed.add(origin);
      if (origin !== question.code) changes.push({ index, from: origin, to: question.code });
    }
  });
  draft.forEach((question, index) => {
    const origin = origins[index];
    if ((origin && publishedCodes.has(origin)) || publishedCodes.has(question.code)) return;
    for (const definition of published) {
      const match = definition.questions.find(
        (p) => !draftCodes.has(p.code) && !claimed.has(p.code) && p.type === question.type && sameWords(p.title.en, question.title.en),
      );
      if (match) {
        claimed.add(match.code);
        changes.push({ index, from: match.code, to: question.code });
        return;
      }
    }
  });
  return changes.sort((a, b) => a.index - b.index);
}

function hasOptions(question: Pick<SurveyQuestion, "type">): boolean {
  return question.type === "single_choice" || question.type === "multiple_choice";
}

/**
 * Every text a translator has to translate: the title, the introduction, and each question's
 * title, hint (when it has one) and option labels. Yes and No come from the app's own catalogue.
 */
function translatableTexts(definition: SurveyDefinition): LocalText[] {
  const texts: LocalText[] = [definition.title, definition.intro];
  for (const question of definition.questions) {
    texts.push(question.title);
    if (question.hint && question.hint.en.trim()) texts.push(question.hint);
    if (hasOptions(question)) for (const option of question.options ?? []) texts.push(option.label);
  }
  return texts;
}

/** How many of the survey's texts have a `language` version: "Urdu: 47 of 52 texts". */
export function translationCompleteness(definition: SurveyDefinition, language: string): { done: number; total: number } {
  const texts = translatableTexts(definition);
  const done = texts.filter((text) => (text[language] ?? "").trim() !== "").length;
  return { done, total: texts.length };
}

export type LanguageProblem =
  { language: string; kind: "not_served" } | { language: string; kind: "incomplete"; done: number; total: number };

/**
 * Why a survey cannot yet be published in each of its languages: the interface cannot be shown
 * in it (a parent would meet English buttons and errors), or some of its texts are missing (a
 * parent would meet an English question).
 */
export function languageProblems(definition: SurveyDefinition): LanguageProblem[] {
  const problems: LanguageProblem[] = [];
  for (const language of definition.languages) {
    if (language === "en") continue;
    if (!isUiLanguage(language)) {
      problems.push({ language, kind: "not_served" });
      continue;
    }
    const { done, total } = translationCompleteness(definition, language);
    if (done < total) problems.push({ language, kind: "incomplete", done, total });
  }
  return problems;
}

/** The KPIs in the register that count answers to this question code. */
export function kpisFedBy(code: string, kpis: readonly KpiDefinition[] = DEFAULT_KPIS): { id: string; name: string }[] {
  return kpis.filter((kpi) => kpi.question === code || (kpi.questions ?? []).includes(code)).map((kpi) => ({ id: kpi.id, name: kpi.name }));
}
