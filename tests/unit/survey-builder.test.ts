/**
 * The survey builder's pure parts: the form ↔ definition conversion, the schema the browser and
 * the server share, the published-code rule, translation completeness and the no-JavaScript steps.
 */
import { describe, expect, it } from "vitest";
import { datesToInstants, instantsToDates, londonMidnight } from "~/domain/periods";
import type { BuilderForm } from "~/domain/survey-builder-form";
import { definitionToForm } from "~/domain/survey-builder-mapping";
import { applyBuilderStep, blankQuestion, parseBuilderStep } from "~/domain/survey-builder-steps";
import { codeChangeMessage, codeChanges, kpisFedBy, translationCompleteness } from "~/domain/survey-diff";
import { formFieldsToObject, SurveyBuilderSchema, SurveyDatesSchema } from "~/schemas/survey-builder";
import { SurveyDefinitionSchema } from "~/schemas/survey-definition";
import { parentCarerExperience, sencoExperience, SURVEY_TEMPLATES } from "~/templates";

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The fields a browser posts for a form without JavaScript: dotted names, ticked boxes only. */
function postedFields(form: BuilderForm): [string, string][] {
  const fields: [string, string][] = [];
  const walk = (value: unknown, name: string) => {
    if (typeof value === "boolean") {
      if (value) fields.push([name, "on"]);
    } else if (Array.isArray(value) && value.every((v) => typeof v === "string") && name.endsWith("anyOf")) {
      for (const v of value) fields.push([name, v]);
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${name}.${i}`));
    } else if (value && typeof value === "object") {
      for (const [key, v] of Object.entries(value)) walk(v, name ? `${name}.${key}` : key);
    } else {
      fields.push([name, String(value)]);
    }
  };
  walk(form, "");
  return fields;
}

function issuesOf(form: BuilderForm): { path: string; message: string }[] {
  const result = SurveyBuilderSchema.safeParse(form);
  if (result.success) return [];
  return result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

function parentForm(): BuilderForm {
  return definitionToForm(clone(parentCarerExperience));
}

describe("form ↔ definition", () => {
  it.each(SURVEY_TEMPLATES.map((t) => [t.slug, t.definition] as const))("%s survives the round trip through the form", (_, definition) => {
    const form = definitionToForm(clone(definition));
    expect(SurveyBuilderSchema.parse(form)).toEqual(SurveyDefinitionSchema.parse(definition));
  });

  it.each(SURVEY_TEMPLATES.map((t) => [t.slug, t.definition] as const))(
    "%s survives a plain form post of every field (no JavaScript)",
    (_, definition) => {
      const posted = formFieldsToObject(postedFields(definitionToForm(clone(definition))));
      expect(SurveyBuilderSchema.parse(posted)).toEqual(SurveyDefinitionSchema.parse(definition));
    },
  );

  it("marks the questions that come from a published version", () => {
    const form = definitionToForm(parentCarerExperience, ["overall_experience"]);
    expect(form.questions[0].origin).toBe("overall_experience");
    expect(form.questions[1].origin).toBe("");
  });

  it("keeps every survey language as a field, empty until translated", () => {
    const form = definitionToForm({ ...clone(sencoExperience), languages: ["en", "ur", "pa"] });
    expect(form.questions[0].title.pa).toBe("");
    const definition = SurveyBuilderSchema.parse(form);
    expect(definition.questions[0].title.pa).toBeUndefined();
    expect(definition.languages).toEqual(["en", "ur", "pa"]);
  });

  it("drops options from a question whose type no longer has them, and keeps them in the form", () => {
    const form = parentForm();
    form.questions[0].type = "text_long";
    const definition = SurveyBuilderSchema.parse(form);
    expect(definition.questions[0].options).toBeUndefined();
    expect(form.questions[0].options.length).toBeGreaterThan(0);
  });

  it("ignores field names that could reach an object's prototype", () => {
    const posted = formFieldsToObject([
      ["__proto__.polluted", "yes"],
      ["title.constructor.prototype.x", "y"],
      ["title.en", "A title"],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(posted).toEqual({ title: { en: "A title" } });
  });
});

describe("the schema the builder and the server share", () => {
  it("refuses routing to a later question", () => {
    const form = parentForm();
    form.questions[0].showWhen = { question: "ehcp_stage", anyOf: ["final"] };
    expect(issuesOf(form)).toContainEqual({
      path: "questions.0.showWhen.question",
      message: "Routing points at ehcp_stage, which is not an earlier question",
    });
  });

  it("refuses routing to a question that does not exist", () => {
    const form = parentForm();
    form.questions[4].showWhen = { question: "no_such_question", anyOf: ["final"] };
    expect(issuesOf(form)).toContainEqual({
      path: "questions.4.showWhen.question",
      message: "Routing points at no_such_question, which is not an earlier question",
    });
  });

  it("refuses routing on an option the earlier question does not offer", () => {
    const form = parentForm();
    form.questions[4].showWhen = { question: "ehcp_stage", anyOf: ["final", "maybe_later"] };
    expect(issuesOf(form)).toContainEqual({
      path: "questions.4.showWhen.anyOf",
      message: "Routing uses maybe_later, which ehcp_stage does not offer",
    });
  });

  it("refuses routing with no answer ticked", () => {
    const form = parentForm();
    form.questions[4].showWhen = { question: "ehcp_stage", anyOf: [] };
    expect(issuesOf(form)).toContainEqual({
      path: "questions.4.showWhen.anyOf",
      message: "Tick at least one answer that leads to this question",
    });
  });

  it("refuses a code used twice, and option codes used twice", () => {
    const form = parentForm();
    form.questions[1].code = "overall_experience";
    form.questions[0].options[1].code = form.questions[0].options[0].code;
    const issues = issuesOf(form);
    expect(issues).toContainEqual({ path: "questions.1.code", message: "The code overall_experience is used twice" });
    expect(issues).toContainEqual({ path: "questions.0.options", message: "Each option needs its own code" });
  });

  it("refuses a changed code on a question loaded from a published version", () => {
    const form = definitionToForm(parentCarerExperience, ["overall_experience"]);
    form.questions[0].code = "overall_rating";
    expect(issuesOf(form)).toEqual([{ path: "questions.0.code", message: codeChangeMessage({ from: "overall_experience" }) }]);
    expect(codeChangeMessage({ from: "overall_experience" })).toBe(
      "The code of a published question cannot change (it was overall_experience). Add a new question instead.",
    );
  });

  it("asks for an English title, an empty code and typed numbers in plain words", () => {
    const form = parentForm();
    form.questions[2].title.en = "  ";
    form.questions[3].code = "";
    form.minutes = "about ten";
    const issues = issuesOf(form);
    expect(issues).toContainEqual({ path: "questions.2.title.en", message: "Enter the English text" });
    expect(issues).toContainEqual({ path: "questions.3.code", message: "Enter a code, for example overall_experience" });
    expect(issues).toContainEqual({ path: "minutes", message: "Enter about how many minutes it takes, as a whole number from 1 to 120" });
    // One message a field, not the form's and the definition's both.
    expect(issues.filter((i) => i.path === "minutes")).toHaveLength(1);
  });

  it("wants English for a hint that has only a translation", () => {
    const form = parentForm();
    form.questions[1].hint = { en: "", ur: "اشارہ" };
    expect(issuesOf(form)).toContainEqual({ path: "questions.1.hint.en", message: "Enter the English text" });
  });

  it("refuses a language code that is not one", () => {
    const form = parentForm();
    form.languages = ["en", "ur", "Urdu"];
    expect(issuesOf(form).map((i) => i.path)).toEqual(["languages"]);
  });

  it("needs two options for a choice question", () => {
    const form = parentForm();
    form.questions[0].options = form.questions[0].options.slice(0, 1);
    expect(issuesOf(form)).toContainEqual({ path: "questions.0.options", message: "Add at least two options" });
  });
});

describe("published codes", () => {
  const published = [clone(parentCarerExperience)];

  it("finds no change when every published code is kept, or a question is removed or added", () => {
    const draft = clone(parentCarerExperience).questions.filter((q) => q.code !== "listened_to");
    draft.push({ code: "respite", type: "yes_no", role: "other", title: { en: "Would a short break help?" }, required: false });
    expect(codeChanges(published, draft)).toEqual([]);
  });

  it("finds a renamed code through the builder's origin", () => {
    const draft = clone(parentCarerExperience).questions;
    draft[1] = { ...draft[1], code: "felt_heard", title: { en: "Completely new wording" } };
    const origins = draft.map((q, i) => (i === 1 ? "listened_to" : q.code));
    expect(codeChanges(published, draft, origins)).toEqual([{ index: 1, from: "listened_to", to: "felt_heard" }]);
  });

  it("finds a rename without an origin by its unchanged type and wording", () => {
    const draft = clone(parentCarerExperience).questions;
    draft[0] = { ...draft[0], code: "overall_rating" };
    expect(codeChanges(published, draft)).toEqual([{ index: 0, from: "overall_experience", to: "overall_rating" }]);
  });

  it("remembers codes from older published versions too", () => {
    const v2 = clone(parentCarerExperience);
    v2.questions = v2.questions.filter((q) => q.code !== "listened_to");
    const draft = clone(parentCarerExperience).questions;
    draft[1] = { ...draft[1], code: "felt_heard" };
    expect(
      codeChanges(
        [v2, ...published],
        draft,
        draft.map((_, i) => (i === 1 ? "listened_to" : "")),
      ),
    ).toEqual([{ index: 1, from: "listened_to", to: "felt_heard" }]);
  });

  it("ignores an origin that no published version has", () => {
    const draft = clone(parentCarerExperience).questions;
    draft[0] = { ...draft[0], code: "brand_new", title: { en: "A new question" } };
    expect(codeChanges(published, draft, ["made_up"])).toEqual([]);
  });
});

describe("translation completeness", () => {
  it("counts every text, and only the translated ones as done", () => {
    const definition = clone(parentCarerExperience);
    const all = translationCompleteness(definition, "ur");
    expect(all.done).toBe(all.total);
    expect(translationCompleteness(definition, "en")).toEqual(all);
    expect(translationCompleteness(definition, "pa")).toEqual(all);
    expect(translationCompleteness(definition, "fa")).toEqual({ done: 0, total: all.total });

    delete definition.questions[0].title.ur;
    definition.questions[0].options![0].label.ur = "   ";
    expect(translationCompleteness(definition, "ur")).toEqual({ done: all.total - 2, total: all.total });
  });

  it("counts a new question's title, hint and options", () => {
    const definition = clone(parentCarerExperience);
    const before = translationCompleteness(definition, "ur");
    definition.questions.push({
      code: "respite",
      type: "single_choice",
      role: "other",
      title: { en: "Would a short break help?" },
      hint: { en: "Respite care" },
      required: false,
      options: [
        { code: "yes", label: { en: "Yes" } },
        { code: "no", label: { en: "No" } },
      ],
    });
    expect(translationCompleteness(definition, "ur")).toEqual({ done: before.done, total: before.total + 4 });
  });
});

describe("which KPI a question feeds", () => {
  it("names the KPI of a question code, both for a plan statement in the index", () => {
    expect(kpisFedBy("overall_experience")).toEqual([{ id: "K1", name: "Overall experience (FFT style)" }]);
    expect(kpisFedBy("plan_outcomes_achievable").map((k) => k.id)).toEqual(["K6", "K6i"]);
    expect(kpisFedBy("plan_needs_accurate").map((k) => k.id)).toEqual(["K6i"]);
    expect(kpisFedBy("district")).toEqual([]);
  });
});

describe("builder steps without JavaScript", () => {
  it("adds a question with a code no other question has", () => {
    const form = parentForm();
    const { form: after } = applyBuilderStep(form, { kind: "add_question" });
    expect(after.questions).toHaveLength(form.questions.length + 1);
    const added = after.questions.at(-1)!;
    expect(form.questions.map((q) => q.code)).not.toContain(added.code);
    expect(Object.keys(added.title)).toEqual(form.languages);
  });

  it("moves, removes and adds options, and ignores steps that point nowhere", () => {
    const form = parentForm();
    const moved = applyBuilderStep(form, parseBuilderStep("move_question:1:up")!).form;
    expect(moved.questions.slice(0, 2).map((q) => q.code)).toEqual(["listened_to", "overall_experience"]);
    expect(applyBuilderStep(form, parseBuilderStep("move_question:0:up")!).form).toBe(form);
    const removed = applyBuilderStep(form, parseBuilderStep("remove_question:0")!).form;
    expect(removed.questions[0].code).toBe("listened_to");
    const withOption = applyBuilderStep(form, parseBuilderStep("add_option:0")!).form;
    expect(withOption.questions[0].options).toHaveLength(form.questions[0].options.length + 1);
    const fewer = applyBuilderStep(form, parseBuilderStep("remove_option:0:0")!).form;
    expect(fewer.questions[0].options[0].code).toBe(form.questions[0].options[1].code);
    expect(parseBuilderStep("remove_question:x")).toBeUndefined();
  });

  it("adds a language by code and refuses one that is not a code, already there, or one parents cannot be served in", () => {
    const form = definitionToForm(sencoExperience);
    expect(applyBuilderStep(form, parseBuilderStep("add_language", " PA ")!).form.languages).toEqual(["en", "ur", "pa"]);
    expect(applyBuilderStep(form, parseBuilderStep("add_language", "fr")!).problem?.message).toContain(
      "Parents cannot yet be served in French",
    );
    expect(applyBuilderStep(form, parseBuilderStep("add_language", "ur")!).problem?.message).toBe(
      "Urdu is already one of this survey's languages",
    );
    expect(applyBuilderStep(form, parseBuilderStep("add_language", "Polish")!).problem?.path).toEqual(["new_language"]);
  });

  it("gives a blank question the survey's languages", () => {
    const question = blankQuestion({ languages: ["en", "ur", "pl"], questions: [] });
    expect(question.title).toEqual({ en: "", ur: "", pl: "" });
    expect(question.code).toBe("question_1");
  });
});

describe("open and close dates", () => {
  it("starts a London day at midnight GMT in winter and BST in summer", () => {
    expect(londonMidnight("2026-12-01")).toBe("2026-12-01T00:00:00.000Z");
    expect(londonMidnight("2026-07-01")).toBe("2026-06-30T23:00:00.000Z");
    // The day the clocks go forward (29 March 2026) starts in GMT.
    expect(londonMidnight("2026-03-29")).toBe("2026-03-29T00:00:00.000Z");
  });

  it("closes after the whole last day, and shows the same dates back", () => {
    const stored = datesToInstants({ opens_on: "2026-06-01", last_day: "2026-10-25" });
    expect(stored).toEqual({ opensAt: "2026-05-31T23:00:00.000Z", closesAt: "2026-10-26T00:00:00.000Z" });
    expect(instantsToDates(stored)).toEqual({ opens_on: "2026-06-01", last_day: "2026-10-25" });
    expect(datesToInstants({ opens_on: "", last_day: "" })).toEqual({ opensAt: null, closesAt: null });
  });

  it("refuses a last day before the first, and dates that do not exist", () => {
    expect(SurveyDatesSchema.safeParse({ opens_on: "2026-06-02", last_day: "2026-06-01" }).error?.issues[0].message).toBe(
      "The last day must be on or after the day it opens",
    );
    expect(SurveyDatesSchema.safeParse({ opens_on: "2026-02-30", last_day: "" }).error?.issues[0].path).toEqual(["opens_on"]);
  });
});
