import { parseAnswer, type AnswerProblem } from "../answers";
import type { Answers, AnswerValue } from "../routing";
import { optionsOf, type SurveyQuestion } from "../survey";

type CellRead = { ok: true; value: AnswerValue | null } | { ok: false; message: string };

/** One cell as an answer, by the question's own rules (parseAnswer), with a message the volunteer can act on. */
export function readCell(question: SurveyQuestion, cell: string): CellRead {
  const value = cell.trim();
  if (value === "") return { ok: true, value: null };
  const options = optionsOf(question);
  let raw: string[];
  switch (question.type) {
    case "single_choice":
    case "yes_no": {
      const code = optionCode(question, value);
      if (code) {
        raw = [code];
        break;
      }
      const parts = splitChoices(value);
      if (parts.length > 1 && parts.every((p) => optionCode(question, p))) {
        return { ok: false, message: `${question.code} takes one answer, but this cell has ${parts.length}: "${value}". Keep one.` };
      }
      return { ok: false, message: notAnOptionMessage(question, value) };
    }
    case "multiple_choice": {
      // A label that itself contains ";" still counts as one answer.
      const whole = optionCode(question, value);
      const parts = whole ? [whole] : splitChoices(value);
      const unknown = parts.filter((p) => !optionCode(question, p));
      if (unknown.length > 0) {
        const listed = unknown.map((u) => `"${u}"`).join(", ");
        return {
          ok: false,
          message: `${listed} ${unknown.length === 1 ? "is not an answer" : "are not answers"} to ${question.code}. Use any of: ${describeOptions(options)}, separated by ";".`,
        };
      }
      raw = parts.flatMap((p) => optionCode(question, p) ?? []);
      break;
    }
    case "text_short":
    case "text_long":
      raw = [cell];
      break;
    case "number":
      raw = [value];
      break;
  }
  const parsed = parseAnswer({ ...question, required: false }, raw);
  if (parsed.ok) return { ok: true, value: parsed.value };
  return { ok: false, message: answerProblemMessage(question, parsed.problem, value) };
}

/** An option code given as its code or its exact English label (spaces around it forgiven). */
function optionCode(question: SurveyQuestion, value: string): string | undefined {
  const options = optionsOf(question);
  return (options.find((o) => o.code === value) ?? options.find((o) => o.label.en.trim() === value))?.code;
}

function splitChoices(value: string): string[] {
  return value
    .split(";")
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

export function describeOptions(options: readonly { code: string; label: { en: string } }[]): string {
  return options.map((o) => `${o.code} (${o.label.en})`).join(", ");
}

function notAnOptionMessage(question: SurveyQuestion, value: string): string {
  return `"${value}" is not an answer to ${question.code}. Use one of: ${describeOptions(optionsOf(question))}.`;
}

function answerProblemMessage(question: SurveyQuestion, problem: AnswerProblem, value: string): string {
  switch (problem.code) {
    case "too_long": {
      const length = [...value.replace(/\r\n?/g, "\n")].length;
      return `The answer to ${question.code} is ${length.toLocaleString("en-GB")} characters long; the most it takes is ${problem.max.toLocaleString("en-GB")}. Shorten it.`;
    }
    case "enter_number":
      return `"${value}" is not a number. ${question.code} takes a whole number.`;
    case "whole_number":
      return `"${value}" is not a whole number. ${question.code} takes a whole number.`;
    case "number_range": {
      const range =
        problem.min !== undefined && problem.max !== undefined
          ? `from ${problem.min} to ${problem.max}`
          : problem.min !== undefined
            ? `of at least ${problem.min}`
            : `of at most ${problem.max}`;
      return `${value} is outside what ${question.code} accepts: a whole number ${range}.`;
    }
    case "not_an_option":
    case "choose_one":
    case "choose_any":
      return notAnOptionMessage(question, value);
    case "enter_text":
      return `${question.code} needs some text.`;
  }
}

export function submissionMessage(
  question: SurveyQuestion,
  problem: AnswerProblem | { code: "not_routed" } | { code: "unknown_question" },
  answers: Answers,
  hasColumn: boolean,
): string {
  const rule = question.showWhen;
  const ruleValue = rule ? describeAnswer(answers[rule.question]) : "";
  const askedWhen = rule ? `it is asked only when ${rule.question} is ${orList(rule.anyOf)}` : "";
  switch (problem.code) {
    case "not_routed":
      return rule
        ? `${question.code} is answered but routing skips it because ${rule.question} is ${ruleValue} (${askedWhen}). Leave the cell empty, or correct ${rule.question}.`
        : `${question.code} is answered but routing skips it for this response. Leave the cell empty.`;
    case "choose_one":
    case "choose_any":
    case "enter_text":
    case "enter_number": {
      const because = rule ? ` for this response because ${rule.question} is ${ruleValue}` : "";
      return hasColumn
        ? `${question.code} is required${because}, but the cell is empty.`
        : `${question.code} is required${because}, but the file has no ${question.code} column.`;
    }
    case "unknown_question":
      return `${question.code} is not a question in this survey.`;
    default:
      return answerProblemMessage(question, problem, "");
  }
}

function describeAnswer(answer: AnswerValue | undefined): string {
  if (!answer) return "empty";
  switch (answer.kind) {
    case "options":
      return answer.codes.join(" and ");
    case "text":
      return `"${answer.text}"`;
    case "number":
      return String(answer.value);
  }
}

function orList(items: string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}
