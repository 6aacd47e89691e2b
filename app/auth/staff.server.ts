import type { Staff } from "~/auth/session.server";
import type { StaffNavData } from "~/components/staff-nav";

/** What every staff page's loader returns for the navigation and the header brand. */
export function staffChrome(staff: Staff): { nav: StaffNavData; forum: { name: string; colour: string } } {
  return {
    nav: {
      email: staff.user.email,
      role: staff.role,
      forumName: staff.forumName,
      forums: staff.session.memberships.map((m) => ({ id: m.forumId, name: m.forumName })),
      currentForumId: staff.forumId,
      operator: staff.session.operator,
    },
    forum: { name: staff.forumName, colour: staff.forumColour },
  };
}
