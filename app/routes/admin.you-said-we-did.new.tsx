import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/session.server";
import { ErrorSummary } from "~/components/forms";
import { ITEM_FIELD_IDS, ItemFormFields } from "~/components/yswd-item-form";
import { getDb, type DB } from "~/db.server";
import { londonDate } from "~/domain/periods";
import { translator } from "~/i18n";
import { seedThemes } from "~/models/moderation-themes.server";
import { listThemes } from "~/models/moderation-themes.server";
import { evidenceSurveys } from "~/models/yswd/choices.server";
import { createItem } from "~/models/yswd/edit.server";
import { draftEvidence } from "~/models/yswd/evidence.server";
import { YswdNotAllowed } from "~/models/yswd/shared.server";
import { EMPTY_ITEM_FORM, evidenceFromValues, parseItemForm, problemsToErrors, readItemForm, type ItemFormValues } from "~/schemas/yswd";
import { staffChrome } from "~/auth/staff.server";
import { readForm } from "~/http.server";

export const meta: MetaFunction = () => [{ title: "Draft a “you said, we did” item" }];
export const handle = { wide: true };

async function formOptions(db: DB, forumId: string) {
  let themes = await listThemes(db, forumId);
  if (themes.length === 0) {
    // A forum created after the demo seed starts with the default taxonomy.
    await seedThemes(db, forumId);
    themes = await listThemes(db, forumId);
  }
  const surveys = (await evidenceSurveys(db, forumId)).map((s) => ({ id: s.id, title: s.definition.title.en }));
  return { themes, surveys };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["moderator"]);
  const db = getDb();
  const params = new URL(request.url).searchParams;
  // The evidence can be chosen in the address, so a link from elsewhere can start a draft.
  const text = (name: string) => (params.get(name) ?? "").slice(0, 130);
  const values: ItemFormValues = {
    ...EMPTY_ITEM_FORM,
    raisedOn: londonDate(new Date()),
    survey: text("survey"),
    period: text("period"),
    kpi: text("kpi"),
    segment: text("segment"),
    themes: params.getAll("theme").slice(0, 20),
  };
  return {
    ...staffChrome(staff),
    ...(await formOptions(db, staff.forumId)),
    values,
    evidence: await draftEvidence(db, staff.forumId, evidenceFromValues(values), values.themes),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireRole(request, ["moderator"]);
  const db = getDb();
  const form = await readForm(request);
  const values = readItemForm(form);
  const evidence = await draftEvidence(db, staff.forumId, evidenceFromValues(values), values.themes, values.quotes);
  if (form.get("intent") === "evidence") {
    return json({ values, errors: {} as Record<string, string>, evidence });
  }
  const parsed = parseItemForm(values);
  if (!parsed.ok) return json({ values, errors: parsed.errors, evidence }, { status: 400 });
  try {
    const result = await createItem(db, staff, parsed.item, { status: parsed.item.status });
    if (result.status === "saved") return redirect(`/admin/you-said-we-did/${result.id}?created=1`);
    return json({ values, errors: problemsToErrors(result.status === "invalid" ? result.problems : []), evidence }, { status: 400 });
  } catch (error) {
    if (error instanceof YswdNotAllowed) throw json({ title: "You cannot do that", body: error.message }, { status: 403 });
    throw error;
  }
}

export default function NewItem() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  const values = result?.values ?? data.values;
  const errors = result?.errors ?? {};
  const evidence = result?.evidence ?? data.evidence;
  return (
    <>
      <a href="/admin/you-said-we-did" className="back-link">
        Back to the register
      </a>
      <ErrorSummary errors={Object.entries(errors).map(([field, text]) => ({ href: `#${ITEM_FIELD_IDS[field] ?? field}`, text }))} t={t} />
      <h1 className="heading-l">Draft a &ldquo;you said, we did&rdquo; item</h1>
      <p className="body">
        The draft is seen only by forum staff until an admin publishes it. It gets its reference (YSWD-year-number) when you create it.
      </p>
      <form method="post" noValidate className="yswd-form">
        <ItemFormFields values={values} errors={errors} themes={data.themes} surveys={data.surveys} evidence={evidence} mode="new" />
        <div className="button-group">
          <button type="submit" className="button" name="intent" value="create">
            Create the draft
          </button>
        </div>
      </form>
    </>
  );
}
