import type { LoaderFunctionArgs } from "@remix-run/node";
import { audit, requireRole } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { londonDate } from "~/domain/periods";
import { auditCsv, exportAudit, readAuditQuery } from "~/models/audit.server";

/** /admin/audit.csv: the entries the audit page's filter selects, all of them, as a spreadsheet. */
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["admin"]);
  const query = readAuditQuery(new URL(request.url).searchParams);
  if (!query.ok) {
    return new Response(`${Object.values(query.errors).join("\n")}\n`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const entries = await exportAudit(getDb(), staff.forumId, query.filter);
  // Exporting the log is itself an action someone may need to account for.
  await audit(staff, "audit.exported", null, {
    rows: entries.length,
    action: query.filter.actionPrefix ?? null,
    from: query.filter.from ?? null,
    to: query.filter.to ?? null,
  });
  return new Response(auditCsv(entries), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-log-${londonDate(new Date())}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
