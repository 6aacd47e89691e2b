import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/session.server";
import { ErrorSummary, TextField } from "~/components/forms";
import { getDb } from "~/db.server";
import { translator } from "~/i18n";
import { createApiToken, listApiTokens, revokeApiToken } from "~/models/api-tokens.server";
import { ApiTokenSchema, RevokeTokenSchema } from "~/schemas/api-tokens";
import { firstErrors } from "~/auth/staff-forms.server";
import { staffChrome } from "~/auth/staff.server";
import { formText, notFound, readForm } from "~/http.server";

export const meta: MetaFunction = () => [{ title: "API tokens" }];
export const handle = { wide: true };

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["admin"]);
  const url = new URL(request.url);
  const tokens = await listApiTokens(getDb(), staff.forumId);
  return {
    ...staffChrome(staff),
    tokens,
    origin: url.origin,
    revoked: url.searchParams.get("done") === "revoked" ? (url.searchParams.get("label") ?? "").slice(0, 80) : null,
  };
}

interface ActionData {
  errors: Record<string, string>;
  values: { label: string };
  /** The new token, on this response only. */
  created: { label: string; token: string } | null;
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireRole(request, ["admin"]);
  const db = getDb();
  const form = await readForm(request);
  if (form.get("intent") === "revoke") {
    const parsed = RevokeTokenSchema.safeParse({ id: formText(form, "id") });
    if (!parsed.success)
      return json<ActionData>({ errors: { tokens: "Choose a token to revoke." }, values: { label: "" }, created: null }, { status: 400 });
    const tokens = await listApiTokens(db, staff.forumId);
    const token = tokens.find((t) => t.id === parsed.data.id);
    if (!token) throw notFound();
    if (!(await revokeApiToken(db, { forumId: staff.forumId, tokenId: token.id, revokedBy: staff.user.id }))) {
      return json<ActionData>(
        { errors: { tokens: `The token “${token.label}” was already revoked.` }, values: { label: "" }, created: null },
        { status: 400 },
      );
    }
    return redirect(`/admin/api-tokens?done=revoked&label=${encodeURIComponent(token.label)}`);
  }
  const values = { label: formText(form, "label") };
  const parsed = ApiTokenSchema.safeParse(values);
  if (!parsed.success) return json<ActionData>({ errors: firstErrors(parsed.error), values, created: null }, { status: 400 });
  const { token } = await createApiToken(db, { forumId: staff.forumId, label: parsed.data.label, createdBy: staff.user.id });
  // Shown on this response only: the database keeps its hash, so nothing can show it again.
  return json<ActionData>(
    { errors: {}, values: { label: "" }, created: { label: parsed.data.label, token } },
    { headers: { "Cache-Control": "no-store" } },
  );
}

const when = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", dateStyle: "medium", timeStyle: "short" });
const at = (iso: string | null) => (iso ? when.format(new Date(iso)) : "");

export default function ApiTokens() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  const errors = result?.errors ?? {};
  const example = `curl -H "Authorization: Bearer <token>" "${data.origin}/api/v1/kpis?survey=parent-carer-experience&periodType=stocktake&by=district"`;
  return (
    <>
      <ErrorSummary errors={Object.entries(errors).map(([field, text]) => ({ href: `#${field}`, text }))} t={t} />
      {result?.created ? (
        <div className="notification token-once" role="status" aria-labelledby="token-title">
          <p className="notification__title" id="token-title">
            Token created for “{result.created.label}”
          </p>
          <p className="body">Copy it now: it is shown only this once. We keep only a scrambled copy, so nobody can show it again.</p>
          <p className="body">
            <code className="code" data-testid="new-token">
              {result.created.token}
            </code>
          </p>
        </div>
      ) : null}
      {data.revoked !== null ? (
        <div className="notification" role="status">
          <p className="notification__title">Token revoked</p>
          <p className="body">“{data.revoked}” no longer works. Anything using it gets “401 Unauthorized” from now on.</p>
        </div>
      ) : null}
      <h1 className="heading-l">API tokens</h1>
      <p className="body">
        A token lets another system (for example the council’s reporting dashboard) read this forum’s KPI figures: the same cells as the
        board’s CSV export, with SDC-1 applied. It never gives access to responses or free text, and it only reads {data.nav.forumName}.
      </p>
      <p className="body">For example:</p>
      <pre className="inset break">
        <code>{example}</code>
      </pre>

      <h2 className="heading-m">Issue a token</h2>
      <form method="post" noValidate>
        <input type="hidden" name="intent" value="create" />
        <TextField
          id="label"
          name="label"
          label="Label"
          hint="Who or what will use it, so you know which one to revoke"
          value={result?.values?.label ?? ""}
          error={errors.label}
          maxLength={80}
          t={t}
        />
        <button type="submit" className="button">
          Create token
        </button>
      </form>

      <h2 className="heading-m" id="tokens">
        Tokens
      </h2>
      {data.tokens.length === 0 ? (
        <p className="body">No tokens yet.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="API tokens">
          <table className="table">
            <caption className="visually-hidden">API tokens of {data.nav.forumName}</caption>
            <thead>
              <tr>
                <th scope="col">Label</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {data.tokens.map((token) => (
                <tr key={token.id} data-token-label={token.label}>
                  <th scope="row">{token.label}</th>
                  <td>
                    {at(token.createdAt)}
                    {token.createdByEmail ? ` by ${token.createdByEmail}` : ""}
                  </td>
                  <td>{token.lastUsedAt ? at(token.lastUsedAt) : "Never"}</td>
                  <td>
                    {token.revokedAt ? (
                      <strong className="tag tag--grey">Revoked {at(token.revokedAt)}</strong>
                    ) : (
                      <form method="post">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="id" value={token.id} />
                        <span className="tag">Active</span>{" "}
                        <button type="submit" className="link-button">
                          Revoke<span className="visually-hidden"> the token “{token.label}”</span>
                        </button>
                      </form>
                    )}
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
