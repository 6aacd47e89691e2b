import { describe, expect, it } from "vitest";
import { parseAnswer } from "~/domain/answers";
import { withoutControlCharacters } from "~/domain/plain-text";
import { contentSecurityPolicy } from "~/security/content-security-policy";
import { parentCarerExperience } from "~/templates";
import { FORM_BODY_LIMIT_BYTES, IMPORT_FILE_LIMIT_BYTES, refusalPage, refuseBeforeReading } from "~/security/request-guard";
import { sameSitePath } from "~/security/same-site-path";

const SITE = "https://voice.example.org";

function post(headers: Record<string, string>, path = "/admin/users", method = "POST") {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return refuseBeforeReading({ method, path, header: (name) => lower[name], expectedOrigin: SITE });
}
const form = { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": "20" };

describe("the same-origin check", () => {
  it("lets a form from the site's own page through", () => {
    expect(post({ ...form, Origin: SITE })).toBeNull();
  });

  it("refuses a foreign origin, Origin: null and a look-alike with 403", () => {
    for (const origin of [
      "https://evil.example",
      "null",
      "https://voice.example.org.evil.example",
      "http://voice.example.org",
      "garbage",
    ]) {
      expect(post({ ...form, Origin: origin })?.status, origin).toBe(403);
    }
  });

  it("accepts no Origin only with a same-origin Referer", () => {
    expect(post({ ...form, Referer: `${SITE}/admin/users?x=1` })).toBeNull();
    expect(post({ ...form, Referer: "https://evil.example/admin" })?.status).toBe(403);
    expect(post(form)?.status).toBe(403);
  });

  it("checks every method but GET and HEAD", () => {
    expect(post({}, "/admin/users", "GET")).toBeNull();
    expect(post({}, "/admin/users", "HEAD")).toBeNull();
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) expect(post(form, "/logout", method)?.status).toBe(403);
  });
});

describe("the body checks, from the headers alone", () => {
  const from = { Origin: SITE };
  it("refuses a form over its limit with 413 and the import over its own", () => {
    expect(post({ ...from, ...form, "Content-Length": String(FORM_BODY_LIMIT_BYTES) })).toBeNull();
    expect(post({ ...from, ...form, "Content-Length": String(FORM_BODY_LIMIT_BYTES + 1) })?.status).toBe(413);
    const multipart = { "Content-Type": "multipart/form-data; boundary=x" };
    expect(post({ ...from, ...multipart, "Content-Length": String(IMPORT_FILE_LIMIT_BYTES) }, "/admin/surveys/3/import")).toBeNull();
    expect(post({ ...from, ...multipart, "Content-Length": String(IMPORT_FILE_LIMIT_BYTES * 2) }, "/admin/surveys/3/import")?.status).toBe(
      413,
    );
  });

  it("gives the survey builder room for a whole definition in every language, and no more", () => {
    const form = { "Content-Type": "application/x-www-form-urlencoded" };
    expect(post({ ...from, ...form, "Content-Length": String(2 * 1024 * 1024) }, "/admin/surveys/3/edit")).toBeNull();
    expect(post({ ...from, ...form, "Content-Length": String(2 * 1024 * 1024) }, "/admin/surveys/3")?.status).toBe(413);
    expect(post({ ...from, ...form, "Content-Length": String(4 * 1024 * 1024) }, "/admin/surveys/3/edit")?.status).toBe(413);
  });

  it("refuses an undeclared (chunked) size with 411 and a nonsense length with 400", () => {
    expect(post({ ...from, "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" })?.status).toBe(411);
    expect(post({ ...from, ...form, "Content-Length": "12abc" })?.status).toBe(400);
  });

  it("refuses anything that is not a form with 415, and multipart outside the import", () => {
    for (const type of ["", "text/plain", "application/json", "application/xml", "multipart/form-data; boundary=x"]) {
      const headers: Record<string, string> = { ...from, "Content-Length": "5" };
      if (type) headers["Content-Type"] = type;
      expect(post(headers)?.status, type || "no type").toBe(415);
    }
    expect(post({ ...from, "Content-Type": "Application/X-WWW-Form-Urlencoded; charset=UTF-8", "Content-Length": "5" })).toBeNull();
  });

  it("lets an empty form through to its route (a button with no fields), but not an empty body of no type", () => {
    expect(post({ ...from, "Content-Type": "application/x-www-form-urlencoded", "Content-Length": "0" })).toBeNull();
    expect(post({ ...from, "Content-Length": "0" })?.status).toBe(415);
    expect(post({ ...from })?.status).toBe(415);
  });

  it("writes the refusal page with its message, escaped", () => {
    const html = refusalPage({ status: 403, title: "A <b> title", message: 'Say "what" happened' });
    expect(html).toContain('<html lang="en"');
    expect(html).toContain("<title>A &#60;b&#62; title</title>");
    expect(html).toContain("Say &#34;what&#34; happened");
  });
});

describe("sameSitePath", () => {
  it("keeps a path on this site with its query and fragment", () => {
    expect(sameSitePath("/admin/users?page=2#top", "/admin")).toBe("/admin/users?page=2#top");
  });

  it.each([
    ["//evil.example", "protocol-relative"],
    ["/\t/evil.example", "a tab the browser drops"],
    ["/\n/evil.example", "a newline"],
    ["/\\evil.example", "a backslash read as a slash"],
    ["https://evil.example/", "an absolute URL"],
    ["evil.example", "a relative path"],
    ["javascript:alert(1)", "a script URL"],
    ["", "nothing"],
  ])("refuses %j (%s)", (raw) => {
    expect(sameSitePath(raw, "/admin")).toBe("/admin");
  });

  it("percent-encodes non-ASCII so the Location header is valid", () => {
    const path = sameSitePath("/results/é?q=ü", "/");
    expect(path).toBe("/results/%C3%A9?q=%C3%BC");
    expect(() => new Headers({ Location: path })).not.toThrow();
  });
});

describe("the Content-Security-Policy", () => {
  it("allows scripts only from the site or with the nonce, and forbids plugins, base changes, foreign forms and framing", () => {
    const policy = contentSecurityPolicy("abc123");
    const directives = Object.fromEntries(policy.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1).join(" ")]));
    expect(directives["script-src"]).toBe("'self' 'nonce-abc123'");
    expect(directives["object-src"]).toBe("'none'");
    expect(directives["base-uri"]).toBe("'none'");
    expect(directives["form-action"]).toBe("'self'");
    expect(directives["frame-ancestors"]).toBe("'none'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
});

describe("withoutControlCharacters", () => {
  it("removes NUL, escape, DEL and the other C0 controls but keeps tab, newline and carriage return", () => {
    expect(withoutControlCharacters("a\u0000b\u0001c\u001bd\u007fe\tf\ng\r\nh")).toBe("abcde\tf\ng\r\nh");
  });

  it("returns text with nothing to remove unchanged, other scripts and emoji included", () => {
    const text = "بچے کی دیکھ بھال 👍 Zażółć";
    expect(withoutControlCharacters(text)).toBe(text);
  });
});

describe("answers from any path", () => {
  it("lose their control characters at the answer schema", () => {
    const question = parentCarerExperience.questions.find((q) => q.type === "text_long");
    if (!question) throw new Error("the parent template has a long text question");
    expect(parseAnswer(question, ["Call\u0000 me\u0007 back"])).toEqual({ ok: true, value: { kind: "text", text: "Call me back" } });
  });
});
