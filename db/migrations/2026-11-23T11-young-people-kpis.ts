import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";

// The young people's (easy read) versions of K1, K2 and K13 join the KPI register of every forum
// that has one, as version 1 with no target: the rows seedDefaultKpis writes for a new forum.
// - A forum that already has one of them, in any version, retired or not, keeps what it has.
// - A forum whose register is still empty is left empty: an empty register reports the default
//   KPIs, which now include these three, and storing only these would hide all the others (the
//   register is all or nothing).
// Frozen in time: the definitions are written out here, as they were on this date.
const KPIS = [
  {
    kpi_id: "K1_YP",
    name: "Overall experience (young people, easy read)",
    definition:
      '{"kind":"proportion","question":"yp_overall_experience","positive":["good"],"negative":["not_good"],"excluded":["dont_know"]}',
  },
  {
    kpi_id: "K2_YP",
    name: "Felt listened to (young people, easy read)",
    definition: '{"kind":"proportion","question":"yp_listened_to","positive":["yes"],"negative":["no"],"excluded":[]}',
  },
  {
    kpi_id: "K13_YP",
    name: "Feedback leads to change (young people, easy read)",
    definition:
      '{"kind":"proportion","question":"yp_feedback_leads_to_change","positive":["yes"],"negative":["no"],"excluded":["dont_know"]}',
  },
];

const IDS = KPIS.map((k) => k.kpi_id);

export async function up(db: Kysely<any>): Promise<void> {
  const forums = await db.selectFrom("kpi_definitions").select("forum_id").distinct().execute();
  const existing = await db.selectFrom("kpi_definitions").select(["forum_id", "kpi_id"]).where("kpi_id", "in", IDS).execute();
  const have = new Set(existing.map((r) => `${r.forum_id}\u0000${r.kpi_id}`));
  const now = new Date().toISOString();
  const rows = forums.flatMap(({ forum_id }) =>
    KPIS.filter((k) => !have.has(`${forum_id}\u0000${k.kpi_id}`)).map((k) => ({
      id: randomUUID(),
      forum_id,
      kpi_id: k.kpi_id,
      version: 1,
      name: k.name,
      definition: k.definition,
      target: null,
      created_at: now,
      retired_at: null,
    })),
  );
  // A hundred rows (900 values) a statement keeps well inside every driver's parameter limit.
  for (let i = 0; i < rows.length; i += 100) {
    await db
      .insertInto("kpi_definitions")
      .values(rows.slice(i, i + 100))
      .execute();
  }
}

// Every version of the three KPIs goes, with any target or change a forum made to them since.
export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom("kpi_definitions").where("kpi_id", "in", IDS).execute();
}
