import type { ZodError } from "zod";
import { sameSitePath } from "~/security/same-site-path";

/** Field → first message, for staff forms whose zod messages are already plain English. */
export function firstErrors(error: ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return errors;
}

/** Only a path on this site: never an open redirect. */
export function safeNext(next: string | null | undefined, fallback = "/admin"): string {
  return sameSitePath(next, fallback);
}
