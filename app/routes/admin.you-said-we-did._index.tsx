import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import * as z from "zod";
import { requireRole } from "~/auth/session.server";
import { FilterSelect } from "~/components/forms";
import { getDb } from "~/db.server";
import { THEME_CODE_PATTERN } from "~/domain/themes";
import { formatDay, STATUS_LABELS, STATUS_TAG_CLASS, YSWD_STATUSES } from "~/domain/yswd";
import { listThemes } from "~/models/moderation-themes.server";
import { listItems } from "~/models/yswd/items.server";
import { staffChrome } from "~/auth/staff.server";

export const meta: MetaFunction = () => [{ title: "You said, we did: the register" }];
export const handle = { wide: true };

const Filter = z.object({
  status: z.enum(YSWD_STATUSES, { error: "Choose a status from the list" }).optional(),
  theme: z.string().regex(THEME_CODE_PATTERN, "Choose a theme from the list").optional(),
  state: z.enum(["draft", "published"], { error: "Choose drafts or published items" }).optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["moderator"]);
  const url = new URL(request.url);
  const params = Object.fromEntries([...url.searchParams].filter(([key, v]) => v !== "" && key !== "deleted"));
  const parsed = Filter.safeParse(params);
  if (!parsed.success) throw json({ title: "That filter is not valid", body: parsed.error.issues[0].message }, { status: 400 });
  const db = getDb();
  const items = await listItems(db, staff.forumId, parsed.data);
  return {
    ...staffChrome(staff),
    themes: await listThemes(db, staff.forumId),
    filter: { status: parsed.data.status ?? "", theme: parsed.data.theme ?? "", state: parsed.data.state ?? "" },
    deleted: (url.searchParams.get("deleted") ?? "").slice(0, 30),
    items: items.map((i) => ({
      id: i.id,
      reference: i.reference,
      title: i.title,
      status: i.status,
      visibility: i.visibility,
      published: i.publishedAt !== null,
      themes: i.themes.map((t) => t.label),
      targetOn: i.targetOn,
      nextReviewOn: i.nextReviewOn,
    })),
  };
}

export default function Register() {
  const data = useLoaderData<typeof loader>();
  const { filter } = data;
  return (
    <>
      {data.deleted ? (
        <div className="notification" role="status">
          <p className="notification__title">{data.deleted} deleted.</p>
        </div>
      ) : null}
      <h1 className="heading-l">You said, we did</h1>
      <p className="body">
        The forum&rsquo;s public register of what families said and what was done. Moderators draft and edit drafts; admins publish.
        Published public items appear on <a href="/you-said-we-did">the public page</a> and its feed.
      </p>
      <p className="body">
        <a href="/admin/you-said-we-did/new" className="button">
          Draft a new item
        </a>
      </p>

      <form method="get" className="moderation-filter">
        <FilterSelect
          id="filter-status"
          name="status"
          label="Status"
          allLabel="All statuses"
          value={filter.status}
          options={YSWD_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
        />
        <FilterSelect
          id="filter-theme"
          name="theme"
          label="Theme"
          allLabel="All themes"
          value={filter.theme}
          options={data.themes.map((th) => ({ value: th.code, label: th.label }))}
        />
        <div className="moderation-filter__field">
          <label className="label" htmlFor="filter-state">
            Published
          </label>
          <select className="select" id="filter-state" name="state" defaultValue={filter.state}>
            <option value="">Drafts and published</option>
            <option value="draft">Drafts only</option>
            <option value="published">Published only</option>
          </select>
        </div>
        <div className="moderation-filter__field">
          <button type="submit" className="button button--secondary">
            Filter
          </button>
        </div>
      </form>

      {data.items.length === 0 ? (
        <p className="body">No items match.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="The register">
          <table className="table" data-testid="register">
            <caption>
              {data.items.length} {data.items.length === 1 ? "item" : "items"}
            </caption>
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col">Published</th>
                <th scope="col">Themes</th>
                <th scope="col">Target</th>
                <th scope="col">Next review</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((item) => (
                <tr key={item.id}>
                  <td>
                    <a href={`/admin/you-said-we-did/${item.id}`}>{item.reference}</a>
                  </td>
                  <td>{item.title}</td>
                  <td>
                    <span className={STATUS_TAG_CLASS[item.status]}>{STATUS_LABELS[item.status]}</span>
                  </td>
                  <td>{item.published ? (item.visibility === "public" ? "Public" : "Board only") : "Draft"}</td>
                  <td>{item.themes.join(", ")}</td>
                  <td>{formatDay(item.targetOn, "en")}</td>
                  <td>{formatDay(item.nextReviewOn, "en")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
