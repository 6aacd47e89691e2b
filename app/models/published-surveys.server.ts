import type { DB } from "~/db.server";
import type { SurveyDefinition } from "~/domain/survey";

// Published surveys as respondents meet them: found by public id or slug, with the definition
// of the version that is live.

export interface PublishedSurvey {
  id: string;
  forumId: string;
  forumName: string;
  forumColour: string;
  slug: string;
  publicId: string;
  audience: string;
  status: "draft" | "open" | "closed";
  /** When a survey set to open on a later date opens (ISO instant); null once open, or with no such date. Closed until then. */
  opensAt: string | null;
  /** invite_only surveys need a single-use invitation link. */
  access: "public" | "invite_only";
  versionId: string;
  versionNo: number;
  definition: SurveyDefinition;
}

/** Creates a survey with its first version as a draft. */
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
    ]);
}

type PublishedRow = Awaited<ReturnType<ReturnType<typeof publishedQuery>["executeTakeFirstOrThrow"]>>;

// Definitions are parsed once per version and kept: a published version never changes. The
// survey lookups leave the definition out and read it only for a version not seen before, so
// every survey page does not copy tens of kilobytes of JSON out of the database.
const definitionCache = new Map<string, SurveyDefinition>();

async function toPublished(db: DB, row: PublishedRow): Promise<PublishedSurvey> {
  const definition = await getVersionDefinition(db, row.version_id);
  const now = new Date().toISOString();
  const closedByDate = (row.closes_at && row.closes_at <= now) || (row.opens_at && row.opens_at > now);
  const opensLater = row.status === "open" && row.opens_at !== null && row.opens_at > now && !(row.closes_at && row.closes_at <= now);
  return {
    id: row.id,
    forumId: row.forum_id,
    forumName: row.forum_name,
    forumColour: row.forum_colour,
    slug: row.slug,
    publicId: row.public_id,
    audience: row.audience,
    status: row.status === "open" && closedByDate ? "closed" : row.status,
    opensAt: opensLater ? row.opens_at : null,
    access: row.access,
    versionId: row.version_id,
    versionNo: row.version_no,
    definition,
  };
}

/** The published survey behind a public link, open or closed; undefined when there is none. */
export async function findPublishedSurvey(db: DB, publicId: string): Promise<PublishedSurvey | undefined> {
  const row = await publishedQuery(db).where("surveys.public_id", "=", publicId).executeTakeFirst();
  return row ? toPublished(db, row) : undefined;
}

export async function findPublishedSurveyBySlug(db: DB, forumId: string, slug: string): Promise<PublishedSurvey | undefined> {
  const row = await publishedQuery(db).where("surveys.forum_id", "=", forumId).where("surveys.slug", "=", slug).executeTakeFirst();
  return row ? toPublished(db, row) : undefined;
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

/**
 * The home page's public surveys (invitation-only surveys are reached by their links): those open
 * now, and those set to open on a later date, soonest first, so the page can say when.
 */
export async function listHomeSurveys(db: DB): Promise<{ open: PublishedSurvey[]; upcoming: PublishedSurvey[] }> {
  const surveys = await listPublicSurveys(db);
  const upcoming = surveys.filter((s) => s.opensAt !== null).sort((a, b) => (a.opensAt ?? "").localeCompare(b.opensAt ?? ""));
  return { open: surveys.filter((s) => s.status === "open"), upcoming };
}

async function listPublicSurveys(db: DB): Promise<PublishedSurvey[]> {
  const rows = await publishedQuery(db)
    .where("surveys.status", "=", "open")
    .where("surveys.access", "=", "public")
    .orderBy("forums.name")
    .orderBy("surveys.created_at")
    .execute();
  return Promise.all(rows.map((row) => toPublished(db, row)));
}
