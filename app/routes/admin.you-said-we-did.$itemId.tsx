import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/session.server";
import { ErrorSummary } from "~/components/forms";
import { figureText, ITEM_FIELD_IDS, ItemFormFields } from "~/components/yswd-item-form";
import { getDb, type DB } from "~/db.server";
import { londonDate } from "~/domain/periods";
import { formatDay, INVOLVEMENT_LABELS, STATUS_LABELS, STATUS_TAG_CLASS, STATUS_TRANSITIONS, type YswdStatus } from "~/domain/yswd";
import { translator } from "~/i18n";
import { seedThemes } from "~/models/moderation-themes.server";
import { listThemes } from "~/models/moderation-themes.server";
import { evidenceSurveys } from "~/models/yswd/choices.server";
import { changeStatus, deleteItem, publishItem, unpublishItem, updateItem } from "~/models/yswd/edit.server";
import { draftEvidence } from "~/models/yswd/evidence.server";
import { attachedQuoteIds, getItem, itemEvidence, itemHistory, publishingProblems, type YswdItem } from "~/models/yswd/items.server";
import { YswdNotAllowed } from "~/models/yswd/shared.server";
import { evidenceFromValues, parseItemForm, problemsToErrors, readItemForm, StatusChangeSchema, type ItemFormValues } from "~/schemas/yswd";
import { staffChrome } from "~/auth/staff.server";
import { notFound, readForm } from "~/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.item.reference}: you said, we did` : "Item not found" },
];
export const handle = { wide: true };

function valuesOf(item: YswdItem, quotes: string[]): ItemFormValues {
  const ur = item.translations.ur ?? {};
  return {
    title: item.title,
    themes: item.themes.map((t) => t.code),
    saidPlain: item.saidPlain,
    saidEasyRead: item.saidEasyRead ?? "",
    survey: item.evidence.surveyId ?? "",
    period: item.evidence.period ?? "",
    kpi: item.evidence.kpiId ?? "",
    segment: item.evidence.segmentType ? `${item.evidence.segmentType}:${item.evidence.segmentValue}` : "",
    quotes,
    whatDone: item.whatDone ?? "",
    notPossibleReason: item.notPossibleReason ?? "",
    involvement: item.involvement,
    ownerOrg: item.ownerOrg,
    ownerRole: item.ownerRole,
    visibility: item.visibility,
    status: item.status,
    raisedOn: item.raisedOn,
    responsePublishedOn: item.responsePublishedOn ?? "",
    targetOn: item.targetOn ?? "",
    completedOn: item.completedOn ?? "",
    nextReviewOn: item.nextReviewOn ?? "",
    urTitle: ur.title ?? "",
    urSaidPlain: ur.saidPlain ?? "",
    urSaidEasyRead: ur.saidEasyRead ?? "",
    urWhatDone: ur.whatDone ?? "",
    urNotPossibleReason: ur.notPossibleReason ?? "",
  };
}

async function formOptions(db: DB, forumId: string) {
  let themes = await listThemes(db, forumId);
  if (themes.length === 0) {
    await seedThemes(db, forumId);
    themes = await listThemes(db, forumId);
  }
  const surveys = (await evidenceSurveys(db, forumId)).map((s) => ({ id: s.id, title: s.definition.title.en }));
  return { themes, surveys };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["moderator"]);
  const db = getDb();
  const item = await getItem(db, staff.forumId, params.itemId ?? "");
  if (!item) throw notFound();
  const quotes = await attachedQuoteIds(db, staff.forumId, item.id);
  const values = valuesOf(item, quotes);
  const current = await itemEvidence(db, staff.forumId, item);
  const url = new URL(request.url);
  return {
    ...staffChrome(staff),
    ...(await formOptions(db, staff.forumId)),
    item: {
      id: item.id,
      reference: item.reference,
      title: item.title,
      status: item.status,
      visibility: item.visibility,
      publishedAt: item.publishedAt,
      involvement: item.involvement,
      ownerOrg: item.ownerOrg,
      ownerRole: item.ownerRole,
      saidPlain: item.saidPlain,
      whatDone: item.whatDone,
      notPossibleReason: item.notPossibleReason,
      targetOn: item.targetOn,
      nextReviewOn: item.nextReviewOn,
    },
    values,
    evidence: await draftEvidence(db, staff.forumId, item.evidence, values.themes, quotes),
    history: await itemHistory(db, staff.forumId, item.id),
    publishProblems: publishingProblems(item, current),
    unavailableQuotes: current.unavailableQuotes,
    nextStatuses: STATUS_TRANSITIONS[item.status],
    isAdmin: staff.role === "admin",
    canEdit: staff.role === "admin" || item.publishedAt === null,
    today: londonDate(new Date()),
    created: url.searchParams.get("created") === "1",
  };
}

interface ItemActionResult {
  done: string | null;
  errors: Record<string, string>;
  values: ItemFormValues | null;
  evidence: Awaited<ReturnType<typeof draftEvidence>> | null;
  statusValues: { to: string; note: string; on: string } | null;
}

function reply(partial: Partial<ItemActionResult>, status = 200) {
  return json<ItemActionResult>({ done: null, errors: {}, values: null, evidence: null, statusValues: null, ...partial }, { status });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireRole(request, ["moderator"]);
  const db = getDb();
  const itemId = params.itemId ?? "";
  // Another forum's item (or none) is a 404 whatever the form says.
  if (!(await getItem(db, staff.forumId, itemId))) throw notFound();
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  try {
    switch (intent) {
      case "evidence":
      case "save": {
        const values = readItemForm(form);
        const evidence = await draftEvidence(db, staff.forumId, evidenceFromValues(values), values.themes, values.quotes);
        if (intent === "evidence") return reply({ values, evidence });
        const parsed = parseItemForm(values);
        if (!parsed.ok) return reply({ values, evidence, errors: parsed.errors }, 400);
        const result = await updateItem(db, staff, itemId, parsed.item);
        if (result.status === "not_found") throw notFound();
        if (result.status === "invalid") return reply({ values, evidence, errors: problemsToErrors(result.problems) }, 400);
        return reply({ done: "Changes saved." });
      }
      case "status": {
        const statusValues = { to: String(form.get("to") ?? ""), note: String(form.get("note") ?? ""), on: String(form.get("on") ?? "") };
        const parsed = StatusChangeSchema.safeParse(statusValues);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          return reply({ statusValues, errors: { [String(issue.path[0])]: issue.message } }, 400);
        }
        const result = await changeStatus(db, staff, itemId, parsed.data);
        if (result.status === "not_found") throw notFound();
        if (result.status === "invalid") return reply({ statusValues, errors: problemsToErrors(result.problems) }, 400);
        return reply({ done: `Status changed to “${STATUS_LABELS[parsed.data.to]}”.` });
      }
      case "publish": {
        const result = await publishItem(db, staff, itemId);
        if (result.status === "not_found") throw notFound();
        if (result.status === "invalid") return reply({ errors: problemsToErrors(result.problems) }, 400);
        return reply({ done: "Published." });
      }
      case "unpublish":
        if (!(await unpublishItem(db, staff, itemId))) throw notFound();
        return reply({ done: "Unpublished: the item is a draft again and has left the public pages." });
      case "delete": {
        if (form.get("confirm") !== "yes")
          return reply({ errors: { confirm: "Tick the box to confirm you want to delete this item" } }, 400);
        const item = await getItem(db, staff.forumId, itemId);
        if (!item || !(await deleteItem(db, staff, itemId))) throw notFound();
        return redirect(`/admin/you-said-we-did?deleted=${encodeURIComponent(item.reference)}`);
      }
      default:
        return reply({ errors: { form: "Choose an action" } }, 400);
    }
  } catch (error) {
    if (error instanceof YswdNotAllowed) {
      throw json(
        {
          title: "You cannot do that",
          body: "Moderators draft and edit drafts; only admins publish, unpublish, delete or change a published item.",
        },
        { status: 403 },
      );
    }
    throw error;
  }
}

const ERROR_IDS: Record<string, string> = { ...ITEM_FIELD_IDS, to: "to", note: "note", on: "on", confirm: "confirm", form: "main" };

export default function EditItem() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  const { item } = data;
  const errors = result?.errors ?? {};
  const values = result?.values ?? data.values;
  const evidence = result?.evidence ?? data.evidence;
  const statusValues = result?.statusValues ?? { to: data.nextStatuses[0] ?? "", note: "", on: data.today };
  const done = result?.done ?? (data.created ? `Draft ${item.reference} created.` : null);

  return (
    <>
      <a href="/admin/you-said-we-did" className="back-link">
        Back to the register
      </a>
      <ErrorSummary errors={Object.entries(errors).map(([field, text]) => ({ href: `#${ERROR_IDS[field] ?? field}`, text }))} t={t} />
      {done ? (
        <div className="notification" role="status">
          <p className="notification__title">{done}</p>
        </div>
      ) : null}

      <span className="caption-m">{item.reference}</span>
      <h1 className="heading-l">{item.title}</h1>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt className="summary-list__key">Status</dt>
          <dd className="summary-list__value">
            <span className={STATUS_TAG_CLASS[item.status]} data-testid="item-status">
              {STATUS_LABELS[item.status]}
            </span>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Published</dt>
          <dd className="summary-list__value" data-testid="item-published">
            {item.publishedAt
              ? `Yes, ${item.visibility === "public" ? "on the public pages" : "to the board only"}, since ${formatDay(item.publishedAt.slice(0, 10), "en")}`
              : "No: a draft"}
          </dd>
        </div>
        {item.publishedAt && item.visibility === "public" ? (
          <div className="summary-list__row">
            <dt className="summary-list__key">Public page</dt>
            <dd className="summary-list__value">
              <a href={`/you-said-we-did/${item.reference}`}>/you-said-we-did/{item.reference}</a>
            </dd>
          </div>
        ) : null}
      </dl>

      <h2 className="heading-m" id="publishing">
        Publishing
      </h2>
      {data.unavailableQuotes > 0 ? (
        <p className="body">
          {data.unavailableQuotes} attached {data.unavailableQuotes === 1 ? "answer is" : "answers are"} no longer available to quote
          (withdrawn, rejected, flagged, or from a group under 10) and {data.unavailableQuotes === 1 ? "is" : "are"} not shown.
        </p>
      ) : null}
      {data.publishProblems.length > 0 ? (
        <div className="inset">
          <p className="body">Before this item can be published:</p>
          <ul className="list">
            {data.publishProblems.map((p) => (
              <li key={p.code}>{p.message}</li>
            ))}
          </ul>
        </div>
      ) : !item.publishedAt ? (
        <p className="body">This draft has the evidence publishing needs.</p>
      ) : null}
      {data.isAdmin ? (
        <div className="button-group">
          {!item.publishedAt ? (
            <form method="post">
              <input type="hidden" name="intent" value="publish" />
              <button type="submit" className="button">
                Publish
              </button>
            </form>
          ) : (
            <form method="post">
              <input type="hidden" name="intent" value="unpublish" />
              <button type="submit" className="button button--secondary">
                Unpublish
              </button>
            </form>
          )}
        </div>
      ) : (
        <p className="hint">Only an admin can publish. Moderators draft and edit drafts.</p>
      )}

      <h2 className="heading-m">Status</h2>
      {data.canEdit && data.nextStatuses.length > 0 ? (
        <form method="post" noValidate className="yswd-status-form">
          <input type="hidden" name="intent" value="status" />
          <div className={`form-group${errors.to ? " form-group--error" : ""}`}>
            <label className="label" htmlFor="to">
              New status
            </label>
            <div className="hint" id="to-hint">
              &ldquo;Done&rdquo; needs what was done, and &ldquo;Not possible&rdquo; needs the reason: save those below first.
            </div>
            {errors.to || errors.status || errors.notPossibleReason || errors.whatDone ? (
              <p className="error-message" id="to-error">
                <span className="visually-hidden">Error: </span>
                {errors.to ?? errors.status ?? errors.notPossibleReason ?? errors.whatDone}
              </p>
            ) : null}
            <select className="select" id="to" name="to" defaultValue={statusValues.to} aria-describedby="to-hint">
              {data.nextStatuses.map((s: YswdStatus) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <div className={`form-group${errors.on ? " form-group--error" : ""}`}>
            <label className="label" htmlFor="on">
              Date of the change
            </label>
            {errors.on ? (
              <p className="error-message" id="on-error">
                <span className="visually-hidden">Error: </span>
                {errors.on}
              </p>
            ) : null}
            <input className="input yswd-date" type="date" id="on" name="on" defaultValue={statusValues.on} />
          </div>
          <div className={`form-group${errors.note ? " form-group--error" : ""}`}>
            <label className="label" htmlFor="note">
              Note (shown in the item&rsquo;s public history)
            </label>
            {errors.note ? (
              <p className="error-message" id="note-error">
                <span className="visually-hidden">Error: </span>
                {errors.note}
              </p>
            ) : null}
            <textarea className="textarea" id="note" name="note" rows={3} defaultValue={statusValues.note} />
          </div>
          <button type="submit" className="button button--secondary">
            Change status
          </button>
        </form>
      ) : data.nextStatuses.length === 0 ? (
        <p className="body">A superseded item is final: its successor carries on.</p>
      ) : null}

      <h3 className="heading-s">History</h3>
      <ol className="yswd-history" data-testid="history">
        {data.history.map((h, i) => (
          <li key={i}>
            <span className={STATUS_TAG_CLASS[h.status]}>{STATUS_LABELS[h.status]}</span> {formatDay(h.changedOn, "en")}
            {h.note ? <span className="yswd-history__note"> — {h.note}</span> : null}
          </li>
        ))}
      </ol>

      {data.canEdit ? (
        <>
          <h2 className="heading-l">Edit the item</h2>
          <form method="post" noValidate className="yswd-form">
            <ItemFormFields values={values} errors={errors} themes={data.themes} surveys={data.surveys} evidence={evidence} mode="edit" />
            <div className="button-group">
              <button type="submit" className="button" name="intent" value="save">
                Save changes
              </button>
            </div>
          </form>
        </>
      ) : (
        <>
          <p className="body">This item is published: only an admin can change it.</p>
          <dl className="summary-list">
            <div className="summary-list__row">
              <dt className="summary-list__key">What families said</dt>
              <dd className="summary-list__value summary-list__text">{item.saidPlain}</dd>
            </div>
            <div className="summary-list__row">
              <dt className="summary-list__key">Evidence</dt>
              <dd className="summary-list__value">{evidence.figure ? figureText(evidence.figure.baseline) : "No KPI figure"}</dd>
            </div>
            <div className="summary-list__row">
              <dt className="summary-list__key">What was done</dt>
              <dd className="summary-list__value summary-list__text">{item.whatDone ?? item.notPossibleReason ?? "Nothing yet"}</dd>
            </div>
            <div className="summary-list__row">
              <dt className="summary-list__key">Involvement</dt>
              <dd className="summary-list__value">{INVOLVEMENT_LABELS[item.involvement]}</dd>
            </div>
            <div className="summary-list__row">
              <dt className="summary-list__key">Owner</dt>
              <dd className="summary-list__value">
                {item.ownerRole}, {item.ownerOrg}
              </dd>
            </div>
          </dl>
        </>
      )}

      {data.isAdmin ? (
        <>
          <h2 className="heading-m">Delete</h2>
          <form method="post" noValidate>
            <input type="hidden" name="intent" value="delete" />
            <div className={`form-group${errors.confirm ? " form-group--error" : ""}`}>
              {errors.confirm ? (
                <p className="error-message" id="confirm-error">
                  <span className="visually-hidden">Error: </span>
                  {errors.confirm}
                </p>
              ) : null}
              <div className="checkboxes__item">
                <input className="checkboxes__input" type="checkbox" id="confirm" name="confirm" value="yes" />
                <label className="label checkboxes__label" htmlFor="confirm">
                  Yes, delete {item.reference}. Its reference will not be used again.
                </label>
              </div>
            </div>
            <button type="submit" className="button button--warning">
              Delete the item
            </button>
          </form>
        </>
      ) : null}
    </>
  );
}
