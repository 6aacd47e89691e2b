import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { clientAddress } from "~/auth/rate-limit.server";
import { resumeWithCode } from "~/respondent/resume.server";

/** The resume link: sets the survey cookie on this device and carries on. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const result = await resumeWithCode(request, (params.code ?? "").slice(0, 40), clientAddress(context));
  if (result.redirect) return result.redirect;
  return redirect("/resume");
}
