import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { staffChrome } from "~/auth/staff.server";
import { getDb } from "~/db.server";
import { mailStatus } from "~/mail/transport.server";
import { CLOSING_SOON_DAYS, whatWaits } from "~/models/overview.server";

export const meta: MetaFunction = () => [{ title: "Forum admin" }];
export const handle = { wide: true };

interface WaitingLine {
  key: string;
  count: number;
  /** Singular and plural wording. */
  one: string;
  many: string;
  href: string;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const chrome = staffChrome(staff);
  if (staff.role === "board") return { ...chrome, role: staff.role, waiting: null, mail: null };
  const admin = staff.role === "admin";
  const lead = admin || staff.safeguardingLead;
  const counts = await whatWaits(getDb(), staff.forumId);
  const lines: WaitingLine[] = [
    { key: "moderate", count: counts.toModerate, one: "answer to moderate", many: "answers to moderate", href: "/admin/moderation" },
  ];
  if (lead) {
    lines.push(
      {
        key: "safeguarding",
        count: counts.openSafeguarding,
        one: "open safeguarding flag",
        many: "open safeguarding flags",
        href: "/admin/moderation/safeguarding",
      },
      {
        key: "contact",
        count: counts.newContactRequests,
        one: "new contact request",
        many: "new contact requests",
        href: "/admin/contact-requests?status=new",
      },
    );
  }
  lines.push({
    key: "reviews",
    count: counts.reviewsDue,
    one: "“you said, we did” item due for review",
    many: "“you said, we did” items due for review",
    href: "/admin/you-said-we-did",
  });
  if (admin) {
    lines.push(
      { key: "imports", count: counts.importsRunning, one: "import running", many: "imports running", href: "/admin/surveys" },
      {
        key: "closing",
        count: counts.surveysClosingSoon,
        one: `survey closing within ${CLOSING_SOON_DAYS} days`,
        many: `surveys closing within ${CLOSING_SOON_DAYS} days`,
        href: "/admin/surveys",
      },
    );
  }
  return { ...chrome, role: staff.role, waiting: lines, mail: admin ? mailStatus() : null };
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
    href: "/admin/contact-requests",
    title: "Contact requests",
    text: "Parents who asked to be contacted, and what was done.",
    roles: ["admin"],
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
      {data.waiting ? (
        <section aria-labelledby="waiting-title">
          <h2 className="heading-m" id="waiting-title">
            What waits
          </h2>
          <ul className="list" data-testid="what-waits">
            {data.waiting.map((line) => (
              <li key={line.key} data-waiting={line.key}>
                <a href={line.href}>
                  <strong>{line.count}</strong> {line.count === 1 ? line.one : line.many}
                </a>
              </li>
            ))}
          </ul>
          {data.mail ? (
            <p className="body" data-testid="mail-status">
              {data.mail.on
                ? `Mail is on: the safeguarding lead hears of a flagged answer at once, admins get a daily summary, and invitations and reset links are sent by e-mail (through ${data.mail.host}).`
                : "Mail is off: nothing is sent by e-mail. Copy invitation and reset links by hand. Set SMTP_URL to turn mail on."}
            </p>
          ) : null}
        </section>
      ) : null}
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
