import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/session.server";
import { firstErrors } from "~/auth/staff-forms.server";
import { staffChrome } from "~/auth/staff.server";
import { ErrorMessage, ErrorSummary, FormGroup } from "~/components/forms";
import { getDb } from "~/db.server";
import { NETWORK_TEMPLATES, networkKpis } from "~/domain/network-counts";
import { londonDate } from "~/domain/periods";
import { formText, readForm } from "~/http.server";
import { translator } from "~/i18n";
import { forumSurveys } from "~/models/board.server";
import { joinNetwork, leaveNetwork, networkMembership } from "~/models/network-members.server";
import { NetworkMembershipSchema } from "~/schemas/network";

export const meta: MetaFunction = () => [{ title: "Network of forums" }];

const PAGE = "/admin/network";
const DONE = ["joined", "left", "unchanged"] as const;
type Done = (typeof DONE)[number];

/**
 * A forum admin's view of the network of forums (NB-1): whether the forum is in it, joining and
 * leaving (each confirmed, audited, the same model as `npm run network -- join|leave`), the
 * forum's counts file, and the public network pages of its KPIs.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["admin"]);
  const db = getDb();
  const [membership, surveys] = await Promise.all([networkMembership(db, staff.forumId), forumSurveys(db, staff.forumId)]);
  const slugs = new Set(surveys.map((s) => s.slug));
  const done = new URL(request.url).searchParams.get("done");
  return {
    ...staffChrome(staff),
    code: staff.forumCode,
    member: membership?.member ?? false,
    joinedOn: membership ? londonDate(membership.joinedAt) : null,
    leftOn: membership?.leftAt ? londonDate(membership.leftAt) : null,
    templates: NETWORK_TEMPLATES.filter((t) => slugs.has(t)).map((template) => ({
      template,
      title: surveys.find((s) => s.slug === template)?.title ?? template,
      kpis: networkKpis(template).map((k) => ({ id: k.id, name: k.name })),
    })),
    done: DONE.includes(done as Done) ? (done as Done) : null,
  };
}

interface ActionData {
  errors: Record<string, string>;
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireRole(request, ["admin"]);
  const form = await readForm(request);
  const parsed = NetworkMembershipSchema.safeParse({ intent: formText(form, "intent"), confirm: formText(form, "confirm") || undefined });
  if (!parsed.success) {
    const errors = firstErrors(parsed.error);
    return json<ActionData>({ errors: errors.intent ? { confirm: errors.intent } : errors }, { status: 400 });
  }
  const change = { code: staff.forumCode, actor: staff.user.id };
  const outcome = parsed.data.intent === "join" ? await joinNetwork(getDb(), change) : await leaveNetwork(getDb(), change);
  return redirect(`${PAGE}?done=${outcome.changed ? (parsed.data.intent === "join" ? "joined" : "left") : "unchanged"}`);
}

const DONE_TEXT: Record<Done, string> = {
  joined: "Your forum has joined the network. Its counts now reach the network's figures.",
  left: "Your forum has left the network. None of its counts reach a network figure now.",
  unchanged: "Nothing changed: the forum was already where you asked.",
};

function ConfirmForm({ intent, label, button, error }: { intent: "join" | "leave"; label: string; button: string; error?: string }) {
  const t = translator("en");
  return (
    <form method="post" action={PAGE} noValidate>
      <input type="hidden" name="intent" value={intent} />
      <FormGroup error={error}>
        <ErrorMessage id="confirm-error" text={error} t={t} />
        <div className="checkboxes">
          <div className="checkboxes__item">
            <input
              className="checkboxes__input"
              type="checkbox"
              id="confirm"
              name="confirm"
              value="on"
              aria-describedby={error ? "confirm-error" : undefined}
            />
            <label className="label checkboxes__label" htmlFor="confirm">
              {label}
            </label>
          </div>
        </div>
      </FormGroup>
      <button type="submit" className={intent === "leave" ? "button button--warning" : "button"}>
        {button}
      </button>
    </form>
  );
}

export default function AdminNetwork() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  const errors = result?.errors ?? {};
  return (
    <>
      <ErrorSummary errors={Object.entries(errors).map(([field, text]) => ({ href: `#${field}`, text }))} t={t} />
      {data.done ? (
        <div className="notification" role="status" data-testid="network-done">
          <p className="notification__title">{DONE_TEXT[data.done]}</p>
        </div>
      ) : null}
      <h1 className="heading-l">Network of forums</h1>
      <p className="body">
        Forums in the network compare their KPI figures with each other without sharing a single response. A member shares only counts: for
        each survey, KPI and month, how many answered, how many were positive and how many negative. Never an answer, never a comment, never
        a breakdown by area or group. Each forum is shown as within, above or below the network, never ranked.
      </p>

      <h2 className="heading-m" id="status">
        Your forum
      </h2>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt className="summary-list__key">Forum code</dt>
          <dd className="summary-list__value">
            <code>{data.code}</code>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">In the network</dt>
          <dd className="summary-list__value" data-testid="network-status">
            {data.member ? `Yes, since ${data.joinedOn}` : data.leftOn ? `No: it left on ${data.leftOn}` : "No: it has never joined"}
          </dd>
        </div>
      </dl>

      {data.member ? (
        <>
          <h2 className="heading-m">Leave the network</h2>
          <p className="body">
            Your counts stop reaching the network&apos;s figures straight away, and your board no longer sees the comparison. You can join
            again at any time.
          </p>
          <ConfirmForm
            intent="leave"
            label="I understand our forum's counts will no longer reach the network's figures"
            button="Leave the network"
            error={errors.confirm}
          />
        </>
      ) : (
        <>
          <h2 className="heading-m">Join the network</h2>
          <p className="body">
            From then on your forum&apos;s monthly counts reach the network&apos;s public figures, where your forum is listed by its code
            and name. A count from fewer than 10 people is never shown.
          </p>
          <ConfirmForm
            intent="join"
            label="I understand our forum's counts will reach the network's public figures"
            button="Join the network"
            error={errors.confirm}
          />
        </>
      )}

      <h2 className="heading-m">Your counts file</h2>
      <p className="body">
        The counts your forum shares, as a CSV file: one row per survey, month and KPI, with n, the positive count and the negative count. A
        network run on another installation imports this file.
      </p>
      <p className="body">
        <a href="/admin/network.csv" download>
          Download your forum&apos;s counts file (CSV)
        </a>
      </p>

      <h2 className="heading-m">The network&apos;s pages</h2>
      {data.templates.length === 0 ? (
        <p className="body" data-testid="no-network-surveys">
          Your forum has none of the standard surveys the network compares, so there is no network page to show for it.
        </p>
      ) : (
        data.templates.map((s) => (
          <section key={s.template} aria-labelledby={`network-${s.template}`}>
            <h3 className="heading-s" id={`network-${s.template}`}>
              {s.title}
            </h3>
            <ul className="list">
              {s.kpis.map((k) => (
                <li key={k.id}>
                  <a href={`/network/${s.template}/${k.id}`}>
                    {k.id} {k.name}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </>
  );
}
