import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import * as z from "zod";
import { requireSafeguardingLead } from "~/auth/safeguarding.server";
import { Button, ErrorSummary } from "~/components/forms";
import { formatDate } from "~/components/moderation";
import { getDb } from "~/db.server";
import { translator } from "~/i18n";
import { listSafeguarding, resolveSafeguarding } from "~/models/moderation-safeguarding.server";
import { staffChrome } from "~/auth/staff.server";
import { notFound, readForm } from "~/http.server";

export const meta: MetaFunction = () => [{ title: "Safeguarding: needs action" }];
export const handle = { wide: true };

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireSafeguardingLead(request);
  return { ...staffChrome(staff), list: await listSafeguarding(getDb(), staff.forumId) };
}

const ResolveForm = z.object({
  item: z.string().min(1).max(100),
  resolution: z.string().trim().min(1, "Write what was done").max(2000, "The note must be 2,000 characters or fewer"),
});

interface ResolveResult {
  done: string | null;
  error: { item: string; text: string } | null;
  value: string;
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireSafeguardingLead(request);
  const form = Object.fromEntries(await readForm(request));
  const parsed = ResolveForm.safeParse(form);
  const item = typeof form.item === "string" ? form.item : "";
  if (!parsed.success) {
    return json<ResolveResult>(
      { done: null, error: { item, text: parsed.error.issues[0].message }, value: String(form.resolution ?? "") },
      { status: 400 },
    );
  }
  const resolved = await resolveSafeguarding(getDb(), staff, parsed.data.item, parsed.data.resolution);
  if (!resolved) throw notFound();
  return json<ResolveResult>({ done: "Marked as resolved.", error: null, value: "" });
}

export default function SafeguardingList() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  const { open, resolved } = data.list;
  const error = result?.error;

  return (
    <>
      <a href="/admin/moderation" className="back-link">
        Back to the queue
      </a>
      <ErrorSummary errors={error ? [{ href: `#resolution-${error.item}`, text: error.text }] : []} t={t} />
      {result?.done ? (
        <div className="notification" role="status">
          <p className="notification__title">{result.done}</p>
        </div>
      ) : null}
      <h1 className="heading-l">Safeguarding: needs action</h1>
      <p className="body">
        Answers a moderator flagged as a possible safeguarding concern. Follow the forum&rsquo;s safeguarding procedure, then record what
        was done here.
      </p>

      {open.length === 0 ? (
        <p className="body" data-testid="nothing-open">
          Nothing needs action.
        </p>
      ) : (
        <ol className="moderation-list">
          {open.map((entry, i) => {
            const hasError = error?.item === entry.id;
            return (
              <li className="moderation-item" key={entry.id} data-testid="safeguarding-item">
                <h2 className="heading-s moderation-item__title">
                  <a href={`/admin/moderation/${entry.id}`}>Flagged answer {i + 1}</a>
                </h2>
                <p className="hint moderation-item__meta">
                  {entry.surveyTitle} · {entry.questionTitle} · flagged {formatDate(entry.flaggedAt)}
                  {entry.flaggedBy ? ` by ${entry.flaggedBy}` : ""}
                  {entry.redacted ? " · redacted" : ""}
                </p>
                <blockquote className="answer-text">{entry.text}</blockquote>
                <p className="body">
                  <strong>Moderator&rsquo;s note:</strong> {entry.note}
                </p>
                <form method="post" noValidate>
                  <input type="hidden" name="item" value={entry.id} />
                  <div className={`form-group${hasError ? " form-group--error" : ""}`}>
                    <label className="label" htmlFor={`resolution-${entry.id}`}>
                      What was done (flagged answer {i + 1})
                    </label>
                    {hasError ? (
                      <p className="error-message" id={`resolution-${entry.id}-error`}>
                        <span className="visually-hidden">Error: </span>
                        {error.text}
                      </p>
                    ) : null}
                    <textarea
                      className={`textarea${hasError ? " textarea--error" : ""}`}
                      id={`resolution-${entry.id}`}
                      name="resolution"
                      rows={3}
                      defaultValue={hasError ? result?.value : ""}
                      aria-describedby={hasError ? `resolution-${entry.id}-error` : undefined}
                    />
                  </div>
                  <Button>Mark as resolved</Button>
                </form>
              </li>
            );
          })}
        </ol>
      )}

      {resolved.length > 0 ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Recently resolved concerns">
          <table className="table">
            <caption>Recently resolved</caption>
            <thead>
              <tr>
                <th scope="col">Answer</th>
                <th scope="col">Resolved</th>
                <th scope="col">By</th>
                <th scope="col">What was done</th>
              </tr>
            </thead>
            <tbody>
              {resolved.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <a href={`/admin/moderation/${entry.id}`}>{entry.surveyTitle}</a>
                  </td>
                  <td>{formatDate(entry.resolvedAt)}</td>
                  <td>{entry.resolvedBy}</td>
                  <td>{entry.resolution}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
