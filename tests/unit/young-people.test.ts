/**
 * The young people's easy read survey and its KPIs: the template's shape (codes, 3-point scales,
 * translations, the easy read flag), the faces its pages draw, and K1_YP, K2_YP and K13_YP, which
 * The KPI contract wants "reported separately, never pooled" with K1, K2 and K13.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_KPIS } from "~/domain/kpi-definitions";
import { scoreCounts } from "~/domain/kpi-scoring";
import { easyReadFaces, optionsOf, type SurveyDefinition } from "~/domain/survey";
import { definitionToForm } from "~/domain/survey-builder-mapping";
import { checkKpiDefinition, KpiDefinitionError } from "~/models/kpi-register.server";
import { SurveyBuilderSchema, TEMPLATE_CHOICES } from "~/schemas/survey-builder";
import { SurveyDefinitionSchema } from "~/schemas/survey-definition";
import { parentCarerExperience, sencoExperience, SURVEY_TEMPLATES, youngPeopleEasyRead } from "~/templates";

const URDU_SCRIPT = /[\u0600-\u06FF]/;
const LANGUAGES = ["en", "ur", "pa", "bn", "ar", "pl", "ro", "so", "ps"];
/** A letter each translation's script must show (tests/unit/templates.test.ts checks the scripts closely). */
const SCRIPTS: Record<string, RegExp> = {
  ur: URDU_SCRIPT,
  pa: /\p{Script=Gurmukhi}/u,
  bn: /\p{Script=Bengali}/u,
  ar: /[\u0600-\u06FF]/,
  pl: /[a-ząćęłńóśźż]/i,
  ro: /[a-zăâîșț]/i,
  so: /[a-z]/i,
  ps: /[\u0600-\u06FF]/,
};
/** Sentences end in ".", "?" or "!", or in the Urdu, Arabic, Gurmukhi and Bengali marks "۔", "؟" and "।". */
const sentencesOf = (text: string) => text.split(/(?<=[.?!۔؟।])\s+/).filter(Boolean);
const question = (definition: SurveyDefinition, code: string) => definition.questions.find((q) => q.code === code)!;
const optionCodes = (code: string) => optionsOf(question(youngPeopleEasyRead, code)).map((o) => o.code);
const kpi = (id: string) => DEFAULT_KPIS.find((k) => k.id === id)!;

describe("the young-people-easy-read template", () => {
  it("is exported like the others and offered when creating a survey", () => {
    expect(SURVEY_TEMPLATES.find((t) => t.slug === "young-people-easy-read")?.definition).toBe(youngPeopleEasyRead);
    for (const { slug } of SURVEY_TEMPLATES) expect(TEMPLATE_CHOICES).toContain(slug);
  });

  it("is an easy read survey for young people, in all nine languages, and publishable", () => {
    expect(youngPeopleEasyRead).toMatchObject({ audience: "young_person", easyRead: true, languages: LANGUAGES });
    const parsed = SurveyDefinitionSchema.safeParse(youngPeopleEasyRead);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    // The flag survives the schema every stored and published definition goes through.
    expect(parsed.data?.easyRead).toBe(true);
  });

  it("asks five questions with stable yp_ codes that no other template uses", () => {
    const codes = youngPeopleEasyRead.questions.map((q) => q.code);
    expect(codes).toEqual(["yp_overall_experience", "yp_listened_to", "yp_feedback_leads_to_change", "yp_what_would_help", "yp_age_group"]);
    const elsewhere = [...parentCarerExperience.questions, ...sencoExperience.questions].map((q) => q.code);
    for (const code of codes) expect(elsewhere, code).not.toContain(code);
  });

  it("uses a 3-point scale, most positive first, for each KPI question", () => {
    expect(optionCodes("yp_overall_experience")).toEqual(["good", "ok", "not_good", "dont_know"]);
    expect(optionCodes("yp_listened_to")).toEqual(["yes", "sometimes", "no"]);
    expect(optionCodes("yp_feedback_leads_to_change")).toEqual(["yes", "a_bit", "no", "dont_know"]);
    for (const code of ["yp_overall_experience", "yp_listened_to", "yp_feedback_leads_to_change"]) {
      expect(question(youngPeopleEasyRead, code)).toMatchObject({ type: "single_choice", role: "kpi", required: true });
    }
  });

  it("has an optional age group segment and an optional, moderated free-text question", () => {
    expect(question(youngPeopleEasyRead, "yp_age_group")).toMatchObject({ type: "single_choice", role: "segment", required: false });
    expect(optionCodes("yp_age_group")).toEqual(["under_11", "age_11_15", "age_16_18", "age_19_25"]);
    expect(question(youngPeopleEasyRead, "yp_what_would_help")).toMatchObject({
      type: "text_long",
      role: "free_text",
      required: false,
      maxLength: 1000,
    });
  });

  it("translates every text into every language it is offered in", () => {
    const texts = [
      youngPeopleEasyRead.title,
      youngPeopleEasyRead.intro,
      ...youngPeopleEasyRead.questions.flatMap((q) => [q.title, ...(q.hint ? [q.hint] : []), ...(q.options ?? []).map((o) => o.label)]),
    ];
    expect(texts.length).toBeGreaterThan(20);
    for (const text of texts) {
      expect(text.en.trim()).not.toBe("");
      expect(Object.keys(text), text.en).toEqual(LANGUAGES);
      for (const language of LANGUAGES.slice(1)) {
        const translated = text[language] ?? "";
        expect(translated.trim(), `${language}: ${text.en}`).not.toBe("");
        expect(translated, `${language}: ${text.en}`).toMatch(SCRIPTS[language]);
        expect(translated, `${language}: ${text.en}`).not.toBe(text.en);
      }
    }
  });

  it("is written in short sentences: at most 15 words each, and a question title is one sentence", () => {
    const texts = [youngPeopleEasyRead.intro.en, ...youngPeopleEasyRead.questions.flatMap((q) => [q.title.en, q.hint?.en ?? ""])];
    for (const text of texts.filter(Boolean)) {
      for (const sentence of text.split(/(?<=[.?!])\s+/)) expect(sentence.split(/\s+/).length, sentence).toBeLessThanOrEqual(15);
    }
    for (const q of youngPeopleEasyRead.questions) expect(q.title.en.split(/(?<=[.?!])\s+/), q.code).toHaveLength(1);
  });

  it("stays easy read in every translation: short sentences, and a question title is one sentence", () => {
    for (const language of LANGUAGES.slice(1)) {
      const texts = [youngPeopleEasyRead.intro, ...youngPeopleEasyRead.questions.flatMap((q) => [q.title, ...(q.hint ? [q.hint] : [])])];
      for (const text of texts.map((t) => t[language] ?? "")) {
        // Word counts differ between languages, so a little more room than the English has.
        for (const sentence of sentencesOf(text)) expect(sentence.split(/\s+/).length, `${language}: ${sentence}`).toBeLessThanOrEqual(18);
      }
      for (const q of youngPeopleEasyRead.questions)
        expect(sentencesOf(q.title[language] ?? ""), `${q.code} in ${language}`).toHaveLength(1);
    }
  });
});

describe("easyReadFaces", () => {
  it("gives the three points of each scale a happy, a neutral and a sad face, and none to don't know", () => {
    expect(easyReadFaces(youngPeopleEasyRead, question(youngPeopleEasyRead, "yp_overall_experience"))).toEqual([
      "happy",
      "neutral",
      "sad",
      null,
    ]);
    expect(easyReadFaces(youngPeopleEasyRead, question(youngPeopleEasyRead, "yp_listened_to"))).toEqual(["happy", "neutral", "sad"]);
    expect(easyReadFaces(youngPeopleEasyRead, question(youngPeopleEasyRead, "yp_feedback_leads_to_change"))).toEqual([
      "happy",
      "neutral",
      "sad",
      null,
    ]);
  });

  it("draws no faces on a segment, a free-text question, or a scale that is not 3 points", () => {
    expect(easyReadFaces(youngPeopleEasyRead, question(youngPeopleEasyRead, "yp_age_group"))).toBeNull();
    expect(easyReadFaces(youngPeopleEasyRead, question(youngPeopleEasyRead, "yp_what_would_help"))).toBeNull();
    expect(easyReadFaces({ easyRead: true }, question(parentCarerExperience, "overall_experience"))).toBeNull();
  });

  it("draws faces only in an easy read survey", () => {
    // The parent survey's CHANGE scale is 3 points plus dont_know too, but the survey is not easy read.
    const change = question(parentCarerExperience, "feedback_leads_to_change");
    expect(easyReadFaces(parentCarerExperience, change)).toBeNull();
    expect(easyReadFaces({ easyRead: true }, change)).toEqual(["happy", "neutral", "sad", null]);
    expect(easyReadFaces({ easyRead: false }, question(youngPeopleEasyRead, "yp_listened_to"))).toBeNull();
  });
});

describe("the survey builder keeps the easy read flag", () => {
  it("shows it ticked, and a form without it ticked makes a standard survey", () => {
    const form = definitionToForm(structuredClone(youngPeopleEasyRead));
    expect(form.easyRead).toBe(true);
    expect(SurveyBuilderSchema.parse(form).easyRead).toBe(true);
    const standard = SurveyBuilderSchema.parse({ ...form, easyRead: false });
    expect("easyRead" in standard).toBe(false);
    // A plain form post sends a ticked box as "on".
    expect(SurveyBuilderSchema.parse({ ...form, easyRead: "on" }).easyRead).toBe(true);
    expect(definitionToForm(parentCarerExperience).easyRead).toBe(false);
  });
});

describe("the young people's KPIs", () => {
  it("follow K13 in the register as K1_YP, K2_YP and K13_YP", () => {
    expect(DEFAULT_KPIS.map((k) => k.id).slice(-4)).toEqual(["K13", "K1_YP", "K2_YP", "K13_YP"]);
  });

  it.each([
    ["K1_YP", "yp_overall_experience", ["good"], ["not_good"], ["dont_know"]],
    ["K2_YP", "yp_listened_to", ["yes"], ["no"], []],
    ["K13_YP", "yp_feedback_leads_to_change", ["yes"], ["no"], ["dont_know"]],
  ])("%s scores %s: top point positive, bottom point negative, the middle in the base", (id, code, positive, negative, excluded) => {
    const def = kpi(id);
    expect(def).toMatchObject({ question: code, positive, negative, excluded });
    expect(def.kind ?? "proportion").toBe("proportion");
    expect(() => checkKpiDefinition(def)).not.toThrow();
    // Every code it counts is an option of its question, and the middle point is in no list.
    const options = optionCodes(code);
    for (const c of [...def.positive, ...def.negative, ...def.excluded]) expect(options).toContain(c);
    const middle = options[1];
    expect([...def.positive, ...def.negative, ...def.excluded]).not.toContain(middle);
    // Every option of the question is in a list or is the middle point: nothing is left unplaced.
    expect(options.filter((c) => ![...def.positive, ...def.negative, ...def.excluded].includes(c))).toEqual([middle]);
  });

  it("counts the middle point in the base and leaves don't know out", () => {
    expect(scoreCounts(kpi("K1_YP"), { good: 5, ok: 3, not_good: 2, dont_know: 4 })).toEqual({ n: 10, numerator: 5, negative: 2 });
    expect(scoreCounts(kpi("K2_YP"), { yes: 6, sometimes: 5, no: 1 })).toEqual({ n: 12, numerator: 6, negative: 1 });
    expect(scoreCounts(kpi("K13_YP"), { yes: 2, a_bit: 7, no: 3, dont_know: 9 })).toEqual({ n: 12, numerator: 2, negative: 3 });
  });

  it("are never pooled: they score only the young people's survey, and K1, K2 and K13 never score it", () => {
    const codesOf = (d: SurveyDefinition) => new Set(d.questions.map((q) => q.code));
    for (const id of ["K1_YP", "K2_YP", "K13_YP"]) {
      expect(codesOf(youngPeopleEasyRead).has(kpi(id).question), id).toBe(true);
      expect(codesOf(parentCarerExperience).has(kpi(id).question), id).toBe(false);
      expect(codesOf(sencoExperience).has(kpi(id).question), id).toBe(false);
    }
    for (const id of ["K1", "K2", "K13"]) expect(codesOf(youngPeopleEasyRead).has(kpi(id).question), id).toBe(false);
  });

  it("use underscores because the register refuses a hyphen in an id", () => {
    expect(() => checkKpiDefinition({ ...kpi("K1_YP"), id: "K1-YP" })).toThrow(KpiDefinitionError);
  });
});
