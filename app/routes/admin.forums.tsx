import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireOperator } from "~/auth/session.server";
import { firstErrors } from "~/auth/staff-forms.server";
import { staffChrome } from "~/auth/staff.server";
import { ErrorSummary, TextField } from "~/components/forms";
import { getDb } from "~/db.server";
import { londonDate } from "~/domain/periods";
import { formText, readForm } from "~/http.server";
import { translator } from "~/i18n";
import { createForumWithDefaultSurveys, findForumByCode, ForumSetupError, listForumCodes } from "~/models/forum-setup.server";
import { listNetworkMembers } from "~/models/network-members.server";
import { CreateForumSchema } from "~/schemas/network";

export const meta: MetaFunction = () => [{ title: "Forums of this installation" }];
export const handle = { wide: true };

const PAGE = "/admin/forums";

/**
 * For installation operators only: every forum of the installation and whether it is in the
 * network, and a new forum with the default surveys, as `npm run forum -- list|create` do (the
 * same model, audited in the new forum's log). Its first admin is invited from the command line.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireOperator(request);
  const db = getDb();
  const [forums, members] = await Promise.all([listForumCodes(db), listNetworkMembers(db)]);
  const byCode = new Map(members.map((m) => [m.code, m]));
  const created = (new URL(request.url).searchParams.get("created") ?? "").slice(0, 63);
  const createdForum = created ? await findForumByCode(db, created) : undefined;
  return {
    ...staffChrome(staff),
    forums: forums.map((f) => {
      const m = byCode.get(f.code);
      return {
        code: f.code,
        name: f.name,
        createdOn: londonDate(f.createdAt),
        network: !m ? "Not in the network" : m.leftAt ? `Left on ${londonDate(m.leftAt)}` : `In since ${londonDate(m.joinedAt)}`,
      };
    }),
    created: createdForum ? { code: createdForum.code, name: createdForum.name } : null,
  };
}

interface ActionData {
  errors: Record<string, string>;
  values: { code: string; name: string };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireOperator(request);
  const form = await readForm(request);
  const values = { code: formText(form, "code", 100), name: formText(form, "name", 300) };
  const fail = (errors: Record<string, string>) => json<ActionData>({ errors, values }, { status: 400 });
  const parsed = CreateForumSchema.safeParse(values);
  if (!parsed.success) return fail(firstErrors(parsed.error));
  try {
    const { forum } = await createForumWithDefaultSurveys(getDb(), { ...parsed.data, actor: staff.user.id });
    return redirect(`${PAGE}?created=${encodeURIComponent(forum.code)}`);
  } catch (error) {
    if (error instanceof ForumSetupError) return fail({ code: error.message });
    throw error;
  }
}

export default function Forums() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  const errors = result?.errors ?? {};
  return (
    <>
      <ErrorSummary errors={Object.entries(errors).map(([field, text]) => ({ href: `#${field}`, text }))} t={t} />
      {data.created ? (
        <div className="notification" role="status" data-testid="forum-created">
          <p className="notification__title">
            {data.created.name} ({data.created.code}) was created, with its surveys open.
          </p>
          <p className="body">
            It has no members yet. Make a link for its first admin with{" "}
            <code>npm run forum -- invite {data.created.code} &lt;email&gt;</code>.
          </p>
        </div>
      ) : null}
      <h1 className="heading-l">Forums of this installation</h1>
      <p className="body">
        Only the people who run this installation see this page. Each forum keeps its own surveys, members and figures; none sees
        another&apos;s.
      </p>
      {data.forums.length === 0 ? (
        <p className="body">No forums yet.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Forums">
          <table className="table" data-testid="forums">
            <caption>Every forum here, by code</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Name</th>
                <th scope="col">Created</th>
                <th scope="col">Network</th>
              </tr>
            </thead>
            <tbody>
              {data.forums.map((f) => (
                <tr key={f.code}>
                  <td>
                    <code>{f.code}</code>
                  </td>
                  <td>{f.name}</td>
                  <td>{f.createdOn}</td>
                  <td>{f.network}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 className="heading-m">Create a forum</h2>
      <p className="body">
        A new forum starts with the standard KPIs, the moderation themes and the standard surveys, published and open. It has no responses
        and no members.
      </p>
      <form method="post" action={PAGE} noValidate>
        <TextField
          id="code"
          name="code"
          label="Code"
          hint="Lower-case letters, digits and hyphens, such as leeds-pcf. It cannot be changed later, and it names the forum in the network."
          value={result?.values.code}
          error={errors.code}
          width="code"
          maxLength={63}
          t={t}
        />
        <TextField
          id="name"
          name="name"
          label="Name"
          hint="Such as Leeds Parent Carer Forum"
          value={result?.values.name}
          error={errors.name}
          maxLength={200}
          t={t}
        />
        <button type="submit" className="button">
          Create the forum
        </button>
      </form>
    </>
  );
}
