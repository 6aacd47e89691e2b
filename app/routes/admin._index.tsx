import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { staffChrome } from "~/auth/staff.server";

export const meta: MetaFunction = () => [{ title: "Forum admin" }];
export const handle = { wide: true };

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  return { ...staffChrome(staff), role: staff.role };
}

const SECTIONS = [
  { href: "/admin/surveys", title: "Surveys", text: "Build, translate, publish and share surveys.", roles: ["admin"] },
  {
    href: "/admin/moderation",
    title: "Moderation",
    text: "Approve, redact or reject written answers; flag safeguarding concerns; tag themes.",
    roles: ["admin", "moderator"],
  },
  {
    href: "/admin/you-said-we-did",
    title: "You said, we did",
    text: "Keep the register of what families said and what changed.",
    roles: ["admin", "moderator"],
  },
  {
    href: "/board",
    title: "Board dashboard",
    text: "KPIs with intervals, trends against targets, breakdowns and exports.",
    roles: ["admin", "board"],
  },
  {
    href: "/admin/users",
    title: "Users",
    text: "Invite moderators and board members; reset passwords; require two-factor.",
    roles: ["admin"],
  },
  { href: "/admin/audit", title: "Audit log", text: "Who did what, and when.", roles: ["admin"] },
];

export default function AdminHome() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="heading-l">{data.nav.forumName}</h1>
      <ul className="card-list card-list--grid">
        {SECTIONS.filter((s) => s.roles.includes(data.role)).map((s) => (
          <li className="card" key={s.href}>
            <h2 className="heading-s card__title">
              <a href={s.href}>{s.title}</a>
            </h2>
            <p className="body card__text">{s.text}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
