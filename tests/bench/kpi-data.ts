/**
 * Synthetic parents' survey responses for the KPI benchmarks: seeded random answers that follow
 * the survey's routing, spread over three years of London days.
 */
import { isVisible, type Answers } from "~/domain/routing";
import { optionsOf, type SurveyDefinition } from "~/domain/survey";
import { parentCarerExperience } from "~/templates";

export const definition: SurveyDefinition = parentCarerExperience;
export const SURVEY_SLUG = "parent-carer-experience";
/** Three years of London months, December 2023 to November 2026. */
export const FIRST_DAY = Date.UTC(2023, 11, 1);
export const DAYS = 1096;

export const LANGUAGES: [string, number][] = [
  ["en", 0.8],
  ["ur", 0.09],
  ["pa", 0.04],
  ["bn", 0.03],
  ["pl", 0.02],
  ["so", 0.02],
];

export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pickWeighted(random: () => number, weights: [string, number][]): string {
  let r = random();
  for (const [value, weight] of weights) {
    if ((r -= weight) < 0) return value;
  }
  return weights[weights.length - 1][0];
}

/**
 * One respondent's answers, following the survey's routing. Most respondents have a final EHC
 * plan (so they are asked the plan questions) to reach about 20 answers each.
 */
export function sampleAnswers(random: () => number, lean: number): Answers {
  const answers: Answers = {};
  for (const question of definition.questions) {
    if (!isVisible(question, answers)) continue;
    if (question.type === "text_long" || question.type === "text_short") {
      if (random() < 0.4) answers[question.code] = { kind: "text", text: "Quicker answers when we ring the SEND team." };
      continue;
    }
    if (!question.required && random() < 0.04) continue;
    const options = optionsOf(question);
    let code: string;
    if (question.code === "ehcp_stage") {
      code = pickWeighted(random, [
        ["final", 0.8],
        ["sen_support", 0.06],
        ["in_assessment", 0.05],
        ["draft", 0.04],
        ["requested", 0.05],
      ]);
    } else if (question.role === "kpi") {
      // Lean towards the first (most positive) options, more so later in the three years.
      code = options[Math.min(options.length - 1, Math.floor(Math.pow(random(), 1 + lean) * options.length))].code;
    } else {
      code = options[Math.floor(random() * options.length)].code;
    }
    answers[question.code] = { kind: "options", codes: [code] };
  }
  return answers;
}

export function londonDay(day: number): string {
  return new Date(FIRST_DAY + day * 86_400_000).toISOString().slice(0, 10);
}

/** Wall time, and this process's CPU time (which other work on a shared machine does not inflate). */
export async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, value };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
