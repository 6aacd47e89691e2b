import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "~/components/nonce";
import { translator } from "~/i18n";

const ABORT_DELAY = 5_000;

/**
 * Every page is rendered whole before it is sent (onAllReady): most public pages ship no
 * JavaScript, so there is nothing to stream into later.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The server puts the nonce of its Content-Security-Policy header in the load context.
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const app = (
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
      </NonceProvider>
    );
    const { pipe, abort } = renderToPipeableStream(app, {
      onAllReady() {
        shellRendered = true;
        // The whole page is collected and sent in one piece (a page is a few KB): a phone on a
        // poor signal never shows half a form, and the title can still be finished here.
        const chunks: Buffer[] = [];
        const collector = new Writable({
          write(chunk: Buffer, _encoding, done) {
            chunks.push(chunk);
            done();
          },
          final(done) {
            const html = withErrorTitle(Buffer.concat(chunks).toString("utf8"), remixContext, responseStatusCode);
            responseHeaders.set("Content-Type", "text/html; charset=utf-8");
            // Pages hold answers, codes and open/closed states that change: never cache them.
            if (!responseHeaders.has("Cache-Control")) responseHeaders.set("Cache-Control", "no-store");
            resolve(new Response(html, { headers: responseHeaders, status: responseStatusCode }));
            done();
          },
        });
        pipe(collector);
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        // Errors after the shell are logged once; before it, the promise rejects instead.
        if (shellRendered) console.error(error);
      },
    });
    setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * A page that answers a form with problems (a 4xx with the action's data: an error summary)
 * gets "Error: " before its title, in the page's language, so a screen reader user hears at once
 * that the form was not accepted (the GOV.UK pattern). Meta functions cannot see action data,
 * so it is done here, once, for every form.
 */
function withErrorTitle(html: string, remixContext: EntryContext, status: number): string {
  const context = remixContext.staticHandlerContext;
  const answeredWithProblems = status >= 400 && status < 500 && Object.values(context.actionData ?? {}).some((data) => data != null);
  if (!answeredWithProblems) return html;
  const language = (context.loaderData.root as { language?: string } | undefined)?.language ?? "en";
  const prefix = escapeHtml(translator(language)("error.prefix"));
  return html.replace("<title>", `<title>${prefix} `);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Errors are logged without request bodies: a form body may hold a family's answers. */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(`Error on ${request.method} ${new URL(request.url).pathname}: ${message}`);
}
