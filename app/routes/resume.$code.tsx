import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";

/**
 * The resume link opens the resume form with its code filled in; pressing Continue spends it.
 * Opening a link changes nothing, so a mail or chat app that fetches it for a preview cannot use
 * up a parent's code.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/resume?code=${encodeURIComponent((params.code ?? "").slice(0, 40))}`);
}
