/**
 * The KPI register: each forum's KPI definitions, their versions and targets (the KPI contract, "The KPIs":
 * "the register shows each KPI's definition and its version, and changing a definition starts a
 * new version").
 *
 * What is a definition, and what is not:
 * - The definition is what gets counted: question(s), positive, negative and excluded options, and
 *   the kind. Changing any of it starts a new version; the old version is kept with `retired_at`
 *   set, so the register shows its history.
 * - The target and the name are not: a target is the forum's goal, not a figure about respondents,
 *   and the name is wording. Changing either updates the current version in place.
 * Figures are always computed under the CURRENT version (see computeKpiCells), for every period,
 * from the raw monthly counts, so a trend never mixes two definitions.
 */
import { transaction, type DB } from "~/db.server";
import { newId } from "~/codes.server";
import { DEFAULT_KPIS, EHCP_QUALITY_INDEX_MINIMUM, type KpiDefinition } from "~/domain/kpi-definitions";

/** A KPI as the register holds it now: its current definition, version and target. */
export interface RegisteredKpi extends KpiDefinition {
  version: number;
  /** The forum's target percent, or null when none is set. */
  target: number | null;
  createdAt: string;
  /** Null for the current version; set on replaced versions (listKpiVersions). */
  retiredAt: string | null;
}

/** What a forum saves: a definition, and optionally a target (undefined keeps the current one). */
export type KpiDefinitionInput = KpiDefinition & { target?: number | null };

export class KpiDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KpiDefinitionError";
  }
}

const CODE = /^[a-z][a-z0-9_]{0,62}$/;
const KPI_ID = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;

/** Checks a definition before it reaches the register; throws KpiDefinitionError with the reason. */
export function checkKpiDefinition(def: KpiDefinitionInput): void {
  const fail = (reason: string) => {
    throw new KpiDefinitionError(`KPI ${def.id || "(no id)"}: ${reason}`);
  };
  if (!KPI_ID.test(def.id)) fail("the id must be letters and digits, starting with a letter, such as K15");
  if (!def.name || def.name.trim().length === 0 || def.name.length > 200) fail("the name must be 1 to 200 characters");
  const kind = def.kind ?? "proportion";
  if (kind !== "proportion" && kind !== "ehcp_quality_index") fail(`unknown kind "${String(kind)}"`);
  for (const [label, codes] of [
    ["positive", def.positive],
    ["negative", def.negative],
    ["excluded", def.excluded],
  ] as const) {
    if (!Array.isArray(codes) || codes.some((c) => typeof c !== "string" || !CODE.test(c))) {
      fail(`${label} must be a list of option codes`);
    }
  }
  if (def.positive.length === 0) fail("at least one positive option is needed");
  const excluded = new Set(def.excluded);
  const overlap = [...def.positive, ...def.negative].filter((c) => excluded.has(c));
  if (overlap.length > 0) fail(`an excluded option cannot also be counted: ${overlap.join(", ")}`);
  const positive = new Set(def.positive);
  const both = def.negative.filter((c) => positive.has(c));
  if (both.length > 0) fail(`an option cannot be both positive and negative: ${both.join(", ")}`);
  if (kind === "proportion") {
    if (!CODE.test(def.question)) fail("the question must be a question code");
  } else {
    const questions = def.questions ?? [];
    if (questions.length < EHCP_QUALITY_INDEX_MINIMUM || questions.some((q) => !CODE.test(q))) {
      fail(`an index needs at least ${EHCP_QUALITY_INDEX_MINIMUM} question codes`);
    }
  }
  if (def.target !== undefined && def.target !== null && !(Number.isFinite(def.target) && def.target >= 0 && def.target <= 100)) {
    fail("the target must be a percent from 0 to 100");
  }
}

/** The stored definition: only what is counted (not the id, name or target). */
function storedDefinition(def: KpiDefinition): string {
  const kind = def.kind ?? "proportion";
  return JSON.stringify({
    kind,
    question: def.question,
    ...(kind === "ehcp_quality_index" ? { questions: [...(def.questions ?? [])] } : {}),
    positive: [...def.positive],
    negative: [...def.negative],
    excluded: [...def.excluded],
  });
}

/** Same counting rule? Order of option codes does not change what is counted. */
function sameDefinition(a: KpiDefinition, b: KpiDefinition): boolean {
  const canonical = (d: KpiDefinition) => {
    const kind = d.kind ?? "proportion";
    return JSON.stringify({
      kind,
      question: kind === "proportion" ? d.question : null,
      questions: kind === "proportion" ? null : [...(d.questions ?? [])].sort(),
      positive: [...d.positive].sort(),
      negative: [...d.negative].sort(),
      excluded: [...d.excluded].sort(),
    });
  };
  return canonical(a) === canonical(b);
}

interface KpiRow {
  kpi_id: string;
  version: number;
  name: string;
  definition: string;
  target: number | null;
  created_at: string;
  retired_at: string | null;
}

function fromRow(row: KpiRow): RegisteredKpi {
  const stored = JSON.parse(row.definition) as Omit<KpiDefinition, "id" | "name">;
  return {
    id: row.kpi_id,
    name: row.name,
    question: stored.question,
    ...(stored.questions ? { questions: stored.questions } : {}),
    positive: stored.positive,
    negative: stored.negative,
    excluded: stored.excluded,
    kind: stored.kind ?? "proportion",
    version: Number(row.version),
    target: row.target === null ? null : Number(row.target),
    createdAt: row.created_at,
    retiredAt: row.retired_at,
  };
}

/** The standard register order (K1 … K6, K6i, K7 … K13, then K1_YP, K2_YP, K13_YP), then the forum's own KPIs by id. */
function registerOrder(a: { id: string }, b: { id: string }): number {
  const rank = (id: string) => {
    const i = DEFAULT_KPIS.findIndex((k) => k.id === id);
    return i === -1 ? DEFAULT_KPIS.length : i;
  };
  return rank(a.id) - rank(b.id) || a.id.localeCompare(b.id, "en", { numeric: true });
}

const KPI_COLUMNS = ["kpi_id", "version", "name", "definition", "target", "created_at", "retired_at"] as const;

/**
 * Puts the standard defaults in a forum's register as version 1 of each, with no targets.
 * Idempotent: a KPI the forum already has (in any version, retired or not) is left alone.
 */
export async function seedDefaultKpis(db: DB, forumId: string): Promise<number> {
  const existing = await db.selectFrom("kpi_definitions").select("kpi_id").where("forum_id", "=", forumId).execute();
  const have = new Set(existing.map((r) => r.kpi_id));
  const now = new Date().toISOString();
  const rows = DEFAULT_KPIS.filter((k) => !have.has(k.id)).map((k) => ({
    id: newId(),
    forum_id: forumId,
    kpi_id: k.id,
    version: 1,
    name: k.name,
    definition: storedDefinition(k),
    target: null,
    created_at: now,
    retired_at: null,
  }));
  if (rows.length > 0) {
    await db
      .insertInto("kpi_definitions")
      .values(rows)
      .onConflict((oc) => oc.columns(["forum_id", "kpi_id", "version"]).doNothing())
      .execute();
  }
  return rows.length;
}

/**
 * The current version of each KPI in the forum's register, in register order. A forum that has
 * never touched its register reports the standard defaults (version 1, no targets), exactly what
 * seedDefaultKpis would store.
 */
/** The standard register every forum starts with: version 1 of each default KPI, no targets. */
export function defaultRegister(): RegisteredKpi[] {
  return DEFAULT_KPIS.map((k) => ({ ...k, kind: k.kind ?? "proportion", version: 1, target: null, createdAt: "", retiredAt: null }));
}

export async function listKpis(db: DB, forumId: string): Promise<RegisteredKpi[]> {
  const rows = await db.selectFrom("kpi_definitions").select(KPI_COLUMNS).where("forum_id", "=", forumId).execute();
  if (rows.length === 0) return defaultRegister();
  return rows
    .filter((r) => r.retired_at === null)
    .map(fromRow)
    .sort(registerOrder);
}

/** listKpis for several forums in one query: forum id → its current KPIs, register order. */
export async function listKpisOfForums(db: DB, forumIds: readonly string[]): Promise<Map<string, RegisteredKpi[]>> {
  const out = new Map<string, RegisteredKpi[]>();
  if (forumIds.length === 0) return out;
  const rows = await db
    .selectFrom("kpi_definitions")
    .select(["forum_id", ...KPI_COLUMNS])
    .where("forum_id", "in", [...forumIds])
    .execute();
  const byForum = new Map<string, typeof rows>();
  for (const row of rows) {
    const list = byForum.get(row.forum_id);
    if (list) list.push(row);
    else byForum.set(row.forum_id, [row]);
  }
  for (const id of forumIds) {
    const own = byForum.get(id) ?? [];
    out.set(
      id,
      own.length === 0
        ? defaultRegister()
        : own
            .filter((r) => r.retired_at === null)
            .map(fromRow)
            .sort(registerOrder),
    );
  }
  return out;
}

/** Every version of one KPI, oldest first (the register's history). */
export async function listKpiVersions(db: DB, forumId: string, kpiId: string): Promise<RegisteredKpi[]> {
  const rows = await db
    .selectFrom("kpi_definitions")
    .select(KPI_COLUMNS)
    .where("forum_id", "=", forumId)
    .where("kpi_id", "=", kpiId)
    .orderBy("version")
    .execute();
  if (rows.length === 0 && !(await hasRegister(db, forumId))) {
    const def = DEFAULT_KPIS.find((k) => k.id === kpiId);
    return def ? [{ ...def, kind: def.kind ?? "proportion", version: 1, target: null, createdAt: "", retiredAt: null }] : [];
  }
  return rows.map(fromRow);
}

/** Every version of every KPI in the forum's register, oldest first per KPI, from one query. */
export async function listAllKpiVersions(db: DB, forumId: string): Promise<Map<string, RegisteredKpi[]>> {
  const rows = await db
    .selectFrom("kpi_definitions")
    .select(KPI_COLUMNS)
    .where("forum_id", "=", forumId)
    .orderBy("kpi_id")
    .orderBy("version")
    .execute();
  const byKpi = new Map<string, RegisteredKpi[]>();
  if (rows.length === 0) {
    for (const def of DEFAULT_KPIS)
      byKpi.set(def.id, [{ ...def, kind: def.kind ?? "proportion", version: 1, target: null, createdAt: "", retiredAt: null }]);
    return byKpi;
  }
  for (const row of rows) {
    const kpi = fromRow(row);
    const versions = byKpi.get(kpi.id);
    if (versions) versions.push(kpi);
    else byKpi.set(kpi.id, [kpi]);
  }
  return byKpi;
}

async function hasRegister(db: DB, forumId: string): Promise<boolean> {
  const row = await db.selectFrom("kpi_definitions").select("id").where("forum_id", "=", forumId).limit(1).executeTakeFirst();
  return row !== undefined;
}

async function currentRow(db: DB, forumId: string, kpiId: string) {
  return db
    .selectFrom("kpi_definitions")
    .select(["id", ...KPI_COLUMNS])
    .where("forum_id", "=", forumId)
    .where("kpi_id", "=", kpiId)
    .where("retired_at", "is", null)
    .executeTakeFirst();
}

/**
 * Adds or changes a KPI. A changed counting rule starts a new version (the old one is kept,
 * retired); the same rule with a new name or target updates the current version in place.
 * A target left undefined carries over to the new version.
 */
export async function saveKpiDefinition(db: DB, forumId: string, def: KpiDefinitionInput): Promise<{ version: number; created: boolean }> {
  checkKpiDefinition(def);
  return transaction(db, async (trx) => {
    // The register is all or nothing: the first change stores the defaults beside it.
    if (!(await hasRegister(trx, forumId))) await seedDefaultKpis(trx, forumId);
    const current = await currentRow(trx, forumId, def.id);
    const now = new Date().toISOString();
    if (current && sameDefinition(fromRow(current), def)) {
      await trx
        .updateTable("kpi_definitions")
        .set({ name: def.name, ...(def.target !== undefined ? { target: def.target } : {}) })
        .where("id", "=", current.id)
        .execute();
      return { version: Number(current.version), created: false };
    }
    const latest = await trx
      .selectFrom("kpi_definitions")
      .select((eb) => eb.fn.max("version").as("v"))
      .where("forum_id", "=", forumId)
      .where("kpi_id", "=", def.id)
      .executeTakeFirst();
    const version = Number(latest?.v ?? 0) + 1;
    if (current) {
      await trx.updateTable("kpi_definitions").set({ retired_at: now }).where("id", "=", current.id).execute();
    }
    await trx
      .insertInto("kpi_definitions")
      .values({
        id: newId(),
        forum_id: forumId,
        kpi_id: def.id,
        version,
        name: def.name,
        definition: storedDefinition(def),
        target: def.target !== undefined ? def.target : current ? current.target : null,
        created_at: now,
        retired_at: null,
      })
      .execute();
    return { version, created: true };
  });
}

/** Sets (or clears, with null) the forum's target for a KPI, on its current version. */
export async function setKpiTarget(db: DB, forumId: string, kpiId: string, target: number | null): Promise<void> {
  if (target !== null && !(Number.isFinite(target) && target >= 0 && target <= 100)) {
    throw new KpiDefinitionError(`KPI ${kpiId}: the target must be a percent from 0 to 100`);
  }
  await transaction(db, async (trx) => {
    if (!(await hasRegister(trx, forumId))) await seedDefaultKpis(trx, forumId);
    const updated = await trx
      .updateTable("kpi_definitions")
      .set({ target })
      .where("forum_id", "=", forumId)
      .where("kpi_id", "=", kpiId)
      .where("retired_at", "is", null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new KpiDefinitionError(`KPI ${kpiId} is not in this forum's register`);
  });
}

/** Stops reporting a KPI. Its versions stay in the register's history; saving it again revives it. */
export async function retireKpi(db: DB, forumId: string, kpiId: string): Promise<void> {
  await transaction(db, async (trx) => {
    if (!(await hasRegister(trx, forumId))) await seedDefaultKpis(trx, forumId);
    await trx
      .updateTable("kpi_definitions")
      .set({ retired_at: new Date().toISOString() })
      .where("forum_id", "=", forumId)
      .where("kpi_id", "=", kpiId)
      .where("retired_at", "is", null)
      .execute();
  });
}
