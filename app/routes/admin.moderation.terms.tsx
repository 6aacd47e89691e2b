import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import * as z from "zod";
import { requireRole } from "~/auth/session.server";
import { Button, ErrorSummary } from "~/components/forms";
import { getDb } from "~/db.server";
import { TERM_KINDS } from "~/domain/pii";
import { translator } from "~/i18n";
import { addRedactionTerm, listRedactionTerms, removeRedactionTerm } from "~/models/moderation-themes.server";
import { staffChrome } from "~/auth/staff.server";
import { notFound, readForm } from "~/http.server";

export const meta: MetaFunction = () => [{ title: "Names to look out for" }];
export const handle = { wide: true };

const KIND_LABELS: Record<(typeof TERM_KINDS)[number], string> = {
  school: "School or setting",
  staff: "Member of staff",
  other: "Other name",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["moderator"]);
  return { ...staffChrome(staff), terms: await listRedactionTerms(getDb(), staff.forumId) };
}

const AddForm = z.object({
  intent: z.literal("add"),
  term: z.string().trim().min(2, "Enter a name of at least 2 characters").max(100, "The name must be 100 characters or fewer"),
  kind: z.enum(TERM_KINDS, { error: "Choose what kind of name this is" }),
});
const RemoveForm = z.object({ intent: z.literal("remove"), id: z.string().min(1).max(100) });

interface TermsResult {
  done: string | null;
  errors: Record<string, string>;
  values: { term: string; kind: string };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireRole(request, ["moderator"]);
  const form = Object.fromEntries(await readForm(request));
  const values = { term: String(form.term ?? ""), kind: String(form.kind ?? "") };
  const db = getDb();
  if (form.intent === "remove") {
    const parsed = RemoveForm.safeParse(form);
    if (!parsed.success || !(await removeRedactionTerm(db, staff, parsed.data.id))) throw notFound();
    return json<TermsResult>({ done: "Name removed from the list.", errors: {}, values: { term: "", kind: "" } });
  }
  const parsed = AddForm.safeParse(form);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    return json<TermsResult>({ done: null, errors, values }, { status: 400 });
  }
  const added = await addRedactionTerm(db, staff, { term: parsed.data.term, kind: parsed.data.kind });
  if (added.status === "duplicate") {
    return json<TermsResult>({ done: null, errors: { term: "That name is already on the list" }, values }, { status: 400 });
  }
  return json<TermsResult>({
    done: `“${parsed.data.term}” added. Answers that mention it are highlighted for redaction.`,
    errors: {},
    values: { term: "", kind: "" },
  });
}

export default function RedactionTerms() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  const errors = result?.errors ?? {};
  const values = result?.values ?? { term: "", kind: "" };
  return (
    <>
      <a href="/admin/moderation" className="back-link">
        Back to the queue
      </a>
      <ErrorSummary errors={Object.entries(errors).map(([field, text]) => ({ href: field === "kind" ? "#kind" : "#term", text }))} t={t} />
      {result?.done ? (
        <div className="notification" role="status">
          <p className="notification__title">{result.done}</p>
        </div>
      ) : null}
      <h1 className="heading-l">Names to look out for</h1>
      <p className="body">
        Local schools, settings and staff whose names should not appear in published answers. Answers that mention them are highlighted in
        the moderation queue, whatever the capitals.
      </p>

      {data.terms.length === 0 ? (
        <p className="body">The list is empty.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Names to look out for">
          <table className="table">
            <caption>Names on the list</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.terms.map((term) => (
                <tr key={term.id}>
                  <td>{term.term}</td>
                  <td>{KIND_LABELS[term.kind]}</td>
                  <td>
                    <form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="id" value={term.id} />
                      <button type="submit" className="link-button">
                        Remove<span className="visually-hidden"> {term.term}</span>
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 className="heading-m">Add a name</h2>
      <form method="post" noValidate>
        <input type="hidden" name="intent" value="add" />
        <div className={`form-group${errors.term ? " form-group--error" : ""}`}>
          <label className="label" htmlFor="term">
            Name
          </label>
          <div className="hint" id="term-hint">
            For example, Oakfield Primary School, or a member of staff&rsquo;s name as families would write it.
          </div>
          {errors.term ? (
            <p className="error-message" id="term-error">
              <span className="visually-hidden">Error: </span>
              {errors.term}
            </p>
          ) : null}
          <input
            className={`input${errors.term ? " input--error" : ""}`}
            id="term"
            name="term"
            type="text"
            defaultValue={values.term}
            maxLength={100}
            autoComplete="off"
            aria-describedby={errors.term ? "term-hint term-error" : "term-hint"}
          />
        </div>
        <div className={`form-group${errors.kind ? " form-group--error" : ""}`}>
          <fieldset className="fieldset" aria-describedby={errors.kind ? "kind-error" : undefined}>
            <legend className="fieldset__legend fieldset__legend--m">What kind of name is it?</legend>
            {errors.kind ? (
              <p className="error-message" id="kind-error">
                <span className="visually-hidden">Error: </span>
                {errors.kind}
              </p>
            ) : null}
            <div className="radios">
              {TERM_KINDS.map((kind, i) => (
                <div className="radios__item" key={kind}>
                  <input
                    className="radios__input"
                    type="radio"
                    id={i === 0 ? "kind" : `kind-${kind}`}
                    name="kind"
                    value={kind}
                    defaultChecked={values.kind === kind}
                  />
                  <label className="label radios__label" htmlFor={i === 0 ? "kind" : `kind-${kind}`}>
                    {KIND_LABELS[kind]}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <Button>Add to the list</Button>
      </form>
    </>
  );
}
