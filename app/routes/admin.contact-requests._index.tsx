import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireSafeguardingLead } from "~/auth/safeguarding.server";
import { staffChrome } from "~/auth/staff.server";
import { formatDate } from "~/components/moderation";
import { ContactStatusTag } from "~/components/contact-requests";
import { getDb } from "~/db.server";
import { listContactRequests } from "~/models/contact-requests.server";
import { CONTACT_STATUS_LABELS, CONTACT_STATUSES, ContactRequestFilter } from "~/schemas/contact-requests";

export const meta: MetaFunction = () => [{ title: "Contact requests" }];
export const handle = { wide: true };
/** Names and phone numbers: never kept by a browser's or a proxy's cache. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireSafeguardingLead(request, "contact requests");
  const filter = ContactRequestFilter.parse({ status: new URL(request.url).searchParams.get("status") ?? "all" });
  const requests = await listContactRequests(
    getDb(),
    { forumId: staff.forumId, userId: staff.user.id, seesSafeguarding: true },
    filter.status,
  );
  return { ...staffChrome(staff), status: filter.status, requests };
}

const FILTERS = [...CONTACT_STATUSES, "all"] as const;

export default function ContactRequests() {
  const data = useLoaderData<typeof loader>();
  const label = (status: (typeof FILTERS)[number]) => (status === "all" ? "All" : CONTACT_STATUS_LABELS[status]);
  return (
    <>
      <h1 className="heading-l">Contact requests</h1>
      <p className="body">
        Parents who asked on the start page to be contacted, with the name and phone number or e-mail they gave. Each time this list or a
        request is opened, the audit log records who opened it. A request is deleted with the parent&rsquo;s answers when they withdraw them
        or when the forum&rsquo;s retention period ends.
      </p>
      <nav aria-label="Show requests">
        <ul className="moderation-counts">
          {FILTERS.map((status) => (
            <li key={status}>
              <a href={`/admin/contact-requests?status=${status}`} aria-current={data.status === status ? "page" : undefined}>
                {label(status)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {data.requests.length === 0 ? (
        <p className="body" data-testid="no-requests">
          {data.status === "all" ? "No parent has asked to be contacted yet." : `No request is ${label(data.status).toLowerCase()}.`}
        </p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Contact requests">
          <table className="table">
            <caption className="visually-hidden">Contact requests: {label(data.status)}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Phone or e-mail</th>
                <th scope="col">Asked</th>
                <th scope="col">Survey</th>
                <th scope="col">Status</th>
                <th scope="col">Flagged answer</th>
              </tr>
            </thead>
            <tbody>
              {data.requests.map((entry) => (
                <tr key={entry.id} data-testid="contact-request">
                  <td>
                    <a href={`/admin/contact-requests/${entry.id}`}>{entry.name || "No name given"}</a>
                  </td>
                  <td>{entry.contact}</td>
                  <td>{formatDate(entry.createdAt)}</td>
                  <td>
                    {entry.surveyTitle}
                    {entry.answersSent ? null : <span className="hint"> (answers not sent yet)</span>}
                  </td>
                  <td>
                    <ContactStatusTag status={entry.status} />
                  </td>
                  <td>
                    {entry.flaggedItemIds.length === 0
                      ? "None"
                      : entry.flaggedItemIds.map((id, i) => (
                          <span key={id}>
                            {i > 0 ? ", " : ""}
                            <a href={`/admin/moderation/${id}`}>Flagged answer{entry.flaggedItemIds.length > 1 ? ` ${i + 1}` : ""}</a>
                          </span>
                        ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
