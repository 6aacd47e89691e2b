/** The KPI register's definitions: which question each KPI reads and how its options count (the KPI contract: "The KPIs"). */

export interface KpiDefinition {
  id: string;
  name: string;
  /**
   * The question code. For the EHCP quality index, a readable list of its statements (for the
   * register); the codes it scores are in `questions`.
   */
  question: string;
  /** Options counted in the numerator (for the index: answers that count as agreeing). */
  positive: string[];
  /** Options counted for `percent_negative`. */
  negative: string[];
  /** Options removed from the base (for the index: answers that are not valid). */
  excluded: string[];
  kind?: "proportion" | "ehcp_quality_index";
  /** ehcp_quality_index only: the statements scored per respondent. */
  questions?: string[];
}

const AGREE = ["strongly_agree", "agree"];
const DISAGREE = ["disagree", "strongly_disagree"];

/**
 * The four statements about the plan itself. `plan_improved_education` also starts with "plan_"
 * but is about impact, not plan quality; it is K8 and not part of the index.
 */
export const EHCP_QUALITY_INDEX_QUESTIONS = [
  "plan_needs_accurate",
  "plan_views_reflected",
  "plan_provision_specific",
  "plan_outcomes_achievable",
] as const;

/** K6i: positive when agreeing with at least this many statements; base needs this many valid answers. */
export const EHCP_QUALITY_INDEX_MINIMUM = 3;

/** The standard register. K14 (closure rate) comes from the "you said, we did" register, not a survey. */
export const DEFAULT_KPIS: readonly KpiDefinition[] = [
  {
    id: "K1",
    name: "Overall experience (FFT style)",
    question: "overall_experience",
    positive: ["very_good", "good"],
    negative: ["poor", "very_poor"],
    // dont_know stays in the base, as in the NHS Friends and Family Test.
    excluded: [],
  },
  {
    id: "K2",
    name: "Felt listened to",
    question: "listened_to",
    positive: AGREE,
    negative: DISAGREE,
    excluded: ["not_applicable"],
  },
  {
    id: "K3",
    name: "Confidence needs will be met",
    question: "confidence_needs_met",
    positive: ["very", "fairly"],
    negative: ["not_very", "not_at_all"],
    excluded: ["dont_know"],
  },
  {
    id: "K4",
    name: "Satisfied with EHC needs assessment",
    question: "assessment_satisfaction",
    positive: ["very_satisfied", "fairly_satisfied"],
    negative: ["fairly_dissatisfied", "very_dissatisfied"],
    excluded: [],
  },
  {
    id: "K5",
    name: "Kept informed during assessment",
    question: "kept_informed",
    positive: ["always", "mostly"],
    negative: ["rarely", "never"],
    excluded: [],
  },
  {
    id: "K6",
    name: "Plan will help achieve outcomes",
    question: "plan_outcomes_achievable",
    positive: AGREE,
    negative: DISAGREE,
    excluded: ["dont_know"],
  },
  {
    id: "K6i",
    name: "EHCP quality index (parent-rated)",
    question: EHCP_QUALITY_INDEX_QUESTIONS.join(", "),
    questions: [...EHCP_QUALITY_INDEX_QUESTIONS],
    kind: "ehcp_quality_index",
    positive: AGREE,
    // "—" in the register: the index has no negative share.
    negative: [],
    excluded: ["dont_know"],
  },
  {
    id: "K7",
    name: "Provision in the plan is delivered",
    question: "provision_delivered",
    positive: ["all", "most"],
    negative: ["some", "none"],
    excluded: ["dont_know"],
  },
  {
    id: "K8",
    name: "Plan improved education",
    question: "plan_improved_education",
    positive: AGREE,
    negative: DISAGREE,
    excluded: ["dont_know"],
  },
  {
    id: "K9",
    name: "Annual review decision within 4 weeks",
    question: "annual_review_4_weeks",
    positive: ["within_4_weeks"],
    negative: ["took_longer", "not_received"],
    excluded: ["dont_know"],
  },
  {
    id: "K10",
    name: "Easy to find information",
    question: "finding_information",
    positive: ["very_easy", "fairly_easy"],
    negative: ["fairly_difficult", "very_difficult"],
    excluded: ["havent_looked"],
  },
  {
    id: "K11",
    name: "SENCO rating of the SEND service",
    question: "senco_service_rating",
    positive: ["very_good", "good"],
    negative: ["poor", "very_poor"],
    excluded: ["dont_know"],
  },
  {
    id: "K12",
    name: "SENCO-judged EHCP quality",
    question: "senco_plan_grade",
    positive: ["outstanding", "good"],
    negative: ["requires_improvement", "inadequate"],
    excluded: [],
  },
  {
    id: "K13",
    name: "Feedback leads to change",
    question: "feedback_leads_to_change",
    positive: ["yes_definitely", "yes_some"],
    negative: ["no"],
    excluded: ["dont_know"],
  },
  // Young people's (easy read) versions of K1, K2 and K13: reported separately, never pooled. Each
  // scores its own yp_* question, which only the young people's survey asks, so none of them ever
  // applies to the parent survey and K1, K2 and K13 never apply to theirs (kpiApplies). On the
  // 3-point scale the top point is positive, the bottom negative, and the middle stays in the base.
  // Ids use "_": the register takes letters, digits and underscores only.
  {
    id: "K1_YP",
    name: "Overall experience (young people, easy read)",
    question: "yp_overall_experience",
    positive: ["good"],
    negative: ["not_good"],
    excluded: ["dont_know"],
  },
  {
    id: "K2_YP",
    name: "Felt listened to (young people, easy read)",
    question: "yp_listened_to",
    positive: ["yes"],
    negative: ["no"],
    excluded: [],
  },
  {
    id: "K13_YP",
    name: "Feedback leads to change (young people, easy read)",
    question: "yp_feedback_leads_to_change",
    positive: ["yes"],
    negative: ["no"],
    excluded: ["dont_know"],
  },
];
