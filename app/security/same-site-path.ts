/**
 * Redirect targets that come from a request (`next` after signing in, `back` after choosing a
 * language) are parsed as URLs against a stand-in origin and accepted only when they stay on it.
 * Checking the text by hand misses what browsers forgive: `/\t/evil.example` loses its tab and
 * becomes `//evil.example`, another site.
 */
const STAND_IN_ORIGIN = "http://forum.invalid";

/** Tabs, newlines and other control characters, and backslashes, which browsers read as slashes. */
function hasUnsafeCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || code === 0x5c) return true;
  }
  return false;
}

/**
 * `raw` when it is a path on this site (with its query and fragment), else `fallback`. The result
 * is always safe to put in a `Location` header: the URL parser percent-encodes anything else.
 */
export function sameSitePath(raw: string | null | undefined, fallback: string): string {
  if (!raw || !raw.startsWith("/") || hasUnsafeCharacter(raw)) return fallback;
  let url: URL;
  try {
    url = new URL(raw, STAND_IN_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== STAND_IN_ORIGIN) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("//") ? fallback : path;
}
