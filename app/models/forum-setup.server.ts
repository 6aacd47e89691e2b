/**
 * Forums of an installation by their codes (each forum's slug), for the command-line tools and
 * the network: setting up a new forum with the default surveys, listing forums, and finding a
 * forum's survey by public id or slug.
 */
import { transaction, type DB } from "~/db.server";
import { FORUM_CODE } from "~/domain/network-counts";
import { SURVEY_TEMPLATES } from "~/templates";
import { recordAudit } from "./audit.server";
import { isUniqueViolation } from "./dialect.server";
import { createForum } from "./forums.server";
import { seedDefaultKpis } from "./kpi-register.server";
import { seedThemes } from "./moderation-themes.server";
import { setSurveyAccess } from "./survey-invitations.server";
import { createSurvey, publishVersion } from "./surveys.server";

/** A request about forums the caller can put right (a bad or taken code, an unknown forum). */
export class ForumSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ForumSetupError";
  }
}

export interface ForumListing {
  id: string;
  code: string;
  name: string;
  createdAt: string;
}

/** Every forum of the installation, by code. */
export async function listForumCodes(db: DB): Promise<ForumListing[]> {
  const rows = await db.selectFrom("forums").select(["id", "slug", "name", "created_at"]).orderBy("slug").execute();
  return rows.map((r) => ({ id: r.id, code: r.slug, name: r.name, createdAt: r.created_at }));
}

export async function findForumByCode(db: DB, code: string): Promise<ForumListing | undefined> {
  const row = await db.selectFrom("forums").select(["id", "slug", "name", "created_at"]).where("slug", "=", code).executeTakeFirst();
  return row ? { id: row.id, code: row.slug, name: row.name, createdAt: row.created_at } : undefined;
}

/** A forum's name: 1 to 200 characters, no control characters. */
export function checkForumName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 200 || /\p{Cc}/u.test(trimmed)) {
    throw new ForumSetupError("The forum's name must be 1 to 200 characters, on one line.");
  }
  return trimmed;
}

export function checkForumCode(code: string): string {
  if (!FORUM_CODE.test(code)) {
    throw new ForumSetupError(
      `"${code}" cannot be a forum's code: use lower-case letters, digits and hyphens (up to 63), starting with a letter or digit, such as leeds-pcf.`,
    );
  }
  return code;
}

/**
 * A new forum with what every forum starts with: the standard KPI register, the moderation
 * themes, and the default surveys published and open (the SENCO survey by invitation only). No
 * responses and no members. Refuses a code another forum has here, or one a forum on an
 * installation of its own uses in the network (their counts would be mixed up). Audited in the
 * new forum's log.
 */
export async function createForumWithDefaultSurveys(
  db: DB,
  input: { code: string; name: string; actor: string },
): Promise<{ forum: ForumListing; surveys: { slug: string; publicId: string }[] }> {
  const code = checkForumCode(input.code);
  const name = checkForumName(input.name);
  try {
    return await transaction(db, async (trx) => {
      if (await findForumByCode(trx, code)) throw new ForumSetupError(`A forum with the code ${code} is already here.`);
      const outside = await trx.selectFrom("network_counts").select("forum_code").where("forum_code", "=", code).executeTakeFirst();
      const member = await trx.selectFrom("network_members").select("forum_code").where("forum_code", "=", code).executeTakeFirst();
      if (outside || member) {
        throw new ForumSetupError(`The code ${code} belongs to a forum in the network with an installation of its own: choose another.`);
      }
      const forum = await createForum(trx, { slug: code, name });
      await seedThemes(trx, forum.id);
      await seedDefaultKpis(trx, forum.id);
      const surveys: { slug: string; publicId: string }[] = [];
      for (const template of SURVEY_TEMPLATES) {
        const created = await createSurvey(trx, { forumId: forum.id, slug: template.slug, definition: template.definition });
        await publishVersion(trx, forum.id, created.versionId);
        // One response per setting per wave: SENCOs answer through single-use links.
        if (template.definition.audience === "senco") await setSurveyAccess(trx, forum.id, created.id, "invite_only");
        surveys.push({ slug: template.slug, publicId: created.publicId });
      }
      await recordAudit(trx, {
        forumId: forum.id,
        actor: input.actor,
        action: "forum.created",
        subject: code,
        detail: { surveys: surveys.length },
      });
      const listing = await findForumByCode(trx, code);
      if (!listing) throw new Error("the new forum could not be read back");
      return { forum: listing, surveys };
    });
  } catch (error) {
    // Two set-ups of one code at once: the second finds the first's row only at commit.
    if (isUniqueViolation(error)) throw new ForumSetupError(`A forum with the code ${code} is already here.`);
    throw error;
  }
}

/**
 * The forum's published survey a command line names, by public id or slug. Undefined when the
 * forum has no published survey by that name.
 */
export async function findForumSurvey(
  db: DB,
  forumId: string,
  reference: string,
): Promise<{ surveyId: string; slug: string; publicId: string } | undefined> {
  const row = await db
    .selectFrom("surveys")
    .select(["id", "slug", "public_id"])
    .where("forum_id", "=", forumId)
    .where((eb) => eb.or([eb("public_id", "=", reference), eb("slug", "=", reference)]))
    .where("current_version_id", "is not", null)
    .orderBy("created_at")
    .orderBy("id")
    .executeTakeFirst();
  return row ? { surveyId: row.id, slug: row.slug, publicId: row.public_id } : undefined;
}

/** The forum a survey's public id belongs to (public ids are unique in an installation). */
export async function forumOfPublicId(db: DB, publicId: string): Promise<ForumListing | undefined> {
  const row = await db.selectFrom("surveys").select("forum_id").where("public_id", "=", publicId).executeTakeFirst();
  if (!row) return undefined;
  const forum = await db
    .selectFrom("forums")
    .select(["id", "slug", "name", "created_at"])
    .where("id", "=", row.forum_id)
    .executeTakeFirst();
  return forum ? { id: forum.id, code: forum.slug, name: forum.name, createdAt: forum.created_at } : undefined;
}
