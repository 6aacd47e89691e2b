/**
 * The survey definition: what a published survey version freezes.
 *
 * A version is stored as one JSON document, so a published version is immutable by construction
 * and every response records the version it answered. Codes (survey, question, option) are the
 * stable contract that KPIs, imports and exports speak; wording may change and is translated.
 */

/** Text in several languages, keyed by language code. English (`en`) is always present. */
export type LocalText = { en: string } & Partial<Record<string, string>>;

export const QUESTION_TYPES = ["single_choice", "multiple_choice", "yes_no", "text_short", "text_long", "number"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** What a question is for; informs KPIs, moderation and exports. */
export const QUESTION_ROLES = ["kpi", "segment", "free_text", "other"] as const;
export type QuestionRole = (typeof QUESTION_ROLES)[number];

export interface SurveyOption {
  code: string;
  label: LocalText;
}

/** Ask this question only when an earlier question was answered with one of `anyOf`. */
interface RoutingRule {
  question: string;
  anyOf: string[];
}

export interface SurveyQuestion {
  code: string;
  type: QuestionType;
  role: QuestionRole;
  title: LocalText;
  hint?: LocalText;
  required: boolean;
  /** For single_choice and multiple_choice. yes_no has the implicit options `yes` and `no`. */
  options?: SurveyOption[];
  showWhen?: RoutingRule;
  /** text_*: the most characters accepted. */
  maxLength?: number;
  /** number: inclusive bounds. */
  min?: number;
  max?: number;
}

export const AUDIENCES = ["parent_carer", "young_person", "senco", "professional"] as const;
export type Audience = (typeof AUDIENCES)[number];

export interface SurveyDefinition {
  title: LocalText;
  /** What the survey is for, shown on the start page. */
  intro: LocalText;
  audience: Audience;
  /** Roughly how long it takes, in minutes. */
  minutes: number;
  /** Languages this version is offered in; `en` first. */
  languages: string[];
  questions: SurveyQuestion[];
  /**
   * Easy read (children and young people): the public pages use larger text and draw a face
   * beside each point of a 3-point scale (see easyReadFaces). Absent means a standard survey.
   */
  easyRead?: boolean;
}

const TEXT_SHORT_MAX = 200;
export const TEXT_LONG_MAX = 2000;

const YES_NO_OPTIONS: SurveyOption[] = [
  { code: "yes", label: { en: "Yes", ur: "ہاں", pa: "ਹਾਂ", bn: "হ্যাঁ", ar: "نعم", pl: "Tak", ro: "Da", so: "Haa", ps: "هو" } },
  { code: "no", label: { en: "No", ur: "نہیں", pa: "ਨਹੀਂ", bn: "না", ar: "لا", pl: "Nie", ro: "Nu", so: "Maya", ps: "نه" } },
];

export function optionsOf(question: SurveyQuestion): SurveyOption[] {
  if (question.type === "yes_no") return YES_NO_OPTIONS;
  return question.options ?? [];
}

export function maxLengthOf(question: SurveyQuestion): number {
  if (question.maxLength) return question.maxLength;
  return question.type === "text_long" ? TEXT_LONG_MAX : TEXT_SHORT_MAX;
}

/** The faces easy-read pages draw beside a 3-point scale, most positive first. */
const EASY_READ_FACES = ["happy", "neutral", "sad"] as const;
export type EasyReadFace = (typeof EASY_READ_FACES)[number];

/** Options that are no point on a scale: they get no face. */
const OFF_SCALE_OPTIONS = new Set(["dont_know", "not_applicable"]);

/**
 * The face beside each of a question's options (in option order, null where none), or null when
 * the question gets no faces. Faces go with easy-read surveys only, on a single-choice question
 * that is not a segment and whose options, apart from "don't know" and "not applicable", are
 * exactly three: a 3-point scale, most positive first as every scale here is. The text label is
 * always shown as well: a face adds to the words, never replaces them.
 */
export function easyReadFaces(definition: Pick<SurveyDefinition, "easyRead">, question: SurveyQuestion): (EasyReadFace | null)[] | null {
  if (definition.easyRead !== true || question.type !== "single_choice" || question.role === "segment") return null;
  const options = optionsOf(question);
  const onScale = options.filter((o) => !OFF_SCALE_OPTIONS.has(o.code));
  if (onScale.length !== EASY_READ_FACES.length) return null;
  return options.map((o) => {
    const point = onScale.indexOf(o);
    return point === -1 ? null : EASY_READ_FACES[point];
  });
}

/** The text in `language`, falling back to English. */
export function localise(text: LocalText | undefined, language: string): string {
  if (!text) return "";
  return text[language] ?? text.en;
}
