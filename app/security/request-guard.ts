/**
 * The checks every state-changing request passes before the app reads a byte of its body: it
 * comes from one of this site's own pages (same origin), it is no bigger than its route accepts,
 * and it is a form. The server runs them in front of Remix, so page actions, data requests
 * (`?_data=`) and resource routes are covered alike, sign-in included.
 *
 * Pure: the server passes the method, path, headers and the origin it expects.
 */

/** A form a person fills in is a few kilobytes; the largest, the survey builder's, stays well under this. */
export const FORM_BODY_LIMIT_BYTES = 256 * 1024;

/** The import's own limit is 20 MB of CSV; the multipart wrapping adds a little. */
export const IMPORT_FILE_LIMIT_BYTES = 20 * 1024 * 1024;
const IMPORT_BODY_LIMIT_BYTES = IMPORT_FILE_LIMIT_BYTES + 64 * 1024;

/** A translator's file holds one survey's texts in one language: a few hundred KB at most. */
export const TRANSLATIONS_FILE_LIMIT_BYTES = 5 * 1024 * 1024;

/** Routes that take a file upload, the only ones that accept multipart bodies, each with its limit. */
const UPLOAD_ROUTES = [
  { route: /^\/admin\/surveys\/[^/]+\/import\/?$/, limit: IMPORT_BODY_LIMIT_BYTES },
  { route: /^\/admin\/surveys\/[^/]+\/translations\/?$/, limit: TRANSLATIONS_FILE_LIMIT_BYTES + 64 * 1024 },
];

function uploadRoute(path: string) {
  return UPLOAD_ROUTES.find(({ route }) => route.test(path));
}

/** The survey builder posts a whole survey definition (every question in every language): up to 2 MB of JSON. */
const BUILDER_ROUTE = /^\/admin\/surveys\/[^/]+\/edit\/?$/;
const BUILDER_BODY_LIMIT_BYTES = 3 * 1024 * 1024;

export type Refusal = {
  status: 400 | 403 | 411 | 413 | 415;
  title: string;
  message: string;
};

export interface GuardedRequest {
  method: string;
  /** The path of the request, without its query. */
  path: string;
  header: (name: string) => string | undefined;
  /** The origin this site's pages are served from: from configuration, or the request's own host. */
  expectedOrigin: string;
}

/** GET and HEAD change nothing; every other method is checked. */
export function changesState(method: string): boolean {
  return method !== "GET" && method !== "HEAD";
}

export function bodyLimitFor(path: string): number {
  const upload = uploadRoute(path);
  if (upload) return upload.limit;
  return BUILDER_ROUTE.test(path) ? BUILDER_BODY_LIMIT_BYTES : FORM_BODY_LIMIT_BYTES;
}

function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

const CROSS_SITE: Refusal = {
  status: 403,
  title: "This form was not sent from this site",
  message:
    "To protect the people who use this site, forms are accepted only from its own pages. " +
    "If you were filling in a form here, go back to it, reload the page and send it again.",
};

/** Refuses a request whose origin is foreign, `null`, or absent without a same-origin Referer. */
export function crossSiteRefusal(request: GuardedRequest): Refusal | null {
  const origin = request.header("origin");
  if (origin !== undefined) {
    return origin !== "null" && originOf(origin) === request.expectedOrigin ? null : CROSS_SITE;
  }
  const referer = request.header("referer");
  return referer !== undefined && originOf(referer) === request.expectedOrigin ? null : CROSS_SITE;
}

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** Refuses a body that is too big for its route, or whose size is not declared, from its headers alone. */
export function bodySizeRefusal(request: GuardedRequest): Refusal | null {
  const limit = bodyLimitFor(request.path);
  const declared = request.header("content-length");
  if (declared === undefined) {
    if (request.header("transfer-encoding") === undefined) return null; // no body at all
    return {
      status: 411,
      title: "The size of what was sent is missing",
      message: "This site accepts forms only when the browser says how big they are. Go back, reload the page and send the form again.",
    };
  }
  if (!/^\d{1,15}$/.test(declared.trim())) {
    return { status: 400, title: "The request could not be read", message: "Go back, reload the page and send the form again." };
  }
  if (Number(declared) <= limit) return null;
  return {
    status: 413,
    title: "What you sent is too big",
    message: `This page accepts up to ${megabytes(limit)}. Nothing was saved. Go back and send something smaller.`,
  };
}

/** Refuses anything but a form: no type, plain text, JSON, XML, and multipart except where a file is expected. */
export function bodyTypeRefusal(request: GuardedRequest): Refusal | null {
  // Browsers send a form's type even when it has no fields, so a missing type is refused too.
  const type = (request.header("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") return null;
  if (type === "multipart/form-data" && uploadRoute(request.path)) return null;
  return {
    status: 415,
    title: "This page accepts forms only",
    message: "What was sent is not a form from this site. Go back, reload the page and send the form again.",
  };
}

/** The first reason to refuse a state-changing request before reading its body, or null to let it through. */
export function refuseBeforeReading(request: GuardedRequest): Refusal | null {
  if (!changesState(request.method)) return null;
  return crossSiteRefusal(request) ?? bodySizeRefusal(request) ?? bodyTypeRefusal(request);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A small page, complete in itself, that says what happened (the app's own pages are not rendered for a refused request). */
export function refusalPage(refusal: Refusal): string {
  const title = escapeHtml(refusal.title);
  return `<!doctype html>
<html lang="en" dir="ltr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5">
<main>
<h1>${title}</h1>
<p>${escapeHtml(refusal.message)}</p>
<p><a href="/">Go to the home page</a></p>
</main>
</body>
</html>
`;
}
