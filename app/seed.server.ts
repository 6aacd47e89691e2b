import { randomBytes } from "node:crypto";
import type { DB } from "~/db.server";
import { hashCode, newCode, newId } from "~/codes.server";
import { londonDate } from "~/domain/periods";
import { visibleQuestions, type Answers } from "~/domain/routing";
import { optionsOf, type SurveyDefinition } from "~/domain/survey";
import { countForums, createForum } from "~/models/forums.server";
import { seedDefaultKpis } from "~/models/kpi-register.server";
import { markKpisStale } from "~/models/kpi-stale.server";
import { seedThemes } from "~/models/moderation.server";
import { answerRows, CONSENT_PURPOSES, consentWordingVersion } from "~/models/responses.server";
import { createInvitationBatch, setSurveyAccess } from "~/models/survey-invitations.server";
import { createSurvey, publishVersion } from "~/models/surveys.server";
import { addMembership, createUser } from "~/models/users.server";
import { seedDemoYouSaidWeDid } from "~/models/yswd.server";
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
export async function seedDemoForum(db: DB, options: { sampleResponses: boolean; demoPassword?: string; now: Date }): Promise<SeedResult> {
  if ((await countForums(db)) > 0) return { seeded: false, surveys: [], sampleResponses: 0 };
  const forum = await createForum(db, DEMO_FORUM);
  await seedThemes(db, forum.id);
  await seedDefaultKpis(db, forum.id);
  const generatedPassword = options.demoPassword ? undefined : randomBytes(12).toString("base64url");
  const password = options.demoPassword ?? generatedPassword ?? "";
  for (const user of DEMO_USERS) {
    const userId = await createUser(db, { email: user.email, password });
    await addMembership(db, { userId, forumId: forum.id, role: user.role, safeguardingLead: user.safeguardingLead });
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
  // "You said, we did" demo items cite the sample responses' K1, so they come only with them.
  if (options.sampleResponses) await seedDemoYouSaidWeDid(db, forum.id, options.now);
  return { seeded: true, generatedPassword, forumId: forum.id, surveys, invitationLinks, sampleResponses };
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
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < input.count; i++) {
      const id = newId();
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
      const at = submitted.toISOString();
      dates.push(londonDate(submitted));
      await trx
        .insertInto("responses")
        .values({
          id,
          forum_id: input.forumId,
          survey_id: input.surveyId,
          survey_version_id: input.versionId,
          status: "submitted",
          language: random() < 0.15 ? "ur" : "en",
          respondent_role: input.definition.audience,
          source: "demo",
          idempotency_key: null,
          resume_hash: null,
          receipt_hash: hashCode(newCode(12)),
          started_at: at,
          updated_at: at,
          submitted_at: at,
          submitted_on: londonDate(submitted),
        })
        .execute();
      const rows = Object.entries(answers).flatMap(([code, value]) => answerRows(input.forumId, id, code, value));
      if (rows.length > 0) await trx.insertInto("answers").values(rows).execute();
      await trx
        .insertInto("consents")
        .values(
          CONSENT_PURPOSES.map((purpose) => ({
            response_id: id,
            forum_id: input.forumId,
            purpose,
            granted: purpose === "follow_up" ? 0 : 1,
            wording_version: consentWordingVersion(input.definition.audience),
            language: "en",
            recorded_at: at,
          })),
        )
        .execute();
    }
    await markKpisStale(trx, input.surveyId, dates);
  });
  return input.count;
}
