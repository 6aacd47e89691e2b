import type { DB } from "~/db.server";
import { newId, newPublicId } from "~/codes.server";
import type { SurveyDefinition } from "~/domain/survey";
import { SurveyDefinitionSchema } from "~/schemas/survey-definition";

export interface PublishedSurvey {
  id: string;
  forumId: string;
  forumName: string;
  forumColour: string;
  slug: string;
  publicId: string;
  audience: string;
  status: "draft" | "open" | "closed";
  /** invite_only surveys need a single-use invitation link. */
  access: "public" | "invite_only";
  versionId: string;
  versionNo: number;
  definition: SurveyDefinition;
}

/** Creates a survey with its first version as a draft. */
export async function createSurvey(
  db: DB,
  input: { forumId: string; slug: string; definition: SurveyDefinition },
): Promise<{ id: string; publicId: string; versionId: string }> {
  const definition = SurveyDefinitionSchema.parse(input.definition);
  const now = new Date().toISOString();
  const id = newId();
  const versionId = newId();
  const publicId = newPublicId();
  await db.transaction().execute(async (trx) => {
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
  await db.transaction().execute(async (trx) => {
    const version = await trx
      .selectFrom("survey_versions")
      .select(["id", "survey_id", "published_at"])
      .where("id", "=", versionId)
      .where("forum_id", "=", forumId)
      .executeTakeFirst();
    if (!version) throw new Error("No such survey version in this forum");
    if (version.published_at) throw new Error("This version is already published");
    await trx
      .updateTable("survey_versions")
      .set({ published_at: new Date().toISOString() })
      .where("id", "=", versionId)
      .execute();
    await trx
      .updateTable("surveys")
      .set({ current_version_id: versionId, status: "open" })
      .where("id", "=", version.survey_id)
      .execute();
  });
}

export async function setSurveyStatus(db: DB, forumId: string, surveyId: string, status: "open" | "closed") {
  await db.updateTable("surveys").set({ status }).where("id", "=", surveyId).where("forum_id", "=", forumId).execute();
}

function publishedQuery(db: DB) {
  return db
    .selectFrom("surveys")
    .innerJoin("survey_versions", "survey_versions.id", "surveys.current_version_id")
    .innerJoin("forums", "forums.id", "surveys.forum_id")
    .select([
      "surveys.id",
      "surveys.forum_id",
      "forums.name as forum_name",
      "forums.colour as forum_colour",
      "surveys.slug",
      "surveys.public_id",
      "surveys.audience",
      "surveys.status",
      "surveys.access",
      "surveys.opens_at",
      "surveys.closes_at",
      "survey_versions.id as version_id",
      "survey_versions.version_no",
      "survey_versions.definition",
    ]);
}

type PublishedRow = Awaited<ReturnType<ReturnType<typeof publishedQuery>["executeTakeFirstOrThrow"]>>;

// Definitions are parsed once per version and kept: a published version never changes.
const definitionCache = new Map<string, SurveyDefinition>();

function toPublished(row: PublishedRow): PublishedSurvey {
  let definition = definitionCache.get(row.version_id);
  if (!definition) {
    definition = JSON.parse(row.definition) as SurveyDefinition;
    definitionCache.set(row.version_id, definition);
  }
  const now = new Date().toISOString();
  const closedByDate = (row.closes_at && row.closes_at <= now) || (row.opens_at && row.opens_at > now);
  return {
    id: row.id,
    forumId: row.forum_id,
    forumName: row.forum_name,
    forumColour: row.forum_colour,
    slug: row.slug,
    publicId: row.public_id,
    audience: row.audience,
    status: row.status === "open" && closedByDate ? "closed" : row.status,
    access: row.access,
    versionId: row.version_id,
    versionNo: row.version_no,
    definition,
  };
}

/** The published survey behind a public link, open or closed; undefined when there is none. */
export async function findPublishedSurvey(db: DB, publicId: string): Promise<PublishedSurvey | undefined> {
  const row = await publishedQuery(db).where("surveys.public_id", "=", publicId).executeTakeFirst();
  return row ? toPublished(row) : undefined;
}

export async function findPublishedSurveyBySlug(
  db: DB,
  forumId: string,
  slug: string,
): Promise<PublishedSurvey | undefined> {
  const row = await publishedQuery(db)
    .where("surveys.forum_id", "=", forumId)
    .where("surveys.slug", "=", slug)
    .executeTakeFirst();
  return row ? toPublished(row) : undefined;
}

/** The definition a response was pinned to, which may be an older version than the current. */
export async function getVersionDefinition(db: DB, versionId: string): Promise<SurveyDefinition> {
  const cached = definitionCache.get(versionId);
  if (cached) return cached;
  const row = await db
    .selectFrom("survey_versions")
    .select(["definition"])
    .where("id", "=", versionId)
    .where("published_at", "is not", null)
    .executeTakeFirstOrThrow();
  const definition = JSON.parse(row.definition) as SurveyDefinition;
  definitionCache.set(versionId, definition);
  return definition;
}

/** Open public surveys for the home page; invitation-only surveys are reached by their links. */
export async function listOpenSurveys(db: DB): Promise<PublishedSurvey[]> {
  const rows = await publishedQuery(db)
    .where("surveys.status", "=", "open")
    .where("surveys.access", "=", "public")
    .orderBy("forums.name")
    .orderBy("surveys.created_at")
    .execute();
  return rows.map(toPublished).filter((s) => s.status === "open");
}
