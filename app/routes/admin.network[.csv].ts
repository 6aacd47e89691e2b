import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { toCountsFile } from "~/domain/network-counts";
import { londonDate } from "~/domain/periods";
import { exportForumCounts } from "~/models/network-counts.server";

/**
 * /admin/network.csv: this forum's counts file (NB-1), exactly what `npm run network --
 * export-counts <code>` prints: counts per survey template, KPI and month, never a response, free
 * text or segment. For a network on another installation. Audited (how many rows, never a figure).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["admin"]);
  const counts = await exportForumCounts(getDb(), { code: staff.forumCode, actor: staff.user.id });
  return new Response(toCountsFile(counts.rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="network-counts-${staff.forumCode}-${londonDate(new Date())}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
