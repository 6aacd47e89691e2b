import type { Role } from "../../db/schema";

export interface StaffNavData {
  email: string;
  role: Role;
  forumName: string;
  forums: { id: string; name: string }[];
  currentForumId: string;
  /** An installation operator: also sees the installation's own pages. */
  operator?: boolean;
}

const LINKS: { href: string; label: string; roles: Role[]; operator?: true }[] = [
  { href: "/admin", label: "Overview", roles: ["admin", "moderator", "board"] },
  { href: "/admin/surveys", label: "Surveys", roles: ["admin"] },
  { href: "/admin/moderation", label: "Moderation", roles: ["admin", "moderator"] },
  { href: "/admin/you-said-we-did", label: "You said, we did", roles: ["admin", "moderator"] },
  { href: "/admin/contact-requests", label: "Contact requests", roles: ["admin"] },
  { href: "/board", label: "Board dashboard", roles: ["admin", "board"] },
  { href: "/board/pack", label: "Board pack", roles: ["admin", "board"] },
  { href: "/admin/kpis", label: "KPIs", roles: ["admin"] },
  { href: "/admin/api-tokens", label: "API tokens", roles: ["admin"] },
  { href: "/admin/users", label: "Users", roles: ["admin"] },
  { href: "/admin/audit", label: "Audit log", roles: ["admin"] },
  { href: "/admin/retention", label: "Data retention", roles: ["admin"] },
  { href: "/admin/languages", label: "Languages", roles: ["admin"] },
  { href: "/admin/network", label: "Network", roles: ["admin"] },
  { href: "/admin/forums", label: "Forums (installation)", roles: ["admin", "moderator", "board"], operator: true },
  { href: "/admin/network-counts", label: "Counts files (installation)", roles: ["admin", "moderator", "board"], operator: true },
  { href: "/account", label: "Your account", roles: ["admin", "moderator", "board"] },
];

/** The staff navigation: only what the role may open, and the forum being worked in. */
export function StaffNav({ nav, current }: { nav: StaffNavData; current: string }) {
  const links = LINKS.filter((l) => l.roles.includes(nav.role) && (!l.operator || nav.operator === true));
  // The page's own link is the longest that starts its address: /board/pack is the pack's, not the dashboard's.
  const within = (href: string) => (href === "/admin" ? current === "/admin" : current === href || current.startsWith(`${href}/`));
  const currentHref = links
    .map((l) => l.href)
    .filter(within)
    .sort((a, b) => b.length - a.length)[0];
  return (
    <div className="staff-bar">
      <p className="staff-bar__who">
        {nav.forumName} · {nav.email} ({nav.role})
      </p>
      <nav aria-label="Forum admin">
        <ul className="staff-nav">
          {links.map((l) => {
            const active = l.href === currentHref;
            return (
              <li key={l.href}>
                <a href={l.href} aria-current={active ? "page" : undefined}>
                  {l.label}
                </a>
              </li>
            );
          })}
          <li>
            <form method="post" action="/logout">
              <button type="submit" className="link-button">
                Sign out
              </button>
            </form>
          </li>
        </ul>
      </nav>
    </div>
  );
}
