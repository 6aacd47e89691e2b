/**
 * The counts forums share with the network (NB-1), and the network's figures made from them.
 *
 * - A forum hosted here shares directly: its counts per template, KPI and London month come from
 *   its KPI summary (kpi-summary.server.ts), scored as its own board scores them.
 * - A forum on an installation of its own sends a counts file (exportForumCounts there,
 *   importOutsideCounts here); a later file replaces that forum's counts for the months it covers.
 * - listNetworkCounts gathers the counts of the forums in the network now; computeNetworkRows
 *   turns them into the network tidy rows (domain/network.ts), SDC-1 applied.
 * Only counts ever cross: never a response, free text or segment.
 */
import { transaction, type DB } from "~/db.server";
import type { ImportProblem } from "~/domain/import";
import { networkRows, type NetworkRow } from "~/domain/network";
import { NETWORK_TEMPLATES, type ForumMonthCount } from "~/domain/network-counts";
import { readCountsFile } from "~/domain/network-counts-file";
import type { PeriodType } from "~/domain/periods";
import { recordAudit } from "./audit.server";
import { findForumByCode } from "./forum-setup.server";
import { joinNetwork, NetworkError } from "./network-members.server";
import { hostedCounts, type HostedForumCounts } from "./network-hosted.server";

export type { HostedForumCounts };

// ------------------------------------------------------------------------------------------------
// A forum hosted here: its counts from its KPI summary

/** One hosted forum's counts (hostedCounts for a single forum). */
export async function hostedForumCounts(
  db: DB,
  forum: { id: string; code: string; name: string },
  templates: readonly string[] = NETWORK_TEMPLATES,
): Promise<HostedForumCounts> {
  return hostedCounts(db, [forum], { templates });
}

/**
 * A hosted forum's counts file rows, for a network on another installation. Audited in the
 * forum's log (how many rows, never a figure).
 */
export async function exportForumCounts(db: DB, input: { code: string; actor: string }): Promise<HostedForumCounts & { name: string }> {
  const forum = await findForumByCode(db, input.code);
  if (!forum) {
    const outside = await db.selectFrom("network_members").select("forum_code").where("forum_code", "=", input.code).executeTakeFirst();
    throw new NetworkError(
      outside
        ? `${input.code} is a forum with an installation of its own: its counts file comes from there.`
        : `No forum here has the code ${input.code} (npm run forum -- list shows the codes).`,
    );
  }
  const counts = await hostedForumCounts(db, forum);
  await recordAudit(db, {
    forumId: forum.id,
    actor: input.actor,
    action: "network.counts_exported",
    subject: forum.code,
    detail: { rows: counts.rows.length },
  });
  return { ...counts, name: forum.name };
}

// ------------------------------------------------------------------------------------------------
// A forum on an installation of its own: its counts files

export interface ImportedForum {
  code: string;
  name: string;
  rows: number;
  /** The months the file covers for this forum (its earlier counts for them were replaced), oldest first. */
  months: string[];
  /** True when this file brought the forum into the network for the first time. */
  joined: boolean;
  /** False when the forum has left the network: its counts are kept but reach no figure. */
  member: boolean;
}

export type CountsImportOutcome = { ok: true; forums: ImportedForum[] } | { ok: false; problems: ImportProblem[]; problemCount: number };

/** Rows per insert: 9 parameters each, well under either database's limit. */
const INSERT_BATCH = 500;

/**
 * Imports a counts file. All or nothing: a file with any problem (readCountsFile), or naming a
 * forum hosted here (whose counts are shared directly and cannot be replaced by a file), stores
 * nothing. Otherwise, in one transaction, each forum's counts for the months the file covers
 * replace what was held for those months (other months are kept), and a forum seen for the first
 * time joins the network. One audit entry per forum: rows and months, never a figure.
 */
export async function importOutsideCounts(db: DB, input: { csvText: string; actor: string; now?: Date }): Promise<CountsImportOutcome> {
  const now = input.now ?? new Date();
  const parsed = readCountsFile(input.csvText, { now });
  if (!parsed.ok) return parsed;

  const byForum = new Map<string, ForumMonthCount[]>();
  for (const row of parsed.rows) byForum.set(row.forum, [...(byForum.get(row.forum) ?? []), row]);
  const hosted = await db
    .selectFrom("forums")
    .select("slug")
    .where("slug", "in", [...byForum.keys()])
    .execute();
  if (hosted.length > 0) {
    const problems = hosted.map(({ slug }): ImportProblem => {
      const first = parsed.rows.findIndex((r) => r.forum === slug);
      return {
        row: parsed.rowNumbers[first],
        column: "forum",
        message: `${slug} is a forum hosted in this installation: it shares its counts directly, and a counts file cannot replace them.`,
      };
    });
    return { ok: false, problems, problemCount: problems.length };
  }

  const importedAt = now.toISOString();
  const forums = await transaction(db, async (trx) => {
    const done: ImportedForum[] = [];
    for (const [code, rows] of [...byForum].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const months = [...new Set(rows.map((r) => r.month))].sort();
      await trx.deleteFrom("network_counts").where("forum_code", "=", code).where("month", "in", months).execute();
      for (let i = 0; i < rows.length; i += INSERT_BATCH) {
        await trx
          .insertInto("network_counts")
          .values(
            rows.slice(i, i + INSERT_BATCH).map((r) => ({
              forum_code: r.forum,
              forum_name: r.forum_name,
              survey_template: r.survey_template,
              month: r.month,
              kpi_id: r.kpi_id,
              n: r.n,
              numerator: r.numerator,
              negative: r.negative,
              imported_at: importedAt,
            })),
          )
          .execute();
      }
      await recordAudit(trx, {
        forumId: null,
        actor: input.actor,
        action: "network.counts_imported",
        subject: code,
        detail: { rows: rows.length, months: months.length, from: months[0], to: months[months.length - 1] },
      });
      const membership = await trx.selectFrom("network_members").select("left_at").where("forum_code", "=", code).executeTakeFirst();
      const joined = !membership;
      if (joined) await joinNetwork(trx, { code, actor: input.actor, now });
      done.push({ code, name: rows[0].forum_name, rows: rows.length, months, joined, member: joined || membership.left_at === null });
    }
    return done;
  });
  return { ok: true, forums };
}

// ------------------------------------------------------------------------------------------------
// The network's counts and figures

function checkTemplate(template: string): void {
  if (!NETWORK_TEMPLATES.includes(template)) {
    throw new NetworkError(`"${template}" is not a survey template the network compares: use ${NETWORK_TEMPLATES.join(", ")}.`);
  }
}

/**
 * The monthly counts of one template from every forum in the network now: hosted forums' from
 * their summaries, the others' from their latest counts files. A forum that has left shares none.
 */
export async function listNetworkCounts(db: DB, template: string, kpiIds?: readonly string[]): Promise<ForumMonthCount[]> {
  checkTemplate(template);
  const members = await db
    .selectFrom("network_members")
    .leftJoin("forums", "forums.id", "network_members.forum_id")
    .select(["network_members.forum_code", "network_members.forum_id", "forums.name"])
    .where("network_members.left_at", "is", null)
    .orderBy("network_members.forum_code")
    .execute();
  const hosted = members.flatMap((m) =>
    m.forum_id === null ? [] : [{ id: m.forum_id, code: m.forum_code, name: m.name ?? m.forum_code }],
  );
  const rows: ForumMonthCount[] = (await hostedCounts(db, hosted, { templates: [template], kpiIds })).rows;
  const outside = members.filter((m) => m.forum_id === null).map((m) => m.forum_code);
  if (outside.length > 0) {
    const stored = await db
      .selectFrom("network_counts")
      .select(["forum_code", "forum_name", "survey_template", "month", "kpi_id", "n", "numerator", "negative"])
      .where("survey_template", "=", template)
      .where("forum_code", "in", outside)
      .orderBy("forum_code")
      .orderBy("month")
      .execute();
    for (const r of stored) {
      rows.push({
        forum: r.forum_code,
        forum_name: r.forum_name,
        survey_template: r.survey_template,
        month: r.month,
        kpi_id: r.kpi_id,
        n: Number(r.n),
        numerator: Number(r.numerator),
        negative: r.negative === null ? null : Number(r.negative),
      });
    }
  }
  return rows;
}

/** The network tidy rows of a template (NB-1, SDC-1 applied) for every period with counts. */
export async function computeNetworkRows(
  db: DB,
  request: { template: string; periodType: PeriodType; kpiId?: string },
): Promise<NetworkRow[]> {
  const kpiIds = request.kpiId === undefined ? undefined : [request.kpiId];
  const counts = await listNetworkCounts(db, request.template, kpiIds);
  return networkRows({ counts, template: request.template, periodType: request.periodType, kpiIds });
}
