/** `npm run migrate`: brings the database that DATABASE_URL names up to date. */
import { getDb, migrateToLatest } from "~/db.server";

const db = getDb();
try {
  const applied = await migrateToLatest(db);
  console.log(applied.length > 0 ? `Migrated: ${applied.join(", ")}` : "Already up to date.");
} finally {
  await db.destroy();
}
