import type { RunningApp } from "./app";

/**
 * One respondent's device, over HTTP as a browser with JavaScript off would be: it keeps its own
 * cookies, posts forms from the site (same Origin) and follows redirects. Used where a test
 * needs to drop a reply or move between devices, which a real browser makes awkward.
 */
export class Device {
  readonly cookies = new Map<string, string>();
  constructor(private readonly app: RunningApp) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  /** Takes the cookies a reply sets, as a browser would. */
  keepCookies(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === "";
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** One request, no redirect followed; the reply's cookies are kept unless `dropReply`. */
  async send(path: string, fields?: Record<string, string | string[]>, options: { dropReply?: boolean } = {}): Promise<Response> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields ?? {})) for (const v of [value].flat()) body.append(name, v);
    const response = await fetch(new URL(path, this.app.url), {
      method: fields ? "POST" : "GET",
      redirect: "manual",
      headers: {
        Cookie: this.cookieHeader(),
        ...(fields ? { "Content-Type": "application/x-www-form-urlencoded", Origin: this.app.url } : {}),
      },
      body: fields ? body : undefined,
    });
    if (!options.dropReply) this.keepCookies(response);
    return response;
  }

  /** Follows redirects to the page a browser would show; returns its path and HTML. */
  async visit(path: string, fields?: Record<string, string | string[]>): Promise<{ path: string; status: number; html: string }> {
    let response = await this.send(path, fields);
    let at = path;
    for (let hops = 0; response.status >= 300 && response.status < 400; hops++) {
      if (hops > 10) throw new Error(`Too many redirects from ${path}`);
      at = new URL(response.headers.get("location") ?? "/", new URL(at, this.app.url)).pathname;
      response = await this.send(at);
    }
    return {
      path: new URL(at, this.app.url).pathname + new URL(at, this.app.url).search,
      status: response.status,
      html: await response.text(),
    };
  }

  /** Ticks the required consents on a survey's start page and starts; returns the first question's path. */
  async start(publicId: string): Promise<string> {
    const page = await this.visit(`/s/${publicId}`);
    const key = /name="idempotency_key" value="([^"]+)"/.exec(page.html)?.[1];
    if (!key) throw new Error(`No start form at /s/${publicId} (${page.status})`);
    const started = await this.visit(`/s/${publicId}`, { idempotency_key: key, participate: "yes", special_category: "yes" });
    if (!started.path.includes("/q/")) throw new Error(`Starting went to ${started.path}`);
    return started.path;
  }

  /**
   * Answers questions from `path` with the first choice (or a short text, or 3) until the check
   * page, or only `count` of them; returns where it stopped.
   */
  async answer(path: string, count = Infinity): Promise<{ path: string; html: string }> {
    let page = await this.visit(path);
    for (let answered = 0; page.path.includes("/q/") && answered < count; answered++) {
      const at = page.path;
      page = await this.visit(at, { answer: firstAnswer(page.html), intent: "continue" });
      if (page.path === at)
        throw new Error(`The answer at ${at} was refused (${page.status}): ${/error-summary[\s\S]{0,400}/.exec(page.html)?.[0] ?? ""}`);
    }
    return page;
  }
}

/** What a person in a hurry would enter: the first option, or something short. */
function firstAnswer(html: string): string {
  for (const [tag] of html.matchAll(/<input[^>]*>/g)) {
    if (!tag.includes('name="answer"') || !/type="(radio|checkbox)"/.test(tag)) continue;
    const value = /value="([^"]*)"/.exec(tag);
    if (value) return value[1];
  }
  if (/inputMode="numeric"/i.test(html)) return "3";
  return "It was fine.";
}

/** The receipt code on a confirmation page, if it shows one. */
export function receiptOn(html: string): string | null {
  return /data-testid="receipt-code"[^>]*>([0-9A-Z-]+)</.exec(html)?.[1] ?? null;
}
