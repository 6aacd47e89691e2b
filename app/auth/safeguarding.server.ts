import { json } from "@remix-run/node";
import { requireRole, type Staff } from "~/auth/session.server";

/**
 * The forum's named safeguarding lead, or an admin; anyone else gets 403. For the pages that
 * show flagged answers and the contact details parents left.
 */
export async function requireSafeguardingLead(request: Request, what = "flagged answers"): Promise<Staff> {
  const staff = await requireRole(request, ["moderator"]);
  if (staff.role !== "admin" && !staff.safeguardingLead) {
    throw json(
      { title: "You do not have access to this page", body: `Only the forum's safeguarding lead and admins see ${what}.` },
      { status: 403 },
    );
  }
  return staff;
}
