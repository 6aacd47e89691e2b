import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { displayDates } from "~/domain/periods";
import { listSurveys } from "~/models/surveys.server";
import { STATUS_TAGS } from "~/schemas/survey-builder";
import { staffChrome } from "~/auth/staff.server";

export const meta: MetaFunction = () => [{ title: "Surveys" }];
export const handle = { wide: true };

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["admin"]);
  const surveys = await listSurveys(getDb(), staff.forumId);
  return {
    ...staffChrome(staff),
    surveys: surveys.map((s) => ({ ...s, dates: displayDates(s) })),
  };
}

export default function SurveyList() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="heading-l">Surveys</h1>
      <p className="body">
        <a className="button" href="/admin/surveys/new">
          Create a survey
        </a>
      </p>
      {data.surveys.length === 0 ? (
        <p className="body">This forum has no surveys yet.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Surveys">
          <table className="table">
            <caption className="visually-hidden">Surveys of {data.nav.forumName}</caption>
            <thead>
              <tr>
                <th scope="col">Survey</th>
                <th scope="col">Status</th>
                <th scope="col">Version</th>
                <th scope="col" className="num">
                  Submitted
                </th>
                <th scope="col" className="num">
                  In progress
                </th>
                <th scope="col">Opens</th>
                <th scope="col">Last day</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {data.surveys.map((s) => {
                const tag = STATUS_TAGS[s.status];
                return (
                  <tr key={s.id}>
                    <td>
                      <a href={`/admin/surveys/${s.id}`}>{s.title}</a>
                      <div className="hint builder-slug">{s.slug}</div>
                    </td>
                    <td>
                      <span className={tag.className}>{tag.label}</span>
                    </td>
                    <td>
                      {s.currentVersionNo ? `${s.currentVersionNo} published` : "Not published"}
                      {s.draftVersionNo ? <div>{s.draftVersionNo} draft</div> : null}
                    </td>
                    <td className="num">{s.submitted}</td>
                    <td className="num">{s.inProgress}</td>
                    <td>{s.dates.opens || "—"}</td>
                    <td>{s.dates.lastDay || "—"}</td>
                    <td>
                      <ul className="builder-actions">
                        <li>
                          <a href={`/admin/surveys/${s.id}/edit`}>
                            Edit<span className="visually-hidden"> {s.title}</span>
                          </a>
                        </li>
                        <li>
                          <a href={`/admin/surveys/${s.id}/preview`}>
                            Preview<span className="visually-hidden"> {s.title}</span>
                          </a>
                        </li>
                        {s.currentVersionNo ? (
                          <li>
                            <a href={`/admin/surveys/${s.id}/share`}>
                              Share<span className="visually-hidden"> {s.title}</span>
                            </a>
                          </li>
                        ) : null}
                      </ul>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
