/**
 * The default survey templates seeded in the demo forum, and the shared answer scales and segment
 * options (codes per the KPI contract) for KPI definitions, the import and new surveys to reuse.
 */
import { parentCarerExperience } from "./parent-carer-experience";
import { sencoExperience } from "./senco-experience";
import { youngPeopleEasyRead } from "./young-people-easy-read";

export {
  EXTRA_OPTIONS,
  SCALES,
  SCALE_NAMES,
  SEGMENT_CODES,
  SEGMENT_OPTIONS,
  scaleOptions,
  segmentOptions,
  type ExtraOptionCode,
  type ScaleName,
  type SegmentCode,
} from "./options";
export { parentCarerExperience, sencoExperience, youngPeopleEasyRead };

export const SURVEY_TEMPLATES = [
  { slug: "parent-carer-experience", definition: parentCarerExperience },
  { slug: "senco-experience", definition: sencoExperience },
  { slug: "young-people-easy-read", definition: youngPeopleEasyRead },
] as const;

export type SurveyTemplateSlug = (typeof SURVEY_TEMPLATES)[number]["slug"];
