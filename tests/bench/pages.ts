/**
 * Page weight of the parent journey: for each public page, the bytes a phone with a cold cache
 * downloads with gzip — the HTML and every stylesheet, script, font and image it references,
 * each counted once per page. Public pages have a 50 KB budget (see the stack notes); a
 * benchmark reports, so going over is printed loudly but does not fail the run.
 *
 * Requests go through node:http rather than fetch because fetch decompresses bodies before
 * we could count them: here we count the bytes as they came over the wire.
 */
import http from "node:http";
import zlib from "node:zlib";
import { startApp, type RunningApp } from "../support/app";
import { ensureBuild, onShutdown, printTable } from "./support";

const BUDGET_BYTES = 50_000;
const SURVEY_SLUG = "parent-carer-experience";

type Kind = "html" | "css" | "js" | "font" | "image";

interface Fetched {
  status: number;
  location: string | undefined;
  contentType: string;
  /** Body bytes as transferred, i.e. compressed when the server compressed. */
  bodyBytes: number;
  /** Status line and headers, which travel with every response too. */
  headerBytes: number;
  encoding: string | undefined;
  text: string;
  setCookies: string[];
}

/** The cookies a browser would hold: name, value and the path each was set for. */
class CookieJar {
  private cookies = new Map<string, { value: string; path: string }>();

  store(setCookies: string[]) {
    for (const header of setCookies) {
      const [pair, ...attributes] = header.split(";").map((s) => s.trim());
      const index = pair.indexOf("=");
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      let path = "/";
      let expired = false;
      for (const attribute of attributes) {
        const [key, val = ""] = attribute.split("=");
        if (key.toLowerCase() === "path") path = val || "/";
        if (key.toLowerCase() === "max-age" && Number(val) <= 0) expired = true;
        if (key.toLowerCase() === "expires" && Date.parse(val) < Date.now()) expired = true;
      }
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, { value, path });
    }
  }

  headerFor(pathname: string): string | undefined {
    const matching = [...this.cookies].filter(
      ([, c]) => pathname === c.path || pathname.startsWith(c.path.endsWith("/") ? c.path : `${c.path}/`),
    );
    return matching.length > 0 ? matching.map(([name, c]) => `${name}=${c.value}`).join("; ") : undefined;
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }
}

function request(url: URL, jar: CookieJar, options: { method?: string; form?: Record<string, string> } = {}): Promise<Fetched> {
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  const headers: Record<string, string> = {
    "Accept-Encoding": "gzip",
    Accept: "text/html,application/xhtml+xml,*/*;q=0.8",
    "User-Agent": "page-weight-benchmark",
  };
  const cookie = jar.headerFor(url.pathname);
  if (cookie) headers.Cookie = cookie;
  if (body !== undefined) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    headers["Content-Length"] = String(Buffer.byteLength(body));
    // From the site's own page, as a browser sends it: the server refuses forms from elsewhere.
    headers.Origin = url.origin;
  }
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? "GET", headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        const raw = Buffer.concat(chunks);
        const encoding = res.headers["content-encoding"];
        const decoded = encoding === "gzip" ? zlib.gunzipSync(raw) : encoding === "br" ? zlib.brotliDecompressSync(raw) : raw;
        // HTTP/1.1 framing as sent: "HTTP/1.1 200 OK\r\n", "Name: value\r\n" each, then "\r\n".
        let headerBytes = `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n`.length + 2;
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          headerBytes += Buffer.byteLength(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\r\n`);
        }
        const setCookies = res.headers["set-cookie"] ?? [];
        jar.store(setCookies);
        resolve({
          status: res.statusCode ?? 0,
          location: res.headers.location,
          contentType: res.headers["content-type"] ?? "",
          bodyBytes: raw.length,
          headerBytes,
          encoding,
          text: decoded.toString("utf8"),
          setCookies,
        });
      });
    });
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

function attribute(tag: string, name: string): string | undefined {
  const match = tag.match(new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i"));
  const value = match ? (match[1] ?? match[2] ?? match[3]) : undefined;
  return value?.replace(/&amp;/g, "&");
}

function kindOfUrl(href: string): Kind {
  const path = href.split(/[?#]/)[0].toLowerCase();
  if (/\.(woff2?|ttf|otf|eot)$/.test(path)) return "font";
  if (/\.css$/.test(path)) return "css";
  if (/\.m?js$/.test(path)) return "js";
  return "image";
}

/** What a browser would fetch for this HTML: stylesheets, scripts, preloads, icons and images. */
function subresourcesOfHtml(html: string): { href: string; kind: Kind }[] {
  const found: { href: string; kind: Kind }[] = [];
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attribute(tag, "rel") ?? "").toLowerCase().split(/\s+/);
    const href = attribute(tag, "href");
    if (!href) continue;
    if (rel.includes("stylesheet")) found.push({ href, kind: "css" });
    else if (rel.includes("modulepreload")) found.push({ href, kind: "js" });
    else if (rel.includes("icon") || rel.includes("apple-touch-icon")) found.push({ href, kind: "image" });
    else if (rel.includes("preload")) {
      const as = (attribute(tag, "as") ?? "").toLowerCase();
      const kind: Kind =
        as === "style" ? "css" : as === "script" ? "js" : as === "font" ? "font" : as === "image" ? "image" : kindOfUrl(href);
      found.push({ href, kind });
    }
  }
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attribute(tag, "src");
    if (src) found.push({ href: src, kind: "js" });
  }
  for (const [tag] of html.matchAll(/<(?:img|source|input)\b[^>]*>/gi)) {
    const src = attribute(tag, "src");
    if (src && !/^data:/i.test(src)) found.push({ href: src, kind: "image" });
  }
  for (const [, href] of html.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/gi)) {
    if (!/^data:/i.test(href)) found.push({ href, kind: kindOfUrl(href) });
  }
  // Inline JavaScript modules may import further chunks.
  for (const [, body] of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)) {
    for (const [, href] of body.matchAll(/import\s*(?:[^"';]*from\s*)?["']([^"']+\.m?js)["']/g)) found.push({ href, kind: "js" });
  }
  return found;
}

/**
 * What a stylesheet pulls in: @import and url() (fonts and images). Every referenced font is
 * counted, though a browser fetches only the faces it uses: an upper bound, on purpose.
 */
function subresourcesOfCss(css: string): { href: string; kind: Kind }[] {
  const found: { href: string; kind: Kind }[] = [];
  for (const [, href] of css.matchAll(/@import\s+(?:url\()?\s*['"]?([^'")\s;]+)/gi)) found.push({ href, kind: "css" });
  for (const [, href] of css.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/gi)) {
    if (!/^data:/i.test(href)) found.push({ href, kind: kindOfUrl(href) });
  }
  return found;
}

/** Static imports of a JavaScript module, which the browser also downloads before running it. */
function subresourcesOfJs(js: string): { href: string; kind: Kind }[] {
  const found: { href: string; kind: Kind }[] = [];
  for (const [, href] of js.matchAll(/(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g)) found.push({ href, kind: "js" });
  return found;
}

interface PageWeight {
  page: string;
  status: number;
  bytes: Record<Kind, number>;
  headers: number;
  total: number;
  requests: number;
  hasScript: boolean;
  uncompressed: string[];
}

/** Counts a page that has just been fetched, then follows its subresources with a cold cache. */
async function weigh(label: string, page: Fetched, pageUrl: URL, jar: CookieJar): Promise<PageWeight> {
  if (!page.contentType.startsWith("text/html")) throw new Error(`${label}: expected HTML, got ${page.status} ${page.contentType}`);
  const bytes: Record<Kind, number> = { html: page.bodyBytes, css: 0, js: 0, font: 0, image: 0 };
  let headers = page.headerBytes;
  const uncompressed: string[] = [];
  if (page.encoding !== "gzip" && page.bodyBytes > 1024) uncompressed.push(pageUrl.pathname);
  const seen = new Set<string>();
  const queue = subresourcesOfHtml(page.text).map((r) => ({ ...r, base: pageUrl }));
  while (queue.length > 0) {
    const { href, kind, base } = queue.shift()!;
    const url = new URL(href, base);
    // Only this site's files: the pages must not depend on third parties anyway.
    if (url.origin !== pageUrl.origin) throw new Error(`${label}: references another site: ${url.href}`);
    url.hash = "";
    if (seen.has(url.href)) continue;
    seen.add(url.href);
    const fetched = await request(url, jar);
    if (fetched.status !== 200) throw new Error(`${label}: ${url.pathname} answered ${fetched.status}`);
    bytes[kind] += fetched.bodyBytes;
    headers += fetched.headerBytes;
    if (fetched.encoding !== "gzip" && fetched.bodyBytes > 1024 && kind !== "font" && kind !== "image") uncompressed.push(url.pathname);
    const nested = kind === "css" ? subresourcesOfCss(fetched.text) : kind === "js" ? subresourcesOfJs(fetched.text) : [];
    queue.push(...nested.map((r) => ({ ...r, base: url })));
  }
  const total = Object.values(bytes).reduce((a, b) => a + b, 0) + headers;
  return {
    page: label,
    status: page.status,
    bytes,
    headers,
    total,
    requests: 1 + seen.size,
    hasScript: /<script\b/i.test(page.text),
    uncompressed,
  };
}

function expectStatus(what: string, response: Fetched, status: number) {
  if (response.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${response.status}${response.location ? ` to ${response.location}` : ""}`);
  }
}

function hiddenField(html: string, name: string): string {
  for (const [tag] of html.matchAll(/<input\b[^>]*>/gi)) {
    if (attribute(tag, "name") === name) return attribute(tag, "value") ?? "";
  }
  throw new Error(`No ${name} field on the page`);
}

/** The value of the first choice on a question page, or undefined for a text question. */
function firstChoice(html: string): string | undefined {
  for (const [tag] of html.matchAll(/<input\b[^>]*>/gi)) {
    const type = (attribute(tag, "type") ?? "").toLowerCase();
    if (attribute(tag, "name") === "answer" && (type === "radio" || type === "checkbox")) return attribute(tag, "value");
  }
  return undefined;
}

async function measureJourney(app: RunningApp): Promise<PageWeight[]> {
  const base = new URL(app.url.replace("localhost", "127.0.0.1"));
  const publicId = app.publicIds[SURVEY_SLUG];
  if (!publicId) throw new Error(`The server did not report the ${SURVEY_SLUG} survey:\n${app.output()}`);
  const at = (path: string) => new URL(path, base);
  const start = `/s/${publicId}`;
  const parent = new CookieJar();
  const results: PageWeight[] = [];
  const getPage = async (label: string, path: string, jar = parent) => {
    const url = at(path);
    const page = await request(url, jar);
    expectStatus(label, page, 200);
    results.push(await weigh(label, page, url, jar));
    return page;
  };

  await getPage("Home", "/");
  const startPage = await getPage("Survey start", start);
  const idempotencyKey = hiddenField(startPage.text, "idempotency_key");

  // Sending the start form without the required consents shows the page with its errors.
  const invalid = await request(at(start), parent, { method: "POST", form: { idempotency_key: idempotencyKey } });
  expectStatus("Start without consent", invalid, 400);
  results.push(await weigh("Start, validation error", invalid, at(start), parent));

  const started = await request(at(start), parent, {
    method: "POST",
    form: { idempotency_key: idempotencyKey, participate: "yes", special_category: "yes" },
  });
  expectStatus("Start with consent", started, 302);
  if (!parent.has("response")) throw new Error("Starting the survey set no response cookie");

  let next = started.location!;
  let first = true;
  for (let step = 0; !new URL(next, base).pathname.endsWith("/check"); step++) {
    if (step > 100) throw new Error("The survey never reached the check page");
    const path = new URL(next, base).pathname;
    const question = first ? await getPage("Question", path) : await request(at(path), parent);
    expectStatus(`Question ${path}`, question, 200);
    first = false;
    const choice = firstChoice(question.text);
    let answered = await request(at(path), parent, { method: "POST", form: { answer: choice ?? "", intent: "continue" } });
    if (answered.status === 400 && choice === undefined) {
      // A required text or number question: give it something it accepts.
      answered = await request(at(path), parent, { method: "POST", form: { answer: "1", intent: "continue" } });
    }
    expectStatus(`Answer to ${path}`, answered, 302);
    next = answered.location!;
  }

  await getPage("Check answers", `${start}/check`);
  const sent = await request(at(`${start}/check`), parent, { method: "POST", form: {} });
  expectStatus("Send answers", sent, 302);
  if (!new URL(sent.location!, base).pathname.endsWith("/done")) throw new Error(`Sending went to ${sent.location}`);
  await getPage("Confirmation", `${start}/done`);
  await getPage("Resume", "/resume");
  await getPage("Receipt", "/receipt");
  await getPage("Privacy", "/privacy");
  await getPage("Accessibility", "/accessibility");

  // A new visitor who chooses Urdu with the language link, as a parent would.
  const urdu = new CookieJar();
  const switched = await request(at(`/language?to=ur&back=${encodeURIComponent(start)}`), urdu);
  expectStatus("Choose Urdu", switched, 302);
  const urduPage = await getPage("Survey start, Urdu", start, urdu);
  if (!/<html[^>]*\blang="ur"/.test(urduPage.text)) throw new Error('The Urdu start page is not marked lang="ur"');

  return results;
}

const kb = (bytes: number) => (bytes / 1000).toFixed(1);

async function main() {
  ensureBuild();
  const app = await startApp({ SEED_SAMPLE_RESPONSES: "0" });
  const stop = onShutdown(() => app.stop());
  try {
    const results = await measureJourney(app);
    console.log(`\nPage weight of the parent journey (gzip, cold cache, KB = 1,000 bytes; budget ${kb(BUDGET_BYTES)} KB a page)\n`);
    printTable(
      ["page", "status", "HTML", "CSS", "JS", "fonts", "images", "headers", "total", "requests", "budget", "<script>"],
      results.map((r) => [
        r.page,
        String(r.status),
        kb(r.bytes.html),
        kb(r.bytes.css),
        kb(r.bytes.js),
        kb(r.bytes.font),
        kb(r.bytes.image),
        kb(r.headers),
        kb(r.total),
        String(r.requests),
        r.total <= BUDGET_BYTES ? "within" : "OVER BUDGET",
        r.hasScript ? "yes" : "none",
      ]),
    );
    const over = results.filter((r) => r.total > BUDGET_BYTES);
    const scripted = results.filter((r) => r.hasScript);
    const uncompressed = [...new Set(results.flatMap((r) => r.uncompressed))];
    console.log("");
    console.log(
      over.length === 0
        ? `All ${results.length} pages are within the ${kb(BUDGET_BYTES)} KB budget (largest ${kb(Math.max(...results.map((r) => r.total)))} KB).`
        : `OVER BUDGET: ${over.map((r) => `${r.page} (${kb(r.total)} KB)`).join(", ")}.`,
    );
    console.log(
      scripted.length === 0
        ? "No page has a <script> element."
        : `Pages with a <script> element: ${scripted.map((r) => r.page).join(", ")}.`,
    );
    if (uncompressed.length > 0) console.log(`Sent without gzip (over 1 KB): ${uncompressed.join(", ")}`);
  } finally {
    await stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
