import { randomBytes } from "node:crypto";
import { holdSeedLock, transaction, type DB } from "~/db.server";
import { londonDate, periodOf } from "~/domain/periods";
import { visibleQuestions, type Answers } from "~/domain/routing";
import { optionsOf, type SurveyDefinition } from "~/domain/survey";
import { addDays, type YswdStatus } from "~/domain/yswd";
import { countForums, createForum } from "~/models/forums.server";
import { ALL_SEGMENT } from "~/domain/kpi-cells";
import { kpiDashboard } from "~/models/kpi-dashboard.server";
import { seedDefaultKpis, setKpiTarget } from "~/models/kpi-register.server";
import { DEFAULT_PERIOD_TYPE } from "~/schemas/board";
import { markKpisStale } from "~/models/kpi-stale.server";
import { seedThemes } from "~/models/moderation-themes.server";
import { recordSubmittedResponse, type ConsentPurpose } from "~/models/responses.server";
import { createInvitationBatch, setSurveyAccess } from "~/models/survey-invitations.server";
import { findPublishedSurveyBySlug } from "~/models/published-surveys.server";
import { createSurvey, publishVersion } from "~/models/surveys.server";
import { grantOperator } from "~/models/operators.server";
import { addMembership, createUser } from "~/models/users.server";
import { changeStatus, createItem, publishItem } from "~/models/yswd/edit.server";
import type { FigureCache } from "~/models/yswd/evidence.server";
import type { YswdActor, YswdInput, YswdTranslation } from "~/models/yswd/shared.server";
import { SURVEY_TEMPLATES } from "~/templates";

export const DEMO_FORUM = { slug: "birmingham-demo", name: "Birmingham Parent Carer Forum (demo)", colour: "#5b2c83" };

export const DEMO_USERS = [
  { email: "admin@example.org", role: "admin", safeguardingLead: true },
  { email: "moderator@example.org", role: "moderator", safeguardingLead: false },
  { email: "board@example.org", role: "board", safeguardingLead: false },
] as const;

export interface SeedResult {
  seeded: boolean;
  /** Set when the password was generated: shown once, at first start. */
  generatedPassword?: string;
  forumId?: string;
  surveys: { slug: string; publicId: string }[];
  sampleResponses: number;
  /** Single-use links for the demo SENCO survey, printed at first start. */
  invitationLinks?: string[];
}

/**
 * Seeds the demo forum on an empty database: the forum and its open template surveys (parents and
 * carers, SENCOs, and children and young people in easy read), and (unless turned off) sample
 * responses so a newcomer's dashboard is not empty.
 */
/**
 * Seeds the demo forum into an empty installation, all or nothing: a start killed half-way
 * leaves no forum, and the next start seeds it whole. Servers starting together on one
 * PostgreSQL take turns, and only the first finds the installation empty.
 */
export async function seedDemoForum(db: DB, options: SeedOptions): Promise<SeedResult> {
  return transaction(db, async (trx) => {
    await holdSeedLock(trx);
    if ((await countForums(trx)) > 0) return { seeded: false, surveys: [], sampleResponses: 0 };
    return seedInto(trx, options);
  });
}

interface SeedOptions {
  sampleResponses: boolean;
  demoPassword?: string;
  now: Date;
}

async function seedInto(db: DB, options: SeedOptions): Promise<SeedResult> {
  const forum = await createForum(db, DEMO_FORUM);
  await seedThemes(db, forum.id);
  await seedDefaultKpis(db, forum.id);
  const generatedPassword = options.demoPassword ? undefined : randomBytes(12).toString("base64url");
  const password = options.demoPassword ?? generatedPassword ?? "";
  for (const user of DEMO_USERS) {
    const userId = await createUser(db, { email: user.email, password });
    await addMembership(db, { userId, forumId: forum.id, role: user.role, safeguardingLead: user.safeguardingLead });
    // The demo's admin runs the demo installation too, so its operator pages can be tried.
    if (user.role === "admin") await grantOperator(db, { userId, actor: "seed" });
  }
  const surveys: SeedResult["surveys"] = [];
  const invitationLinks: string[] = [];
  let sampleResponses = 0;
  for (const template of SURVEY_TEMPLATES) {
    const created = await createSurvey(db, { forumId: forum.id, slug: template.slug, definition: template.definition });
    await publishVersion(db, forum.id, created.versionId);
    surveys.push({ slug: template.slug, publicId: created.publicId });
    if (template.definition.audience === "senco") {
      // One response per setting per wave: SENCOs answer through single-use links.
      await setSurveyAccess(db, forum.id, created.id, "invite_only");
      const batch = await createInvitationBatch(db, {
        forumId: forum.id,
        surveyId: created.id,
        label: "Demo SENCO links",
        size: 3,
        createdBy: "system",
      });
      invitationLinks.push(...batch.tokens.map((token) => `/i/${token}`));
    }
    if (options.sampleResponses) {
      const count = SAMPLE_COUNTS[template.definition.audience];
      sampleResponses += await addSampleResponses(db, {
        forumId: forum.id,
        surveyId: created.id,
        versionId: created.versionId,
        definition: template.definition,
        count,
        seed: template.slug.length,
        until: options.now,
      });
    }
  }
  // "You said, we did" demo items cite the sample responses' K1, and the demo targets are set
  // from their figures, so both come only with them.
  if (options.sampleResponses) {
    await seedDemoYouSaidWeDid(db, forum.id, options.now);
    await seedDemoTargets(db, forum.id, options.now);
  }
  return { seeded: true, generatedPassword, forumId: forum.id, surveys, invitationLinks, sampleResponses };
}

/**
 * Targets on a few of the parents' KPIs, so that a newcomer's dashboard shows one KPI green, one
 * amber and one red. They are chosen from the figures the dashboard opens on at the seed's clock
 * (the parents' survey, stocktake half-years, the latest period with published figures), so the
 * three colours hold whatever day the seed runs; set through the register's own verb.
 */
export async function seedDemoTargets(db: DB, forumId: string, now: Date): Promise<Record<string, number>> {
  const survey = await findPublishedSurveyBySlug(db, forumId, "parent-carer-experience");
  if (!survey) return {};
  const dashboard = await kpiDashboard(db, { forumId, surveyId: survey.id, periodType: DEFAULT_PERIOD_TYPE, now });
  const targets = demoTargets(dashboard.cells.filter((c) => c.segment_type === ALL_SEGMENT));
  for (const [kpiId, target] of Object.entries(targets)) await setKpiTarget(db, forumId, kpiId, target);
  return targets;
}

/** The KPIs the demo rates, in the order they are tried: the headline questions families know best. */
const DEMO_TARGET_KPIS = ["K1", "K2", "K13", "K3", "K10"];

/**
 * A red, an amber and a green target for three different KPIs of these published cells, under
 * the RAG rule (green: percent ≥ target; amber: percent < target ≤ upper bound; red: upper bound
 * < target). Targets are round multiples of 5% where one fits, else a tenth of a point past the
 * figure. Worked in tenths of a percent, as the figures are published. A colour no cell allows
 * (too few published figures) is left out.
 */
export function demoTargets(cells: readonly { kpi_id: string; percent: number | null; ci_upper: number | null }[]): Record<string, number> {
  const rank = (id: string) => (DEMO_TARGET_KPIS.includes(id) ? DEMO_TARGET_KPIS.indexOf(id) : DEMO_TARGET_KPIS.length);
  const published = cells
    .filter((c) => c.percent !== null && c.ci_upper !== null)
    .map((c) => ({ id: c.kpi_id, p: Math.round((c.percent ?? 0) * 10), u: Math.round((c.ci_upper ?? 0) * 10) }))
    .sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
  const FIVE = 50;
  const rules: ((p: number, u: number) => number | null)[] = [
    // Red: above the whole interval.
    (_p, u) => {
      const round = (Math.floor(u / FIVE) + 1) * FIVE;
      return round <= 1000 ? round : u < 1000 ? u + 1 : null;
    },
    // Amber: above the figure, within the interval.
    (p, u) => {
      const round = (Math.floor(p / FIVE) + 1) * FIVE;
      return round <= u ? round : p < u ? p + 1 : null;
    },
    // Green: at or below the figure.
    (p) => {
      const round = Math.floor(p / FIVE) * FIVE;
      return round > 0 ? round : p > 0 ? p : null;
    },
  ];
  const targets: Record<string, number> = {};
  for (const rule of rules) {
    for (const cell of published) {
      const target = cell.id in targets ? null : rule(cell.p, cell.u);
      if (target !== null) {
        targets[cell.id] = target / 10;
        break;
      }
    }
  }
  return targets;
}

/** Sample responses per survey audience: enough for each survey's KPIs to show figures most half-years. */
const SAMPLE_COUNTS: Record<SurveyDefinition["audience"], number> = {
  parent_carer: 640,
  senco: 120,
  young_person: 180,
  professional: 120,
};

/** A small deterministic generator, so the demo looks the same on every machine. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SAMPLE_TEXTS = [
  "Quicker answers when we ring the SEND team.",
  "One named person who knows our child.",
  "Being told what is happening with the assessment.",
  "Support in school that matches the plan.",
  "Information in plain English and in community languages.",
];

/** Every sample family agreed to everything but being contacted again. */
const SAMPLE_CONSENTS: Record<ConsentPurpose, boolean> = { participate: true, special_category: true, quotes: true, follow_up: false };

/**
 * Submitted sample responses spread over the `days` (default two years) before `until`, with
 * answers that follow routing and lean slightly positive over time, so trends have something to
 * show. The clock is the caller's: the same seed and `until` give the same responses.
 */
export async function addSampleResponses(
  db: DB,
  input: {
    forumId: string;
    surveyId: string;
    versionId: string;
    definition: SurveyDefinition;
    count: number;
    seed: number;
    until: Date;
    days?: number;
  },
): Promise<number> {
  const random = mulberry32(input.seed * 7919 + input.count);
  const now = input.until.getTime();
  const span = Math.max(1, (input.days ?? 730) * 24 * 3600 * 1000);
  const dates: string[] = [];
  await transaction(db, async (trx) => {
    for (let i = 0; i < input.count; i++) {
      const submitted = new Date(now - random() * span);
      const recency = 1 - (now - submitted.getTime()) / span; // 0 = the start of the span, 1 = its end
      const answers: Answers = {};
      for (const question of input.definition.questions) {
        if (!visibleQuestions(input.definition, answers).includes(question)) continue;
        if (!question.required && random() < 0.12) continue;
        if (question.type === "text_long" || question.type === "text_short") {
          if (random() < 0.4) answers[question.code] = { kind: "text", text: SAMPLE_TEXTS[Math.floor(random() * SAMPLE_TEXTS.length)] };
          continue;
        }
        const options = optionsOf(question);
        // Lean towards the first (most positive) options as time goes on.
        const skew = question.role === "kpi" ? 0.55 + 0.25 * recency : 1;
        const index = Math.min(options.length - 1, Math.floor(Math.pow(random(), 1 / skew) * options.length));
        const pick = question.role === "kpi" ? options.length - 1 - index : index;
        answers[question.code] = { kind: "options", codes: [options[pick].code] };
      }
      const language = random() < 0.15 ? "ur" : "en";
      dates.push(londonDate(submitted));
      await recordSubmittedResponse(trx, {
        forumId: input.forumId,
        surveyId: input.surveyId,
        versionId: input.versionId,
        respondentRole: input.definition.audience,
        language,
        source: "demo",
        submittedAt: submitted,
        answers,
        consents: SAMPLE_CONSENTS,
        consentLanguage: "en",
      });
    }
    await markKpisStale(trx, input.surveyId, dates);
  });
  return input.count;
}

/**
 * Three demo items for the demo forum (done, in progress, not possible with a reason), with the
 * parent survey's K1 as evidence, built through the same functions staff use. Items whose
 * evidence turns out suppressed stay as drafts rather than being published without evidence.
 */
export async function seedDemoYouSaidWeDid(db: DB, forumId: string, now: Date): Promise<number> {
  const survey = await findPublishedSurveyBySlug(db, forumId, "parent-carer-experience");
  if (!survey) return 0;
  const system: YswdActor = { forumId, role: "admin", user: { id: "system" } };
  const day = londonDate(now);
  const ago = (days: number) => addDays(day, -days);
  const demo: {
    input: Omit<YswdInput, "evidence" | "quoteIds" | "translations" | "completedOn" | "visibility" | "saidEasyRead">;
    ur: YswdTranslation;
    steps: { to: YswdStatus; daysAgo: number; note: string }[];
  }[] = [
    {
      input: {
        title: "Regular updates during EHC needs assessments",
        themes: ["ehc_needs_assessment", "communication"],
        saidPlain: "Families told us they hear nothing for weeks once an EHC needs assessment starts, and do not know who to ask.",
        whatDone: "Every family now gets a written update at weeks 6, 12 and 16 of the assessment, with the name of the team to contact.",
        notPossibleReason: null,
        involvement: "co_produce",
        ownerOrg: "Birmingham City Council",
        ownerRole: "Head of SEND assessment",
        raisedOn: ago(330),
        responsePublishedOn: ago(300),
        targetOn: ago(120),
        nextReviewOn: ago(10),
      },
      ur: {
        title: "EHC ضروریات کی جانچ کے دوران باقاعدہ اطلاع",
        saidPlain:
          "خاندانوں نے بتایا کہ EHC ضروریات کی جانچ شروع ہونے کے بعد کئی ہفتوں تک انہیں کچھ پتا نہیں چلتا، اور نہ یہ معلوم ہوتا ہے کہ کس سے پوچھیں۔",
        whatDone:
          "اب ہر خاندان کو جانچ کے چھٹے، بارہویں اور سولہویں ہفتے میں تحریری اطلاع ملتی ہے، اور ساتھ میں رابطے کے لیے ٹیم کا نام بھی۔",
      },
      steps: [
        { to: "agreed", daysAgo: 300, note: "Agreed at the SEND improvement board." },
        { to: "in_progress", daysAgo: 260, note: "Letters drafted with parent carers." },
        { to: "done", daysAgo: 150, note: "Updates are now sent to every family." },
      ],
    },
    {
      input: {
        title: "Local Offer information that is easy to find",
        themes: ["information"],
        saidPlain: "Families said it is hard to find information about SEND support, and that most of it is only in English.",
        whatDone: "The Local Offer pages are being rewritten with parent carers, starting with EHC plans and transport.",
        notPossibleReason: null,
        involvement: "co_design",
        ownerOrg: "Birmingham City Council",
        ownerRole: "Local Offer manager",
        raisedOn: ago(200),
        responsePublishedOn: ago(170),
        targetOn: addDays(day, 60),
        nextReviewOn: addDays(day, 14),
      },
      ur: {
        title: "لوکل آفر کی معلومات جو آسانی سے مل سکیں",
        saidPlain: "خاندانوں نے کہا کہ SEND مدد کے بارے میں معلومات تلاش کرنا مشکل ہے، اور زیادہ تر معلومات صرف انگریزی میں ہیں۔",
        whatDone: "لوکل آفر کے صفحات والدین کے ساتھ مل کر دوبارہ لکھے جا رہے ہیں، پہلے EHC پلان اور ٹرانسپورٹ کے صفحات۔",
      },
      steps: [
        { to: "agreed", daysAgo: 170, note: "Agreed with the Local Offer team." },
        { to: "in_progress", daysAgo: 90, note: "First pages in review with parent carers." },
      ],
    },
    {
      input: {
        title: "The same driver on every school transport route",
        themes: ["transport"],
        saidPlain: "Families asked for the same driver and passenger assistant every day, because changes upset their children.",
        whatDone: null,
        notPossibleReason:
          "Transport is run by several companies and the council cannot promise the same driver every day. Instead, each route now has a named coordinator families can call when staff change.",
        involvement: "consult",
        ownerOrg: "Birmingham City Council",
        ownerRole: "Travel assist service manager",
        raisedOn: ago(260),
        responsePublishedOn: ago(230),
        targetOn: ago(60),
        nextReviewOn: addDays(day, 90),
      },
      ur: {
        title: "اسکول ٹرانسپورٹ کے ہر روٹ پر ایک ہی ڈرائیور",
        saidPlain: "خاندانوں نے ہر روز ایک ہی ڈرائیور اور مددگار کا مطالبہ کیا، کیونکہ تبدیلی سے ان کے بچے پریشان ہو جاتے ہیں۔",
        notPossibleReason:
          "ٹرانسپورٹ کئی کمپنیاں چلاتی ہیں اور کونسل ہر روز ایک ہی ڈرائیور کا وعدہ نہیں کر سکتی۔ اس کے بجائے اب ہر روٹ کا ایک نامزد رابطہ کار ہے جسے عملہ بدلنے پر خاندان فون کر سکتے ہیں۔",
      },
      steps: [
        { to: "under_review", daysAgo: 230, note: "Looked at with the transport providers." },
        { to: "not_possible", daysAgo: 90, note: "A named coordinator for each route instead." },
      ],
    },
  ];
  const cache: FigureCache = new Map();
  let created = 0;
  for (const entry of demo) {
    const result = await createItem(db, system, {
      ...entry.input,
      saidEasyRead: null,
      translations: { ur: entry.ur },
      evidence: {
        surveyId: survey.id,
        period: periodOf("stocktake", entry.input.raisedOn),
        kpiId: "K1",
        segmentType: null,
        segmentValue: null,
      },
      quoteIds: [],
      completedOn: null,
      visibility: "public",
    });
    if (result.status !== "saved") continue;
    created += 1;
    for (const step of entry.steps) {
      await changeStatus(db, system, result.id, { to: step.to, on: ago(step.daysAgo), note: step.note });
    }
    await publishItem(db, system, result.id, cache);
  }
  return created;
}
