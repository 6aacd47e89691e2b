/**
 * The default survey templates against the KPI contract kept in tests/fixtures/kpi-contract.md
 * (codes, scales, KPIs and segments, as Markdown tables), parsed at test time:
 * question codes, option codes and their order, scales, routing, roles and wording, plus the
 * translations: every text of every template in Urdu, and every text of the parents' and the young
 * people's surveys in all nine languages. A missing or unreadable spec fails this file; it never skips.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SurveyDefinitionSchema } from "~/schemas/survey-definition";
import { optionsOf, type LocalText, type SurveyDefinition } from "~/domain/survey";
import { EXTRA_OPTIONS, SCALES, SCALE_NAMES, SEGMENT_OPTIONS, SURVEY_TEMPLATES } from "~/templates";

// ---------------------------------------------------------------------------------------------
// Reading the spec
// ---------------------------------------------------------------------------------------------

const SPEC_URL = new URL("../fixtures/kpi-contract.md", import.meta.url);

function readSpec(): string {
  const path = fileURLToPath(SPEC_URL);
  if (!existsSync(path)) throw new Error(`The KPI spec was not found at ${path}; these tests need it.`);
  return readFileSync(path, "utf8");
}

/** The lines under the first heading whose text starts with `heading`, up to the next heading. */
function section(markdown: string, heading: string): string[] {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((line) => /^#+\s/.test(line) && line.replace(/^#+\s+/, "").startsWith(heading));
  if (start < 0) throw new Error(`The spec has no section "${heading}"`);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => /^#+\s/.test(line));
  return end < 0 ? rest : rest.slice(0, end);
}

interface Table {
  header: string[];
  rows: string[][];
}

/** The first Markdown table in `lines`. */
function table(lines: string[], name: string): Table {
  const start = lines.findIndex((line) => line.trim().startsWith("|"));
  if (start < 0) throw new Error(`No table in the spec section for ${name}`);
  const tableLines: string[] = [];
  for (const line of lines.slice(start)) {
    if (!line.trim().startsWith("|")) break;
    tableLines.push(line.trim());
  }
  const cells = (line: string) =>
    line
      .replace(/^\|/, "")
      .replace(/\|$/, "")
      .split("|")
      .map((cell) => cell.trim());
  const [header, separator, ...rows] = tableLines;
  if (!header || !separator || !/^\|[\s|:-]+\|$/.test(separator)) throw new Error(`Malformed table for ${name}`);
  return { header: cells(header), rows: rows.map(cells) };
}

function column(t: Table, name: string): number {
  const index = t.header.indexOf(name);
  if (index < 0) throw new Error(`Spec table has no column "${name}" (has ${t.header.join(", ")})`);
  return index;
}

/** The `code` spans in a piece of Markdown, in order. */
function codesIn(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
}

type Expected =
  | { kind: "scale"; code: string; wording: string; scale: string; options: string[]; routing?: Routing }
  | { kind: "segment"; code: string; options: string[] }
  | { kind: "free_text"; code: string; wording: string };

interface Routing {
  question: string;
  anyOf: string[];
}

interface Spec {
  scales: Record<string, string[]>;
  segments: Record<string, string[]>;
  kpiQuestionPatterns: RegExp[];
  surveys: { slug: string; audience: string; questions: Expected[] }[];
}

const ROUTING_NOTE = /\s*\(((?:asked when|same routing)[^)]*)\)/;

function parseSpec(markdown: string): Spec {
  const scalesTable = table(section(markdown, "Scales"), "scales");
  const scales: Record<string, string[]> = {};
  for (const row of scalesTable.rows) {
    scales[row[column(scalesTable, "scale")]] = codesIn(row[column(scalesTable, "option codes")]);
  }

  const segmentsTable = table(section(markdown, "Segments"), "segments");
  const segments: Record<string, string[]> = {};
  for (const row of segmentsTable.rows) {
    const [code] = codesIn(row[column(segmentsTable, "code")]);
    // Codes listed before any parenthetical remark; the `language` row lists none and is skipped.
    const options = codesIn(row[column(segmentsTable, "options")].split("(")[0]);
    if (code && options.length > 0) segments[code] = options;
  }

  const kpiTable = table(section(markdown, "The KPIs"), "KPIs");
  const kpiQuestionPatterns = kpiTable.rows.flatMap((row) =>
    codesIn(row[column(kpiTable, "question")]).map(
      (pattern) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[a-z0-9_]*")}$`),
    ),
  );

  const surveys: Spec["surveys"] = [];
  for (const match of markdown.matchAll(/^###\s+Survey\s+`([^`]+)`\s*\(audience:\s*([^)]*)\)/gm)) {
    const slug = match[1];
    const t = table(section(markdown, `Survey \`${slug}\``), slug);
    const questions: Expected[] = [];
    let previousRouting: Routing | undefined;
    for (const row of t.rows) {
      const codes = codesIn(row[column(t, "question code")]);
      const rawWording = row[column(t, "wording (English)")];
      const scaleCell = row[column(t, "scale")];
      if (codes.length === 0) throw new Error(`A row of ${slug} has no question code`);

      if (/^segment/i.test(scaleCell)) {
        for (const code of codes) {
          const options = segments[code];
          if (!options) throw new Error(`${slug}: segment ${code} is not in the Segments table`);
          questions.push({ kind: "segment", code, options });
        }
        continue;
      }
      if (codes.length !== 1) throw new Error(`${slug}: a non-segment row lists several codes`);
      const code = codes[0];

      let routing: Routing | undefined;
      const note = ROUTING_NOTE.exec(rawWording)?.[1];
      if (note?.startsWith("asked when")) {
        const [question, ...anyOf] = codesIn(note);
        routing = { question, anyOf };
      } else if (note?.startsWith("same routing")) {
        if (!previousRouting) throw new Error(`${slug}: ${code} says "same routing" but nothing before it is routed`);
        const plus = note.includes("plus") ? codesIn(note.slice(note.indexOf("plus"))) : [];
        routing = { question: previousRouting.question, anyOf: [...previousRouting.anyOf, ...plus] };
      }
      if (routing) previousRouting = routing;
      const wording = rawWording.replace(ROUTING_NOTE, "").trim();

      if (/^free text/i.test(scaleCell)) {
        questions.push({ kind: "free_text", code, wording });
        continue;
      }
      const scaleName = /^([A-Z][A-Z0-9]*)/.exec(scaleCell)?.[1];
      if (!scaleName || !scales[scaleName]) throw new Error(`${slug}: ${code} uses unknown scale "${scaleCell}"`);
      const extras = codesIn(scaleCell);
      questions.push({ kind: "scale", code, wording, scale: scaleName, options: [...scales[scaleName], ...extras], routing });
    }
    surveys.push({ slug, audience: match[2].trim(), questions });
  }
  return { scales, segments, kpiQuestionPatterns, surveys };
}

// Top level on purpose: a missing spec or a spec the parser cannot read fails the whole file.
const spec = parseSpec(readSpec());

// ---------------------------------------------------------------------------------------------
// Checking a definition against the spec
// ---------------------------------------------------------------------------------------------

const isKpiQuestion = (code: string) => spec.kpiQuestionPatterns.some((pattern) => pattern.test(code));

/** Every way `definition` departs from the spec's table for survey `slug`; empty when it conforms. */
function specProblems(slug: string, definition: SurveyDefinition): string[] {
  const survey = spec.surveys.find((s) => s.slug === slug);
  if (!survey) return [`the spec has no survey ${slug}`];
  const problems: string[] = [];
  const expectedCodes = survey.questions.map((q) => q.code);
  const actualCodes = definition.questions.map((q) => q.code);
  if (JSON.stringify(actualCodes) !== JSON.stringify(expectedCodes)) {
    problems.push(`question codes ${actualCodes.join(",")} should be ${expectedCodes.join(",")}`);
  }
  for (const expected of survey.questions) {
    const question = definition.questions.find((q) => q.code === expected.code);
    if (!question) continue;
    const where = `${slug}.${expected.code}`;
    const optionCodes = optionsOf(question).map((o) => o.code);
    if (expected.kind === "free_text") {
      if (question.type !== "text_long") problems.push(`${where}: type ${question.type} should be text_long`);
      if (question.role !== "free_text") problems.push(`${where}: role ${question.role} should be free_text`);
      if (question.required) problems.push(`${where}: free-text questions are always optional`);
      if (optionCodes.length > 0) problems.push(`${where}: a free-text question has options`);
    } else {
      if (question.type !== "single_choice") problems.push(`${where}: type ${question.type} should be single_choice`);
      if (JSON.stringify(optionCodes) !== JSON.stringify(expected.options)) {
        problems.push(`${where}: options ${optionCodes.join(",")} should be ${expected.options.join(",")}`);
      }
    }
    if (expected.kind === "segment") {
      if (question.role !== "segment") problems.push(`${where}: role ${question.role} should be segment`);
      if (question.required) problems.push(`${where}: segment questions are always optional`);
    }
    if (expected.kind === "scale") {
      if (isKpiQuestion(expected.code)) {
        if (question.role !== "kpi") problems.push(`${where}: role ${question.role} should be kpi`);
        if (!question.required) problems.push(`${where}: KPI questions are required`);
      } else if (question.role === "kpi") {
        problems.push(`${where}: role kpi, but no KPI in the register uses this question`);
      }
    }
    if (expected.kind !== "segment" && question.title.en !== expected.wording) {
      problems.push(`${where}: English wording "${question.title.en}" should be "${expected.wording}"`);
    }
    const routing = expected.kind === "scale" ? expected.routing : undefined;
    const actual = question.showWhen ? { question: question.showWhen.question, anyOf: [...question.showWhen.anyOf].sort() } : undefined;
    const wanted = routing ? { question: routing.question, anyOf: [...routing.anyOf].sort() } : undefined;
    if (JSON.stringify(actual) !== JSON.stringify(wanted)) {
      problems.push(`${where}: routing ${JSON.stringify(actual)} should be ${JSON.stringify(wanted)}`);
    }
  }
  return problems;
}

/** Every translatable text in a definition, with where it is. */
function texts(definition: SurveyDefinition): [string, LocalText][] {
  const found: [string, LocalText][] = [
    ["title", definition.title],
    ["intro", definition.intro],
  ];
  for (const question of definition.questions) {
    found.push([`${question.code}.title`, question.title]);
    if (question.hint) found.push([`${question.code}.hint`, question.hint]);
    for (const option of question.options ?? []) found.push([`${question.code}.${option.code}`, option.label]);
  }
  return found;
}

const URDU_SCRIPT = /[\u0600-\u06FF]/;

/** The languages of the parents' and the young people's surveys, in the order the templates list them. */
const LANGUAGES = ["en", "ur", "pa", "bn", "ar", "pl", "ro", "so", "ps"];
/** Templates offered in every language above; the SENCO survey stays in English and Urdu. */
const TRANSLATED = new Set(["parent-carer-experience", "young-people-easy-read"]);

const ARABIC = /\p{Script=Arabic}/u;
/**
 * For each translation: a letter of its script it must contain, and what it must not contain:
 * another script (the danda "।" that Punjabi and Bengali share belongs to none), Urdu, Persian or
 * Pashto letters in Arabic (which writes ي and ك), Urdu letters in Pashto (which writes ګ, ټ, ډ and ړ),
 * and in Romanian an s or t with a cedilla where the comma below belongs (ș, ț).
 */
const SCRIPT_RULES: Record<string, { script: RegExp; foreign: RegExp }> = {
  ur: { script: ARABIC, foreign: /[\p{Script=Devanagari}\p{Script=Gurmukhi}\p{Script=Bengali}]/u },
  pa: { script: /\p{Script=Gurmukhi}/u, foreign: /[\p{Script=Arabic}\p{Script=Devanagari}\p{Script=Bengali}]/u },
  bn: { script: /\p{Script=Bengali}/u, foreign: /[\p{Script=Arabic}\p{Script=Devanagari}\p{Script=Gurmukhi}]/u },
  ar: {
    script: ARABIC,
    foreign:
      /[\u0679\u067C\u0681\u0685\u0688\u0689\u0691\u0693\u0696\u069A\u06A9\u06AB\u06AF\u06BA\u06BC\u06BE\u06C1\u06CC\u06CD\u06D0\u06D2\p{Script=Devanagari}\p{Script=Gurmukhi}\p{Script=Bengali}]/u,
  },
  pl: { script: /[a-z]/i, foreign: /[\p{Script=Arabic}\p{Script=Devanagari}\p{Script=Gurmukhi}\p{Script=Bengali}]/u },
  ro: { script: /[a-z]/i, foreign: /[şţŞŢ\p{Script=Arabic}\p{Script=Devanagari}\p{Script=Gurmukhi}\p{Script=Bengali}]/u },
  so: { script: /[a-z]/i, foreign: /[\p{Script=Arabic}\p{Script=Devanagari}\p{Script=Gurmukhi}\p{Script=Bengali}]/u },
  ps: {
    script: ARABIC,
    foreign: /[\u0679\u0688\u0691\u06AF\u06BA\u06BE\u06C1\u06D2\p{Script=Devanagari}\p{Script=Gurmukhi}\p{Script=Bengali}]/u,
  },
};

/** Texts a translation may leave as in English: the constituency names, which are proper names. */
const PROPER_NAMES = new Set(SEGMENT_OPTIONS.district.filter((o) => o.code !== "outside_area").map((o) => `district.${o.code}`));
const mayMatchEnglish = (where: string) => PROPER_NAMES.has(where);

/** Every way the translations of `definition` fall short, for each language it is offered in. */
function translationProblems(definition: SurveyDefinition): string[] {
  const problems: string[] = [];
  for (const language of definition.languages.filter((l) => l !== "en")) {
    const rules = SCRIPT_RULES[language];
    if (!rules) {
      problems.push(`no script rules for ${language}`);
      continue;
    }
    for (const [where, text] of texts(definition)) {
      const translated = (text[language] ?? "").trim();
      if (!translated) {
        problems.push(`${where}: no ${language} text`);
        continue;
      }
      if (!rules.script.test(translated)) problems.push(`${where}: the ${language} text is not in its script`);
      const foreign = rules.foreign.exec(translated)?.[0];
      if (foreign) problems.push(`${where}: the ${language} text has "${foreign}"`);
      if (translated === text.en.trim() && !mayMatchEnglish(where)) problems.push(`${where}: the ${language} text is the English`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

describe("the spec as parsed", () => {
  it("has both default surveys, every scale and the segment tables", () => {
    expect(spec.surveys.map((s) => s.slug)).toEqual(["parent-carer-experience", "senco-experience"]);
    expect(Object.keys(spec.scales)).toEqual([...SCALE_NAMES]);
    expect(spec.surveys[0].questions).toHaveLength(20);
    expect(spec.surveys[1].questions).toHaveLength(6);
    expect(Object.keys(spec.segments)).toEqual(expect.arrayContaining(["ehcp_stage", "setting_type", "district"]));
    // Routing notes were read: the plan questions are asked only for a final plan.
    const parent = spec.surveys[0].questions;
    const routed = parent.filter((q) => q.kind === "scale" && q.routing).map((q) => q.code);
    expect(routed).toHaveLength(9);
    expect(isKpiQuestion("plan_views_reflected")).toBe(true);
    expect(isKpiQuestion("senco_queries_timely")).toBe(false);
  });
});

describe("shared scales and segment options", () => {
  it("SCALES has exactly the spec's scales, with the same option codes in the same order", () => {
    expect(Object.keys(SCALES)).toEqual(Object.keys(spec.scales));
    for (const [name, codes] of Object.entries(spec.scales)) {
      expect(
        SCALES[name as keyof typeof SCALES].map((o) => o.code),
        name,
      ).toEqual(codes);
    }
  });

  it("SEGMENT_OPTIONS matches every segment the spec lists options for", () => {
    expect(Object.keys(SEGMENT_OPTIONS).sort()).toEqual(Object.keys(spec.segments).sort());
    for (const [code, options] of Object.entries(spec.segments)) {
      expect(
        SEGMENT_OPTIONS[code as keyof typeof SEGMENT_OPTIONS].map((o) => o.code),
        code,
      ).toEqual(options);
    }
  });

  it("every shared option has an English and an Urdu label", () => {
    for (const option of [...Object.values(SCALES), ...Object.values(SEGMENT_OPTIONS)].flat()) {
      expect(option.label.en.trim(), option.code).not.toBe("");
      expect(option.label.ur ?? "", option.code).toMatch(URDU_SCRIPT);
    }
  });

  it("labels every option the parents' and young people's surveys share in all nine languages", () => {
    // GRADE4 (the SENCO survey's) and respondent_role (no survey asks it) stay in English and Urdu.
    const scales = Object.entries(SCALES).filter(([name]) => name !== "GRADE4");
    const segments = Object.entries(SEGMENT_OPTIONS).filter(([code]) => code !== "respondent_role");
    const options = [...scales, ...segments].flatMap(([name, list]) => list.map((o) => [`${name}.${o.code}`, o] as const));
    options.push(...Object.values(EXTRA_OPTIONS).map((o) => [`extra.${o.code}`, o] as const));
    for (const [where, option] of options) {
      expect(Object.keys(option.label), where).toEqual(LANGUAGES);
    }
  });
});

/**
 * The templates whose question tables the KPI contract lists. The young people's easy read template is
 * the spec's "young people's (easy read) versions of K1, K2 and K13", which it names but does not
 * tabulate: tests/unit/young-people.test.ts checks it.
 */
const SPEC_TEMPLATES = SURVEY_TEMPLATES.filter((t) => spec.surveys.some((s) => s.slug === t.slug));

describe("SURVEY_TEMPLATES", () => {
  it("lists the spec's surveys by slug, in order, then the young people's easy read survey", () => {
    expect(SURVEY_TEMPLATES.map((t) => t.slug)).toEqual([...spec.surveys.map((s) => s.slug), "young-people-easy-read"]);
    expect(SPEC_TEMPLATES).toHaveLength(spec.surveys.length);
  });

  it("gives each template its audience and length", () => {
    const [parent, senco, youngPeople] = SURVEY_TEMPLATES;
    expect(parent.definition.audience).toBe("parent_carer");
    expect(parent.definition.minutes).toBe(8);
    expect(senco.definition.audience).toBe("senco");
    expect(senco.definition.minutes).toBe(4);
    expect(youngPeople.definition.audience).toBe("young_person");
    expect(youngPeople.definition.minutes).toBe(3);
  });

  it("asks no question code in two templates, bar the shared segments and what_would_help", () => {
    const shared = new Set([...Object.keys(SEGMENT_OPTIONS), "what_would_help"]);
    const seen = new Map<string, string>();
    for (const { slug, definition } of SURVEY_TEMPLATES) {
      for (const { code } of definition.questions) {
        if (shared.has(code)) continue;
        expect(seen.get(code), `${code} in ${slug}`).toBeUndefined();
        seen.set(code, slug);
      }
    }
  });
});

describe.each(SPEC_TEMPLATES.map((t) => [t.slug, t.definition] as const))("template %s against the spec", (slug, definition) => {
  it("matches the spec: question codes, option codes and order, types, roles, wording and routing", () => {
    expect(specProblems(slug, definition)).toEqual([]);
  });
});

describe.each(SURVEY_TEMPLATES.map((t) => [t.slug, t.definition] as const))("template %s", (slug, definition) => {
  it("is a valid, publishable survey definition", () => {
    const result = SurveyDefinitionSchema.safeParse(definition);
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it("has unique question codes, and unique option codes and English labels within each question", () => {
    const codes = definition.questions.map((q) => q.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const question of definition.questions) {
      const options = question.options ?? [];
      const optionCodes = options.map((o) => o.code);
      expect(new Set(optionCodes).size, question.code).toBe(optionCodes.length);
      // The import accepts an option's exact English label in place of its code: keep that unambiguous.
      const labels = options.map((o) => o.label.en.trim().toLowerCase());
      expect(new Set(labels).size, question.code).toBe(labels.length);
      for (const option of options) {
        const clash = options.find((other) => other !== option && other.code === option.label.en.trim());
        expect(clash, `${question.code}.${option.code}`).toBeUndefined();
      }
    }
  });

  it("routes only on an earlier question, using option codes that question offers", () => {
    definition.questions.forEach((question, index) => {
      if (!question.showWhen) return;
      const target = definition.questions.findIndex((q) => q.code === question.showWhen!.question);
      expect(target, question.code).toBeGreaterThanOrEqual(0);
      expect(target, question.code).toBeLessThan(index);
      const offered = optionsOf(definition.questions[target]).map((o) => o.code);
      expect(question.showWhen.anyOf.length, question.code).toBeGreaterThan(0);
      for (const code of question.showWhen.anyOf) expect(offered, `${question.code} → ${code}`).toContain(code);
    });
  });

  it("is offered in English and Urdu, with Urdu text for every title, hint, intro and option", () => {
    expect(definition.languages.slice(0, 2)).toEqual(["en", "ur"]);
    for (const [where, text] of texts(definition)) {
      expect(text.en.trim(), where).not.toBe("");
      expect((text.ur ?? "").trim(), where).not.toBe("");
      expect(text.ur, where).toMatch(URDU_SCRIPT);
    }
  });

  it("is offered in every language it should be, with every text translated into each", () => {
    expect(definition.languages).toEqual(TRANSLATED.has(slug) ? LANGUAGES : ["en", "ur"]);
    expect(translationProblems(definition)).toEqual([]);
  });

  it("keeps option labels distinct within a question in every language", () => {
    for (const language of definition.languages) {
      for (const question of definition.questions) {
        const labels = (question.options ?? []).map((o) => (o.label[language] ?? "").trim().toLowerCase());
        expect(new Set(labels).size, `${question.code} in ${language}`).toBe(labels.length);
      }
    }
  });

  it("quotes an option in a hint by the label the option has in the same language", () => {
    for (const question of definition.questions) {
      for (const option of question.options ?? []) {
        if (!question.hint?.en.includes(`"${option.label.en}"`)) continue;
        for (const language of definition.languages) {
          expect(question.hint[language], `${question.code}.hint in ${language}`).toContain(option.label[language]);
        }
      }
    }
  });

  it("keeps free-text answers to 1000 characters", () => {
    for (const question of definition.questions.filter((q) => q.role === "free_text")) {
      expect(question.maxLength, question.code).toBe(1000);
    }
  });
});

describe("the spec check itself", () => {
  const [{ slug, definition }] = SURVEY_TEMPLATES;
  const mutate = (change: (d: SurveyDefinition) => void) => {
    const copy = structuredClone(definition) as SurveyDefinition;
    change(copy);
    return specProblems(slug, copy);
  };
  const question = (d: SurveyDefinition, code: string) => d.questions.find((q) => q.code === code)!;

  it("catches a wrong option code", () => {
    expect(mutate((d) => (question(d, "listened_to").options![5].code = "n_a"))).not.toEqual([]);
  });

  it("catches options in the wrong order", () => {
    expect(mutate((d) => question(d, "overall_experience").options!.reverse())).not.toEqual([]);
  });

  it("catches a wrong or missing question code", () => {
    expect(mutate((d) => (question(d, "kept_informed").code = "kept_informed_v2"))).not.toEqual([]);
    expect(mutate((d) => d.questions.pop())).not.toEqual([]);
  });

  it("catches routing that differs from the spec", () => {
    expect(mutate((d) => question(d, "kept_informed").showWhen!.anyOf.pop())).not.toEqual([]);
    expect(mutate((d) => delete question(d, "provision_delivered").showWhen)).not.toEqual([]);
  });

  it("catches a wrong role or a required segment question", () => {
    expect(mutate((d) => (question(d, "finding_information").role = "other"))).not.toEqual([]);
    expect(mutate((d) => (question(d, "district").required = true))).not.toEqual([]);
  });

  it("catches changed English wording", () => {
    expect(mutate((d) => (question(d, "listened_to").title.en = "I felt listened to."))).not.toEqual([]);
  });

  it("catches a missing, untranslated or wrongly written translation", () => {
    const translation = (change: (d: SurveyDefinition) => void) => {
      const copy = structuredClone(definition) as SurveyDefinition;
      change(copy);
      return translationProblems(copy);
    };
    expect(translation(() => undefined)).toEqual([]);
    expect(translation((d) => delete question(d, "listened_to").title.pl)).toEqual(["listened_to.title: no pl text"]);
    expect(translation((d) => (question(d, "district").hint!.so = question(d, "district").hint!.en))).toEqual([
      "district.hint: the so text is the English",
    ]);
    expect(translation((d) => (question(d, "district").options![0].label.ro = "Edgbaston"))).toEqual([]);
    expect(translation((d) => (d.title.ar = d.title.ur!))).not.toEqual([]);
    expect(translation((d) => (d.title.ps = d.title.ur!))).not.toEqual([]);
    expect(translation((d) => (d.title.ro = d.title.ro!.replace("ț", "ţ")))).toEqual(['title: the ro text has "ţ"']);
    expect(translation((d) => (d.title.pa = d.title.bn!))).not.toEqual([]);
  });
});
