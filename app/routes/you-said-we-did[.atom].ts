import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { localisedField, renderAtomFeed } from "~/domain/yswd";
import { translator } from "~/i18n";
import { feedItems, resolvePublicForum } from "~/models/yswd/public.server";
import { requestLanguage } from "~/respondent/language.server";

/**
 * /you-said-we-did.atom: the forum's published public items, newest change first, so families
 * and partners can follow what happens to what they said. Drafts and board-only items never
 * appear (feedItems reads public items only). Text is in the reader's language where the forum
 * has translated it.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const db = getDb();
  const resolved = await resolvePublicForum(db, url.searchParams.get("forum"));
  if (resolved.kind !== "forum") {
    return new Response("Name the forum: /you-said-we-did.atom?forum=<forum>\n", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const { forum, qualified } = resolved;
  const language = requestLanguage(request);
  const t = translator(language);
  const forumQuery = qualified ? `?forum=${encodeURIComponent(forum.slug)}` : "";
  const page = `${url.origin}/you-said-we-did`;
  const items = await feedItems(db, forum.id);
  const xml = renderAtomFeed({
    id: `${page}${forumQuery}`,
    title: `${t("yswd.title")}: ${forum.name}`,
    link: `${page}${forumQuery}`,
    selfLink: `${url.origin}/you-said-we-did.atom${forumQuery}`,
    language,
    author: forum.name,
    entries: items.map((item) => {
      const title = localisedField(item.title, item.translations, "title", language) ?? {
        text: item.title,
        lang: language === "en" ? undefined : "en",
      };
      const said = localisedField(item.saidPlain, item.translations, "saidPlain", language);
      const done = localisedField(item.whatDone, item.translations, "whatDone", language);
      const reason =
        item.status === "not_possible" ? localisedField(item.notPossibleReason, item.translations, "notPossibleReason", language) : null;
      const summary = [
        `${t("yswd.item.status")}: ${t(`yswd.status.${item.status}`)}`,
        said ? `${t("yswd.item.said")}: ${said.text}` : null,
        reason ? `${t("yswd.item.notPossible")}: ${reason.text}` : done ? `${t("yswd.item.done")}: ${done.text}` : null,
      ]
        .filter(Boolean)
        .join("\n\n");
      return {
        id: `${page}/${item.reference}${forumQuery}`,
        title: `${item.reference}: ${title.text}`,
        link: `${page}/${item.reference}${forumQuery}`,
        updated: item.updatedAt,
        published: item.publishedAt,
        summary,
        categories: item.themes.map((th) => th.code),
      };
    }),
  });
  return new Response(xml, {
    headers: {
      "Content-Type": "application/atom+xml; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      Vary: "Accept-Language, Cookie",
    },
  });
}
