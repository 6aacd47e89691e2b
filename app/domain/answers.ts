import * as z from "zod";
import type { Answers, AnswerValue } from "./routing";
import { visibleQuestions } from "./routing";
import { maxLengthOf, optionsOf, type SurveyDefinition, type SurveyQuestion } from "./survey";
import { withoutControlCharacters } from "./plain-text";

/**
 * What can be wrong with one answer. The UI turns each into a sentence in the parent's
 * language; the domain only names the problem.
 */
export type AnswerProblem =
  | { code: "choose_one" }
  | { code: "choose_any" }
  | { code: "not_an_option" }
  | { code: "enter_text" }
  | { code: "too_long"; max: number }
  | { code: "enter_number" }
  | { code: "whole_number" }
  | { code: "number_range"; min?: number; max?: number };

type ParsedAnswer = { ok: true; value: AnswerValue | null } | { ok: false; problem: AnswerProblem };

/** The raw form values for one question: every `answer` field sent, as strings. */
/** Control characters are removed here too, so answers from an import or any other path are as clean as a form's. */
const RawAnswer = z.array(z.string().max(100_000).transform(withoutControlCharacters));

/** Line endings normalised so a phone's \r\n never counts twice against the limit. */
function cleanText(raw: string): string {
  return raw.replace(/\r\n?/g, "\n").trim();
}

/**
 * Parses what a question page sent. `null` is a valid "no answer" for an optional question.
 * Everything a browser could send, including forged values, gets a problem rather than a throw.
 */
/**
 * Digits as a parent's keyboard types them (Arabic-Indic ٣, Persian and Urdu ۳, Bengali ৩,
 * Gurmukhi ੩, Devanagari ३, full-width ３) read as 0–9, so a number in the page's own digits is
 * accepted; the Arabic decimal separator reads as a point.
 */
export function westernDigits(text: string): string {
  return text
    .replace(/[\u0660-\u0669\u06F0-\u06F9\u09E6-\u09EF\u0A66-\u0A6F\u0966-\u096F\uFF10-\uFF19]/g, (digit) => {
      const code = digit.charCodeAt(0);
      const zero = [0x0660, 0x06f0, 0x09e6, 0x0a66, 0x0966, 0xff10].find((start) => code >= start && code <= start + 9) ?? code;
      return String(code - zero);
    })
    .replace(/٫/g, ".");
}

export function parseAnswer(question: SurveyQuestion, raw: unknown): ParsedAnswer {
  const parsed = RawAnswer.safeParse(raw);
  const values = parsed.success ? parsed.data.filter((v) => v !== "") : [];
  if (!parsed.success) return { ok: false, problem: { code: "not_an_option" } };

  switch (question.type) {
    case "single_choice":
    case "yes_no": {
      if (values.length === 0) return question.required ? fail({ code: "choose_one" }) : none();
      const offered = optionsOf(question).map((o) => o.code);
      if (values.length > 1 || !offered.includes(values[0])) return fail({ code: "not_an_option" });
      return ok({ kind: "options", codes: [values[0]] });
    }
    case "multiple_choice": {
      if (values.length === 0) return question.required ? fail({ code: "choose_any" }) : none();
      const offered = optionsOf(question).map((o) => o.code);
      const chosen = [...new Set(values)];
      if (chosen.some((c) => !offered.includes(c))) return fail({ code: "not_an_option" });
      // Keep the survey's option order so exports and receipts read the same way every time.
      return ok({ kind: "options", codes: offered.filter((c) => chosen.includes(c)) });
    }
    case "text_short":
    case "text_long": {
      const text = cleanText(values.join("\n"));
      if (text === "") return question.required ? fail({ code: "enter_text" }) : none();
      const max = maxLengthOf(question);
      if ([...text].length > max) return fail({ code: "too_long", max });
      return ok({ kind: "text", text });
    }
    case "number": {
      const text = westernDigits((values[0] ?? "").trim()).replace(/[,٬]/g, "");
      if (text === "") return question.required ? fail({ code: "enter_number" }) : none();
      if (!/^-?\d+(\.\d+)?$/.test(text)) return fail({ code: "enter_number" });
      const value = Number(text);
      if (!Number.isInteger(value)) return fail({ code: "whole_number" });
      if ((question.min !== undefined && value < question.min) || (question.max !== undefined && value > question.max)) {
        return fail({ code: "number_range", min: question.min, max: question.max });
      }
      return ok({ kind: "number", value });
    }
  }
}

function ok(value: AnswerValue): ParsedAnswer {
  return { ok: true, value };
}
function none(): ParsedAnswer {
  return { ok: true, value: null };
}
function fail(problem: AnswerProblem): ParsedAnswer {
  return { ok: false, problem };
}

export interface SubmissionProblem {
  question: string;
  problem: AnswerProblem | { code: "not_routed" } | { code: "unknown_question" };
}

/**
 * Checks a whole set of answers as it would be submitted: every answer belongs to a question
 * on the respondent's route and is valid for it, and every required question on the route is
 * answered. Used by the check-answers page and by the import, so both hold the same rules.
 */
export function checkSubmission(definition: SurveyDefinition, answers: Answers): SubmissionProblem[] {
  const problems: SubmissionProblem[] = [];
  const shown = visibleQuestions(definition, answers);
  const shownCodes = new Set(shown.map((q) => q.code));
  const known = new Set(definition.questions.map((q) => q.code));
  for (const code of Object.keys(answers)) {
    if (!known.has(code)) problems.push({ question: code, problem: { code: "unknown_question" } });
    else if (!shownCodes.has(code)) problems.push({ question: code, problem: { code: "not_routed" } });
  }
  for (const question of shown) {
    const answer = answers[question.code];
    const result = parseAnswer(question, answer ? rawOf(answer) : []);
    if (!result.ok) problems.push({ question: question.code, problem: result.problem });
  }
  return problems;
}

/** An answer back in the shape a form would send it. */
export function rawOf(answer: AnswerValue): string[] {
  switch (answer.kind) {
    case "options":
      return answer.codes;
    case "text":
      return [answer.text];
    case "number":
      return [String(answer.value)];
  }
}
