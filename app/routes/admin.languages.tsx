import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import * as z from "zod";
import { audit, requireRole } from "~/auth/session.server";
import { staffChrome } from "~/auth/staff.server";
import { ErrorSummary } from "~/components/forms";
import { getDb } from "~/db.server";
import { formatDay } from "~/domain/yswd";
import { readForm } from "~/http.server";
import { translator, UI_LANGUAGES, type UiLanguage } from "~/i18n";
import { languageName } from "~/domain/survey-builder-form";
import { listLanguageReviews, setLanguageReview } from "~/models/language-reviews.server";

export const meta: MetaFunction = () => [{ title: "Languages" }];
export const handle = { wide: true };

const TRANSLATED = (Object.keys(UI_LANGUAGES) as UiLanguage[]).filter((language) => language !== "en");

const ReviewForm = z.object({
  intent: z.enum(["reviewed", "draft"]),
  language: z.enum(TRANSLATED as [UiLanguage, ...UiLanguage[]]),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["admin"]);
  const reviews = await listLanguageReviews(getDb(), staff.forumId);
  const done = new URL(request.url).searchParams.get("done");
  return {
    ...staffChrome(staff),
    done: done === "reviewed" || done === "draft" ? done : null,
    languages: TRANSLATED.map((code) => {
      const review = reviews.find((r) => r.language === code);
      return {
        code,
        name: languageName(code),
        ownName: UI_LANGUAGES[code].name,
        review: review ? { by: review.reviewedBy, on: formatDay(review.reviewedAt, "en") } : null,
      };
    }),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireRole(request, ["admin"]);
  const parsed = ReviewForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return json({ error: "Choose a language this site is translated into." }, { status: 400 });
  const { intent, language } = parsed.data;
  await setLanguageReview(getDb(), staff.forumId, language, intent === "reviewed" ? { userId: staff.user.id, at: new Date() } : null);
  await audit(staff, intent === "reviewed" ? "language.reviewed" : "language.review_withdrawn", language);
  return redirect(`/admin/languages?done=${intent}`);
}

export default function Languages() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  return (
    <>
      <ErrorSummary errors={result?.error ? [{ href: "#languages", text: result.error }] : []} t={t} />
      {data.done ? (
        <div className="notification" role="status">
          <p className="notification__title">
            {data.done === "reviewed"
              ? "Marked as reviewed by a native speaker."
              : "Marked as a draft that needs a native speaker's review."}
          </p>
        </div>
      ) : null}
      <h1 className="heading-l">Languages</h1>
      <p className="body">
        Parents can use this site, and answer the parents' and young people's surveys, in English and the eight languages below. The
        translations were drafted by the team. Before families rely on one, ask a native speaker to read the pages in that language (choose
        it at the top of any page), then mark it reviewed here.
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Languages and their review" id="languages">
        <table className="table">
          <caption className="visually-hidden">Languages and whether a native speaker has reviewed each</caption>
          <thead>
            <tr>
              <th scope="col">Language</th>
              <th scope="col">Review</th>
              <th scope="col">
                <span className="visually-hidden">Change</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.languages.map((language) => (
              <tr key={language.code} data-testid={`language-${language.code}`}>
                <td>
                  {language.name} (<span lang={language.code}>{language.ownName}</span>)
                </td>
                <td>
                  {language.review ? (
                    <>
                      <span className="tag">Reviewed</span> by {language.review.by} on {language.review.on}
                    </>
                  ) : (
                    <span className="tag tag--amber">Draft, needs a native speaker's review</span>
                  )}
                </td>
                <td>
                  <form method="post">
                    <input type="hidden" name="language" value={language.code} />
                    <button
                      type="submit"
                      className="button button--secondary button--small"
                      name="intent"
                      value={language.review ? "draft" : "reviewed"}
                    >
                      {language.review ? "Mark as draft again" : "Mark as reviewed"}
                      <span className="visually-hidden"> ({language.name})</span>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
