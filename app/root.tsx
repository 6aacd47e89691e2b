import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorPage } from "~/components/error-page";
import { useNonce } from "~/components/nonce";
import { SiteFooter, SiteHeader } from "~/components/layout";
import { directionOf, translator, type Translate } from "~/i18n";
import { isStaffPage, pageLanguageOf } from "~/respondent/language.server";
import styles from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/** The title of a page that has none of its own, or of an error page, in the page's language. */
export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  const t = translator(data?.language ?? "en");
  return [{ title: error ? errorMessages(error, t).title : t("site.tagline") }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const language = pageLanguageOf(request);
  return { language, staff: isStaffPage(url.pathname), path: url.pathname + url.search };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

/** Routes that need client-side React say so with `handle = { hydrate: true }`. */
export interface RouteHandle {
  hydrate?: boolean;
  /** Staff pages use the full width for tables and side-by-side translations. */
  wide?: boolean;
}

/** The forum whose page this is, from the deepest route that knows it. */
export interface ForumBrand {
  name: string;
  colour: string;
}

export function Layout({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData<typeof loader>("root");
  const matches = useMatches();
  const nonce = useNonce();
  const language = root?.language ?? "en";
  const t = translator(language);
  const hydrate = matches.some((m) => (m.handle as RouteHandle | undefined)?.hydrate);
  const wide = matches.some((m) => (m.handle as RouteHandle | undefined)?.wide);
  const brand = [...matches]
    .reverse()
    .map((m) => (m.data as { forum?: ForumBrand } | undefined)?.forum)
    .find(Boolean);
  return (
    <html lang={language} dir={directionOf(language)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("site.skip")}
        </a>
        <SiteHeader t={t} brand={brand} language={language} path={root?.path ?? "/"} languages={!root?.staff} />
        <div className="width-container">
          <main id="main" className={wide ? "main main--wide" : "main"} tabIndex={-1}>
            {children}
          </main>
        </div>
        <SiteFooter t={t} />
        {hydrate ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

/** What an error page says: a page not found, a form sent twice, a bad request, or our own fault. */
function errorMessages(error: unknown, t: Translate): { title: string; body: string } {
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) return { title: t("notFound.title"), body: t("notFound.body") };
    if (error.status === 409) return { title: t("submitted.title"), body: t("submitted.body") };
    const custom = typeof error.data === "object" && error.data ? (error.data as { title?: string; body?: string }) : {};
    if (error.status < 500) return { title: custom.title ?? t("badRequest.title"), body: custom.body ?? t("badRequest.body") };
  }
  return { title: t("error.title"), body: t("error.body") };
}

export function ErrorBoundary() {
  const error = useRouteError();
  const root = useRouteLoaderData<typeof loader>("root");
  const t = translator(root?.language ?? "en");
  const { title, body } = errorMessages(error, t);
  return <ErrorPage title={title} body={body} t={t} />;
}
