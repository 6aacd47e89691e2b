import { DEMO_PASSWORD, type RunningApp } from "./app";

/** Signs in through the real sign-in form and returns the session cookie ("name=value"). */
export async function signInCookie(app: RunningApp, email: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await fetch(`${app.url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url },
    body: new URLSearchParams({ email, password }),
  });
  const cookie = response.headers.get("set-cookie");
  if (response.status !== 302 || !cookie) throw new Error(`Could not sign in as ${email}: ${response.status}`);
  return cookie.split(";")[0];
}

/** Posts a form as a browser on the site would (same Origin), without following a redirect. */
export function postForm(app: RunningApp, path: string, fields: Record<string, string>, cookie?: string): Promise<Response> {
  return fetch(`${app.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url, ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(fields),
  });
}
