/**
 * Answer scales and segment options shared by the survey templates, KPI definitions and the
 * import. Codes and their order are the KPI contract ("Scales" and "Segments"):
 * most positive first. Labels are plain English with an Urdu translation; the labels the parents'
 * and the young people's surveys use are also in Punjabi (Gurmukhi), Bengali, Arabic, Polish,
 * Romanian, Somali and Pashto. GRADE4 and respondent_role are used by no translated survey and
 * stay in English and Urdu.
 *
 * Kept apart from ./index so the template files can import these without an import cycle;
 * ./index re-exports everything here.
 */
import type { SurveyOption } from "~/domain/survey";
import { EXTRA_OPTIONS, type ExtraOptionCode } from "./options/extras";
import { OPINION_SCALES } from "./options/scales-opinion";
import { SERVICE_SCALES } from "./options/scales-service";
import { DISTRICT_SEGMENTS } from "./options/segments-district";
import { FAMILY_SEGMENTS } from "./options/segments-family";
import { SETTING_SEGMENTS } from "./options/segments-setting";

export { EXTRA_OPTIONS, type ExtraOptionCode };

export const SCALE_NAMES = ["FFT6", "AGREE5", "CONF", "SAT5", "FREQ5", "DELIV", "AR4", "EASE", "CHANGE", "GRADE4"] as const;
export type ScaleName = (typeof SCALE_NAMES)[number];

export const SCALES: Record<ScaleName, readonly SurveyOption[]> = { ...OPINION_SCALES, ...SERVICE_SCALES };

export const SEGMENT_CODES = ["respondent_role", "age_phase", "ehcp_stage", "setting_type", "primary_need", "district"] as const;
export type SegmentCode = (typeof SEGMENT_CODES)[number];

export const SEGMENT_OPTIONS: Record<SegmentCode, readonly SurveyOption[]> = {
  ...FAMILY_SEGMENTS,
  ...SETTING_SEGMENTS,
  ...DISTRICT_SEGMENTS,
};

function copy(option: SurveyOption): SurveyOption {
  return { code: option.code, label: { ...option.label } };
}

/**
 * A fresh copy of a scale's options, with extra options appended in the order given: the
 * spec's "AGREE5 + `dont_know`" is `scaleOptions("AGREE5", "dont_know")`.
 */
export function scaleOptions(scale: ScaleName, ...extras: ExtraOptionCode[]): SurveyOption[] {
  return [...SCALES[scale], ...extras.map((code) => EXTRA_OPTIONS[code])].map(copy);
}

/** A fresh copy of a segment question's options. */
export function segmentOptions(segment: SegmentCode): SurveyOption[] {
  return SEGMENT_OPTIONS[segment].map(copy);
}
