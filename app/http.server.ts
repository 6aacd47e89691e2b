import { json } from "@remix-run/node";
import { withoutControlCharacters } from "~/domain/plain-text";

/** For a loader or action to throw when what was asked for is not there (or not this forum's). */
export function notFound(): Response {
  return json(null, { status: 404 });
}

/** A form field as text: "" when it is missing or a file, and at most `max` characters. */
export function formText(form: FormData, name: string, max = 200): string {
  const value = form.get(name);
  return typeof value === "string" ? value.slice(0, max) : "";
}

/**
 * Every action reads its form here: a body that is not a readable form is a 400 with a message
 * (never a 500), and control characters are removed from every name and value before any schema
 * sees them, so none can be stored. Files (the import's upload) pass through untouched.
 */
export async function readForm(request: Request): Promise<FormData> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw json({ title: "The form could not be read", body: "Go back, reload the page and send the form again." }, { status: 400 });
  }
  const clean = new FormData();
  for (const [name, value] of form)
    clean.append(withoutControlCharacters(name), typeof value === "string" ? withoutControlCharacters(value) : value);
  return clean;
}
