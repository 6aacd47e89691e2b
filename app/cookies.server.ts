/** Small cookie helpers: the survey cookies need per-survey paths, which fixed cookie objects lack. */

export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("Cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * Cookies are Secure when the request came over https (directly or through a proxy that says so).
 * A plain-http address, such as a forum trying the app out on its own network, still gets working
 * cookies: browsers would silently drop Secure ones there.
 */
export function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("X-Forwarded-Proto") === "https";
}

/** The one Set-Cookie writer, for staff sessions and respondent cookies alike. */

export function serialiseCookie(
  request: Request,
  name: string,
  value: string,
  options: { path?: string; maxAgeSeconds?: number; httpOnly?: boolean } = {},
): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${options.path ?? "/"}`, "SameSite=Lax"];
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`);
  if (options.httpOnly !== false) parts.push("HttpOnly");
  if (isHttps(request)) parts.push("Secure");
  return parts.join("; ");
}
