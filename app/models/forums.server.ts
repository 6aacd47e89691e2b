import type { DB } from "~/db.server";
import { newId } from "~/codes.server";

export interface ForumSummary {
  id: string;
  slug: string;
  name: string;
  colour: string;
}

export async function createForum(db: DB, input: { slug: string; name: string; colour?: string }): Promise<ForumSummary> {
  const forum = { id: newId(), slug: input.slug, name: input.name, colour: input.colour ?? "#5b2c83" };
  await db
    .insertInto("forums")
    .values({ ...forum, created_at: new Date().toISOString() })
    .execute();
  return forum;
}

export async function findForumBySlug(db: DB, slug: string): Promise<ForumSummary | undefined> {
  return db.selectFrom("forums").select(["id", "slug", "name", "colour"]).where("slug", "=", slug).executeTakeFirst();
}

export async function countForums(db: DB): Promise<number> {
  const row = await db
    .selectFrom("forums")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every forum, by name. */
export async function listForums(db: DB): Promise<{ id: string; name: string }[]> {
  return db.selectFrom("forums").select(["id", "name"]).orderBy("name").execute();
}
