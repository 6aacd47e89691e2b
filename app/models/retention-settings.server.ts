import type { DB } from "~/db.server";
import { DEFAULT_RETENTION_MONTHS } from "./retention.server";

/**
 * The retention periods in use across all forums, distinct and smallest first, for the public
 * privacy page. With no forum yet, the default period.
 */
export async function retentionPeriods(db: DB): Promise<number[]> {
  const rows = await db.selectFrom("forums").select("retention_months").distinct().orderBy("retention_months").execute();
  const months = rows.map((r) => Number(r.retention_months));
  return months.length > 0 ? months : [DEFAULT_RETENTION_MONTHS];
}
