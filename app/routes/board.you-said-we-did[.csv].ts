import type { LoaderFunctionArgs } from "@remix-run/node";
import { audit, requireRole } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { londonDate } from "~/domain/periods";
import { registerCsv } from "~/models/yswd/board.server";

/**
 * /board/you-said-we-did.csv: the published register, one row per reference, every text cell
 * made safe to open in a spreadsheet (csvCell). Figures are the published SDC-1 cells; quotes
 * are counted, never copied.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["board"]);
  const csv = await registerCsv(getDb(), staff.forumId);
  await audit(staff, "yswd.exported", null, { rows: Math.max(0, csv.split("\r\n").length - 2) });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="you-said-we-did-${londonDate(new Date())}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
