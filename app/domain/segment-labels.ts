/**
 * English names for breakdown segments and their values on board pages: the survey's own option
 * labels where it has them, a plain name otherwise. Exports and the API keep the codes.
 */
import { UNKNOWN_SEGMENT_VALUE } from "./kpi-cells";
import { MODE_LABELS, MODE_SEGMENT_NAME, type ResponseMode } from "./response-modes";
import { localise, optionsOf, type SurveyDefinition } from "./survey";

const SEGMENT_NAMES: Record<string, string> = {
  respondent_role: "Respondent role",
  language: "Language of the response",
  mode: MODE_SEGMENT_NAME,
  age_phase: "Age phase",
  ehcp_stage: "EHC plan stage",
  setting_type: "Type of setting",
  primary_need: "Primary need",
  district: "District",
  yp_age_group: "Age group",
};

const ROLE_NAMES: Record<string, string> = {
  parent_carer: "Parent or carer",
  young_person: "Young person",
  senco: "SENCO or setting SEND lead",
  professional: "Professional",
};

export function segmentName(definition: SurveyDefinition, code: string): string {
  if (SEGMENT_NAMES[code]) return SEGMENT_NAMES[code];
  const question = definition.questions.find((q) => q.code === code);
  return question ? localise(question.title, "en") : code;
}

export function segmentValueName(definition: SurveyDefinition, segment: string, value: string): string {
  if (value === UNKNOWN_SEGMENT_VALUE) return "Not answered";
  if (segment === "respondent_role") return ROLE_NAMES[value] ?? value;
  if (segment === "mode") return MODE_LABELS[value as ResponseMode] ?? value;
  if (segment === "language") {
    try {
      return new Intl.DisplayNames(["en"], { type: "language" }).of(value) ?? value;
    } catch {
      return value;
    }
  }
  const question = definition.questions.find((q) => q.code === segment);
  const option = question ? optionsOf(question).find((o) => o.code === value) : undefined;
  return option ? localise(option.label, "en") : value;
}
