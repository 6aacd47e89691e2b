import { describe, expect, it } from "vitest";
import { positionOf, visibleQuestions, type Answers } from "~/domain/routing";
import { optionsOf } from "~/domain/survey";
import { parentCarerExperience } from "~/templates";

/** Walks the route page by page, answering each question with `pick`, and returns the bar's values. */
function walk(pick: (code: string, options: string[]) => string): { progress: number[]; captions: string[] } {
  const answers: Answers = {};
  const progress: number[] = [];
  const captions: string[] = [];
  let code: string | undefined = parentCarerExperience.questions[0].code;
  while (code) {
    const position = positionOf(parentCarerExperience, answers, code);
    if (!position) throw new Error(`${code} is not on the route`);
    progress.push(position.progress);
    captions.push(`${position.number} of ${position.total}`);
    const question = parentCarerExperience.questions.find((q) => q.code === code)!;
    const options = optionsOf(question).map((o) => o.code);
    answers[code] = options.length > 0 ? { kind: "options", codes: [pick(code, options)] } : { kind: "text", text: "Fine." };
    const shown = visibleQuestions(parentCarerExperience, answers);
    code = shown[shown.findIndex((q) => q.code === code) + 1]?.code;
  }
  return { progress, captions };
}

describe("the progress bar", () => {
  it("never goes back when an answer brings more questions into the route (a family with an EHC plan)", () => {
    const withPlan = walk((code, options) => (code === "ehcp_stage" ? "final" : options[0]));
    const withoutPlan = walk((_code, options) => options[0]);
    // The family with a plan meets more questions: the route grew during the walk.
    expect(withPlan.progress.length).toBeGreaterThan(withoutPlan.progress.length);
    for (const route of [withPlan, withoutPlan]) {
      for (let i = 1; i < route.progress.length; i++)
        expect(route.progress[i], route.captions.join(", ")).toBeGreaterThan(route.progress[i - 1]);
      expect(route.progress[0]).toBe(0);
      expect(route.progress.at(-1)!).toBeLessThan(100);
    }
  });
});
