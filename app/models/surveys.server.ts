import { transaction, type DB } from "~/db.server";
import { newId, newPublicId } from "~/codes.server";
import { isUniqueViolation } from "~/models/dialect.server";
import type { SurveyDefinition } from "~/domain/survey";
import { type CodeChange, codeChanges, languageProblems, type LanguageProblem } from "~/domain/survey-diff";
import { SurveyDefinitionSchema } from "~/schemas/survey-definition";

// Kept here for the callers that reach published surveys through this module.

export async function createSurvey(
  db: DB,
  input: { forumId: string; slug: string; definition: SurveyDefinition },
): Promise<{ id: string; publicId: string; versionId: string }> {
  const definition = SurveyDefinitionSchema.parse(input.definition);
  const now = new Date().toISOString();
  const id = newId();
  const versionId = newId();
  const publicId = newPublicId();
  await transaction(db, async (trx) => {
    await trx
      .insertInto("surveys")
      .values({
        id,
        forum_id: input.forumId,
        slug: input.slug,
        public_id: publicId,
        audience: definition.audience,
        status: "draft",
        current_version_id: null,
        opens_at: null,
        closes_at: null,
        created_at: now,
      })
      .execute();
    await trx
      .insertInto("survey_versions")
      .values({
        id: versionId,
        forum_id: input.forumId,
        survey_id: id,
        version_no: 1,
        definition: JSON.stringify(definition),
        published_at: null,
        created_at: now,
      })
      .execute();
  });
  return { id, publicId, versionId };
}

/**
 * Publishes a draft version and opens the survey. A published version is never written again:
 * responses keep the version they answered.
 */
export async function publishVersion(db: DB, forumId: string, versionId: string): Promise<void> {
  await transaction(db, async (trx) => {
    const version = await trx
      .selectFrom("survey_versions")
      .select(["id", "survey_id", "published_at"])
      .where("id", "=", versionId)
      .where("forum_id", "=", forumId)
      .executeTakeFirst();
    if (!version) throw new Error("No such survey version in this forum");
    if (version.published_at) throw new Error("This version is already published");
    await trx.updateTable("survey_versions").set({ published_at: new Date().toISOString() }).where("id", "=", versionId).execute();
    await trx.updateTable("surveys").set({ current_version_id: versionId, status: "open" }).where("id", "=", version.survey_id).execute();
  });
}

export async function setSurveyStatus(db: DB, forumId: string, surveyId: string, status: "open" | "closed") {
  await db.updateTable("surveys").set({ status }).where("id", "=", surveyId).where("forum_id", "=", forumId).execute();
}

// ---------------------------------------------------------------------------------------------
// The survey builder (forum admins). A survey has at most one draft: its newest version with no
// published_at. Published versions are never written again; editing one starts a new draft.

type SurveyListStatus = "draft" | "open" | "closed" | "not_yet_open" | "past_closing";

interface SurveySummary {
  id: string;
  slug: string;
  publicId: string;
  title: string;
  status: SurveyListStatus;
  currentVersionNo: number | null;
  draftVersionNo: number | null;
  opensAt: string | null;
  closesAt: string | null;
  submitted: number;
  inProgress: number;
}

function listStatus(row: { status: string; opens_at: string | null; closes_at: string | null }, now: string): SurveyListStatus {
  if (row.status !== "open") return row.status === "closed" ? "closed" : "draft";
  if (row.closes_at && row.closes_at <= now) return "past_closing";
  if (row.opens_at && row.opens_at > now) return "not_yet_open";
  return "open";
}

function titleOf(definitionJson: string): string {
  try {
    return (JSON.parse(definitionJson) as SurveyDefinition).title.en;
  } catch {
    return "";
  }
}

/** Submitted and in-progress responses per survey (or per version), for one forum. */
async function responseCounts(db: DB, forumId: string, by: "survey_id" | "survey_version_id", surveyId?: string) {
  let query = db
    .selectFrom("responses")
    .select([by, "status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("forum_id", "=", forumId)
    .groupBy([by, "status"]);
  if (surveyId) query = query.where("survey_id", "=", surveyId);
  const counts = new Map<string, { submitted: number; inProgress: number }>();
  for (const row of await query.execute()) {
    const key = (row as Record<string, unknown>)[by] as string;
    const entry = counts.get(key) ?? { submitted: 0, inProgress: 0 };
    if (row.status === "submitted") entry.submitted += Number(row.n);
    else entry.inProgress += Number(row.n);
    counts.set(key, entry);
  }
  return counts;
}

/** Every survey of a forum, newest first, with its latest title and response counts. */
export async function listSurveys(db: DB, forumId: string): Promise<SurveySummary[]> {
  const surveys = await db
    .selectFrom("surveys")
    .select(["id", "slug", "public_id", "status", "current_version_id", "opens_at", "closes_at", "created_at"])
    .where("forum_id", "=", forumId)
    .orderBy("created_at", "desc")
    .orderBy("slug")
    .execute();
  const versions = await db
    .selectFrom("survey_versions")
    .select(["id", "survey_id", "version_no", "published_at"])
    .where("forum_id", "=", forumId)
    .execute();
  const latest = new Map<string, (typeof versions)[number]>();
  for (const version of versions) {
    const seen = latest.get(version.survey_id);
    if (!seen || version.version_no > seen.version_no) latest.set(version.survey_id, version);
  }
  const titleIds = [...latest.values()].map((v) => v.id);
  const titles = new Map<string, string>();
  if (titleIds.length > 0) {
    const rows = await db
      .selectFrom("survey_versions")
      .select(["survey_id", "definition"])
      .where("forum_id", "=", forumId)
      .where("id", "in", titleIds)
      .execute();
    for (const row of rows) titles.set(row.survey_id, titleOf(row.definition));
  }
  const versionNo = new Map(versions.map((v) => [v.id, v.version_no]));
  const counts = await responseCounts(db, forumId, "survey_id");
  const now = new Date().toISOString();
  return surveys.map((s) => {
    const newest = latest.get(s.id);
    return {
      id: s.id,
      slug: s.slug,
      publicId: s.public_id,
      title: titles.get(s.id) ?? s.slug,
      status: listStatus(s, now),
      currentVersionNo: s.current_version_id ? (versionNo.get(s.current_version_id) ?? null) : null,
      draftVersionNo: newest && !newest.published_at ? newest.version_no : null,
      opensAt: s.opens_at,
      closesAt: s.closes_at,
      submitted: counts.get(s.id)?.submitted ?? 0,
      inProgress: counts.get(s.id)?.inProgress ?? 0,
    };
  });
}

interface SurveyVersionSummary {
  id: string;
  versionNo: number;
  publishedAt: string | null;
  createdAt: string;
  current: boolean;
  questions: number;
  languages: string[];
  submitted: number;
  inProgress: number;
}

interface SurveyOverview {
  id: string;
  slug: string;
  publicId: string;
  title: string;
  status: SurveyListStatus;
  storedStatus: "draft" | "open" | "closed";
  access: "public" | "invite_only";
  opensAt: string | null;
  closesAt: string | null;
  /** Newest first. */
  versions: SurveyVersionSummary[];
  draft: SurveyVersionSummary | null;
  current: SurveyVersionSummary | null;
}

/** One survey of the forum with its versions; undefined when the forum has no such survey. */
export async function getSurveyOverview(db: DB, forumId: string, surveyId: string): Promise<SurveyOverview | undefined> {
  const survey = await db
    .selectFrom("surveys")
    .select(["id", "slug", "public_id", "status", "access", "current_version_id", "opens_at", "closes_at"])
    .where("forum_id", "=", forumId)
    .where("id", "=", surveyId)
    .executeTakeFirst();
  if (!survey) return undefined;
  const rows = await db
    .selectFrom("survey_versions")
    .select(["id", "version_no", "published_at", "created_at", "definition"])
    .where("forum_id", "=", forumId)
    .where("survey_id", "=", surveyId)
    .orderBy("version_no", "desc")
    .execute();
  const counts = await responseCounts(db, forumId, "survey_version_id", surveyId);
  const versions = rows.map((row): SurveyVersionSummary => {
    const definition = JSON.parse(row.definition) as SurveyDefinition;
    return {
      id: row.id,
      versionNo: row.version_no,
      publishedAt: row.published_at,
      createdAt: row.created_at,
      current: row.id === survey.current_version_id,
      questions: definition.questions.length,
      languages: definition.languages,
      submitted: counts.get(row.id)?.submitted ?? 0,
      inProgress: counts.get(row.id)?.inProgress ?? 0,
    };
  });
  const newest = rows[0];
  return {
    id: survey.id,
    slug: survey.slug,
    publicId: survey.public_id,
    title: newest ? titleOf(newest.definition) : survey.slug,
    status: listStatus(survey, new Date().toISOString()),
    storedStatus: survey.status,
    access: survey.access,
    opensAt: survey.opens_at,
    closesAt: survey.closes_at,
    versions,
    draft: versions[0] && !versions[0].publishedAt ? versions[0] : null,
    current: versions.find((v) => v.current) ?? null,
  };
}

interface EditableSurvey {
  id: string;
  slug: string;
  publicId: string;
  status: "draft" | "open" | "closed";
  draft: { versionId: string; versionNo: number; definition: SurveyDefinition } | null;
  /** Every published version, newest first. */
  published: { versionId: string; versionNo: number; definition: SurveyDefinition }[];
  /** What the builder starts from: the draft, or else the newest published version. */
  base: SurveyDefinition;
  /** The number the draft has, or will have once saved. */
  draftVersionNo: number;
}

/** A survey as the builder and the preview need it; undefined when the forum has no such survey. */
export async function getDraft(db: DB, forumId: string, surveyId: string): Promise<EditableSurvey | undefined> {
  const survey = await db
    .selectFrom("surveys")
    .select(["id", "slug", "public_id", "status"])
    .where("forum_id", "=", forumId)
    .where("id", "=", surveyId)
    .executeTakeFirst();
  if (!survey) return undefined;
  const rows = await db
    .selectFrom("survey_versions")
    .select(["id", "version_no", "published_at", "definition"])
    .where("forum_id", "=", forumId)
    .where("survey_id", "=", surveyId)
    .orderBy("version_no", "desc")
    .execute();
  const versions = rows.map((row) => ({
    versionId: row.id,
    versionNo: row.version_no,
    publishedAt: row.published_at,
    definition: JSON.parse(row.definition) as SurveyDefinition,
  }));
  const draftRow = versions.find((v) => !v.publishedAt) ?? null;
  const published = versions
    .filter((v) => v.publishedAt)
    .map(({ versionId, versionNo, definition }) => ({ versionId, versionNo, definition }));
  const draft = draftRow ? { versionId: draftRow.versionId, versionNo: draftRow.versionNo, definition: draftRow.definition } : null;
  return {
    id: survey.id,
    slug: survey.slug,
    publicId: survey.public_id,
    status: survey.status,
    draft,
    published,
    base: (draft ?? published[0]).definition,
    draftVersionNo: draft ? draft.versionNo : (versions[0]?.versionNo ?? 0) + 1,
  };
}

type SaveDraftResult =
  { ok: true; versionId: string; versionNo: number; created: boolean } | { ok: false; reason: "code_changes"; changes: CodeChange[] };

/**
 * Stores a checked definition as the survey's draft: over the existing draft, or as a new
 * version after the newest published one. Refused when it renames a published question's code.
 * `origins[i]`: the published code question i was loaded with, when the builder knows it.
 */
export async function saveDraft(
  db: DB,
  forumId: string,
  surveyId: string,
  input: SurveyDefinition,
  options: { origins?: readonly (string | null | undefined)[] } = {},
): Promise<SaveDraftResult> {
  const definition = SurveyDefinitionSchema.parse(input);
  return transaction(db, async (trx) => {
    const editable = await getDraft(trx, forumId, surveyId);
    if (!editable) throw new Error("No such survey in this forum");
    const changes = codeChanges(
      editable.published.map((p) => p.definition),
      definition.questions,
      options.origins,
    );
    if (changes.length > 0) return { ok: false, reason: "code_changes", changes };
    const json = JSON.stringify(definition);
    if (editable.draft) {
      const result = await trx
        .updateTable("survey_versions")
        .set({ definition: json })
        .where("id", "=", editable.draft.versionId)
        .where("forum_id", "=", forumId)
        // Never a published version, whatever happened since it was read.
        .where("published_at", "is", null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new Error("The draft was published while it was being saved");
      return { ok: true, versionId: editable.draft.versionId, versionNo: editable.draft.versionNo, created: false };
    }
    const versionId = newId();
    await trx
      .insertInto("survey_versions")
      .values({
        id: versionId,
        forum_id: forumId,
        survey_id: surveyId,
        version_no: editable.draftVersionNo,
        definition: json,
        published_at: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    return { ok: true, versionId, versionNo: editable.draftVersionNo, created: true };
  });
}

/** The survey's draft, starting one from the newest published version when there is none. */
export async function startNewDraftVersion(
  db: DB,
  forumId: string,
  surveyId: string,
): Promise<{ versionId: string; versionNo: number; created: boolean }> {
  const editable = await getDraft(db, forumId, surveyId);
  if (!editable) throw new Error("No such survey in this forum");
  if (editable.draft) return { versionId: editable.draft.versionId, versionNo: editable.draft.versionNo, created: false };
  const saved = await saveDraft(db, forumId, surveyId, editable.base);
  if (!saved.ok) throw new Error("A copy of the published version cannot change a code");
  return { versionId: saved.versionId, versionNo: saved.versionNo, created: saved.created };
}

type PublishDraftResult =
  | { ok: true; versionId: string; versionNo: number; opened: boolean }
  | { ok: false; reason: "no_draft" }
  | { ok: false; reason: "code_changes"; changes: CodeChange[] }
  | { ok: false; reason: "invalid"; messages: string[] }
  | { ok: false; reason: "languages"; problems: LanguageProblem[] };

/**
 * Publishes the draft: it becomes the version new respondents answer, and is never written
 * again. Responses already started keep their version. A survey published for the first time
 * opens; a closed survey stays closed until it is opened.
 */
export async function publishDraft(db: DB, forumId: string, surveyId: string): Promise<PublishDraftResult> {
  return transaction(db, async (trx): Promise<PublishDraftResult> => {
    const editable = await getDraft(trx, forumId, surveyId);
    if (!editable) throw new Error("No such survey in this forum");
    if (!editable.draft) return { ok: false, reason: "no_draft" };
    const checked = SurveyDefinitionSchema.safeParse(editable.draft.definition);
    if (!checked.success) return { ok: false, reason: "invalid", messages: checked.error.issues.map((i) => i.message) };
    const changes = codeChanges(
      editable.published.map((p) => p.definition),
      checked.data.questions,
    );
    if (changes.length > 0) return { ok: false, reason: "code_changes", changes };
    // A parent offered a language must get the whole survey in it, interface included.
    const problems = languageProblems(checked.data);
    if (problems.length > 0) return { ok: false, reason: "languages", problems };
    const result = await trx
      .updateTable("survey_versions")
      .set({ published_at: new Date().toISOString() })
      .where("id", "=", editable.draft.versionId)
      .where("forum_id", "=", forumId)
      .where("published_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return { ok: false, reason: "no_draft" };
    const opened = editable.status === "draft";
    await trx
      .updateTable("surveys")
      .set({
        current_version_id: editable.draft.versionId,
        audience: checked.data.audience,
        status: opened ? "open" : editable.status,
      })
      .where("id", "=", surveyId)
      .where("forum_id", "=", forumId)
      .execute();
    return { ok: true, versionId: editable.draft.versionId, versionNo: editable.draft.versionNo, opened };
  });
}

export async function isSlugTaken(db: DB, forumId: string, slug: string): Promise<boolean> {
  const row = await db.selectFrom("surveys").select("id").where("forum_id", "=", forumId).where("slug", "=", slug).executeTakeFirst();
  return Boolean(row);
}

type CreateDraftSurveyResult = { ok: true; id: string; publicId: string; versionId: string } | { ok: false; reason: "slug_taken" };

/** A new survey whose first version is a draft; the slug must be new in the forum. */
export async function createDraftSurvey(
  db: DB,
  input: { forumId: string; slug: string; definition: SurveyDefinition },
): Promise<CreateDraftSurveyResult> {
  if (await isSlugTaken(db, input.forumId, input.slug)) return { ok: false, reason: "slug_taken" };
  try {
    return { ok: true, ...(await createSurvey(db, input)) };
  } catch (error) {
    // Two admins choosing the same slug at once: the unique constraint decides.
    if (isUniqueViolation(error)) return { ok: false, reason: "slug_taken" };
    throw error;
  }
}

/**
 * A new, independent survey (new public id, draft version 1, no responses) from this survey's
 * draft, or from its current version when it has no draft.
 */
export async function duplicateSurvey(db: DB, forumId: string, surveyId: string, slug: string): Promise<CreateDraftSurveyResult> {
  const editable = await getDraft(db, forumId, surveyId);
  if (!editable) throw new Error("No such survey in this forum");
  return createDraftSurvey(db, { forumId, slug, definition: editable.base });
}

/** When the survey takes responses: null for no limit. Instants as ISO text. */
export async function setSurveyDates(
  db: DB,
  forumId: string,
  surveyId: string,
  dates: { opensAt: string | null; closesAt: string | null },
): Promise<void> {
  await db
    .updateTable("surveys")
    .set({ opens_at: dates.opensAt, closes_at: dates.closesAt })
    .where("id", "=", surveyId)
    .where("forum_id", "=", forumId)
    .execute();
}
