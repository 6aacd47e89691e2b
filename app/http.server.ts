import { json } from "@remix-run/node";

/** For a loader or action to throw when what was asked for is not there (or not this forum's). */
export function notFound(): Response {
  return json(null, { status: 404 });
}

/** A form field as text: "" when it is missing or a file, and at most `max` characters. */
export function formText(form: FormData, name: string, max = 200): string {
  const value = form.get(name);
  return typeof value === "string" ? value.slice(0, max) : "";
}
