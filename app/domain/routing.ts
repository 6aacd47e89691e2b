import type { SurveyDefinition, SurveyQuestion } from "./survey";

/**
 * Answers as the routing and validation code sees them: question code → option codes, text or
 * number. A question with no entry has not been answered.
 */
export type AnswerValue = { kind: "options"; codes: string[] } | { kind: "text"; text: string } | { kind: "number"; value: number };
export type Answers = Record<string, AnswerValue>;

export function isVisible(question: SurveyQuestion, answers: Answers): boolean {
  const rule = question.showWhen;
  if (!rule) return true;
  const answer = answers[rule.question];
  if (!answer || answer.kind !== "options") return false;
  return answer.codes.some((code) => rule.anyOf.includes(code));
}

/**
 * The questions this respondent is asked, given what they have answered so far. Routing only
 * looks back (a rule names an earlier question), so one pass in order is enough; a question
 * hidden by routing cannot open a later one even if a stale answer to it is still stored.
 */
export function visibleQuestions(definition: SurveyDefinition, answers: Answers): SurveyQuestion[] {
  const shown: SurveyQuestion[] = [];
  const effective: Answers = {};
  for (const question of definition.questions) {
    if (!isVisible(question, effective)) continue;
    shown.push(question);
    const answer = answers[question.code];
    if (answer) effective[question.code] = answer;
  }
  return shown;
}

/** Only the answers to questions the respondent is now routed to. */
export function routedAnswers(definition: SurveyDefinition, answers: Answers): Answers {
  const kept: Answers = {};
  for (const question of visibleQuestions(definition, answers)) {
    const answer = answers[question.code];
    if (answer) kept[question.code] = answer;
  }
  return kept;
}

export interface Position {
  /** 1-based. */
  number: number;
  total: number;
  /** Per cent of the survey's questions that come before this one: never less on a later page. */
  progress: number;
  previous: SurveyQuestion | null;
  next: SurveyQuestion | null;
}

/** Where `code` stands in this respondent's route; null when routing skips it. */
export function positionOf(definition: SurveyDefinition, answers: Answers, code: string): Position | null {
  const shown = visibleQuestions(definition, answers);
  const index = shown.findIndex((q) => q.code === code);
  if (index < 0) return null;
  return {
    number: index + 1,
    total: shown.length,
    // How far through the whole survey this question stands, by its place among all questions:
    // answers that bring more questions into the route never move the bar back.
    progress: Math.round((100 * definition.questions.findIndex((q) => q.code === code)) / definition.questions.length),
    previous: shown[index - 1] ?? null,
    next: shown[index + 1] ?? null,
  };
}

/** The first question on the route with no answer, or null when every one has been seen. */
export function firstUnanswered(definition: SurveyDefinition, answers: Answers, after?: string): SurveyQuestion | null {
  const shown = visibleQuestions(definition, answers);
  const start = after ? shown.findIndex((q) => q.code === after) + 1 : 0;
  return shown.slice(start).find((q) => !answers[q.code]) ?? null;
}
