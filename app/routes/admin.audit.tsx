import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/session.server";
import { ErrorSummary, TextField } from "~/components/forms";
import { getDb } from "~/db.server";
import { translator } from "~/i18n";
import { AUDIT_PAGE_SIZE, auditActionGroups, listAudit, readAuditQuery, type AuditListEntry } from "~/models/audit.server";
import { staffChrome } from "~/auth/staff.server";

export const meta: MetaFunction = () => [{ title: "Audit log" }];
export const handle = { wide: true };

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["admin"]);
  const db = getDb();
  const query = readAuditQuery(new URL(request.url).searchParams);
  const groups = await auditActionGroups(db, staff.forumId);
  if (!query.ok) {
    return json(
      { ...staffChrome(staff), groups, values: query.values, errors: query.errors, entries: [] as AuditListEntry[], total: 0, page: 1 },
      { status: 400 },
    );
  }
  const { entries, total } = await listAudit(db, staff.forumId, query.filter, query.page);
  return json({
    ...staffChrome(staff),
    groups,
    values: query.values,
    errors: {} as Record<string, string>,
    entries,
    total,
    page: query.page,
  });
}

const when = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", dateStyle: "medium", timeStyle: "short" });

/** Detail is stored as JSON of ids, codes and counts: shown as `key: value` pairs. */
function describe(detail: string | null): string {
  if (!detail) return "";
  try {
    const parsed = JSON.parse(detail) as Record<string, unknown>;
    return Object.entries(parsed)
      .map(([key, value]) => `${key.replace(/_/g, " ")}: ${value === null ? "none" : String(value)}`)
      .join(", ");
  } catch {
    return detail;
  }
}

function queryString(values: { action: string; from: string; to: string }, page?: number): string {
  const params = new URLSearchParams();
  if (values.action) params.set("action", values.action);
  if (values.from) params.set("from", values.from);
  if (values.to) params.set("to", values.to);
  if (page && page > 1) params.set("page", String(page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

export default function AuditLog() {
  const data = useLoaderData<typeof loader>();
  const t = translator("en");
  const errors = data.errors;
  const pages = Math.max(1, Math.ceil(data.total / AUDIT_PAGE_SIZE));
  const first = (data.page - 1) * AUDIT_PAGE_SIZE + 1;
  const dateField = (id: "from" | "to", label: string) => (
    <div className={`form-group${errors[id] ? " form-group--error" : ""}`}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {errors[id] ? (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">{t("error.prefix")} </span>
          {errors[id]}
        </p>
      ) : null}
      <input
        className={`input audit-filter__date${errors[id] ? " input--error" : ""}`}
        type="date"
        id={id}
        name={id}
        defaultValue={data.values[id]}
        aria-describedby={errors[id] ? `${id}-error` : undefined}
      />
    </div>
  );
  return (
    <>
      <ErrorSummary errors={Object.entries(errors).map(([field, text]) => ({ href: `#${field}`, text }))} t={t} />
      <h1 className="heading-l">Audit log</h1>
      <p className="body">Who did what, and when, in {data.nav.forumName}, newest first. Sign-ins of the forum’s members are included.</p>
      <form method="get" className="audit-filter" noValidate>
        <TextField
          id="action"
          name="action"
          label="Action starts with"
          hint={data.groups.length > 0 ? `For example: ${data.groups.map((g) => `${g}.`).join(", ")}` : "For example: user."}
          value={data.values.action}
          error={errors.action}
          t={t}
        />
        {dateField("from", "From (date)")}
        {dateField("to", "To (date)")}
        <div className="button-group">
          <button type="submit" className="button button--secondary">
            Filter
          </button>
          <a href="/admin/audit">Clear the filter</a>
        </div>
      </form>
      {Object.keys(errors).length === 0 ? (
        <p className="body">
          <a href={`/admin/audit.csv${queryString(data.values)}`} download>
            Download these entries as CSV
          </a>{" "}
          ({data.total} {data.total === 1 ? "entry" : "entries"}; the download is recorded in this log)
        </p>
      ) : null}
      {data.entries.length === 0 ? (
        <p className="body">{Object.keys(errors).length > 0 ? "Correct the filter to see the entries." : "No entries match."}</p>
      ) : (
        <>
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Audit log entries">
            <table className="table">
              <caption>
                Entries {first} to {first + data.entries.length - 1} of {data.total}
              </caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">Subject</th>
                  <th scope="col">Detail</th>
                </tr>
              </thead>
              <tbody>
                {data.entries.map((e) => (
                  <tr key={e.id}>
                    <td>
                      <time dateTime={e.at}>{when.format(new Date(e.at))}</time>
                    </td>
                    <td>{e.actorEmail ?? e.actor}</td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td className="audit-subject">{e.subjectEmail ?? e.subject ?? ""}</td>
                    <td>{describe(e.detail)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pages > 1 ? (
            <nav aria-label="Pages of the audit log">
              <ul className="pagination__list">
                {data.page > 1 ? (
                  <li>
                    <a href={`/admin/audit${queryString(data.values, data.page - 1)}`} rel="prev">
                      Newer entries
                    </a>
                  </li>
                ) : null}
                <li>
                  Page {data.page} of {pages}
                </li>
                {data.page < pages ? (
                  <li>
                    <a href={`/admin/audit${queryString(data.values, data.page + 1)}`} rel="next">
                      Older entries
                    </a>
                  </li>
                ) : null}
              </ul>
            </nav>
          ) : null}
        </>
      )}
    </>
  );
}
