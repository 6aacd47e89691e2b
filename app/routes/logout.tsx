import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { destroySession, getSession } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { recordAudit } from "~/models/audit.server";

/** Logout ends the session on the server, not only in the browser. */
export async function action({ request }: ActionFunctionArgs) {
  const session = await getSession(request);
  const cookie = await destroySession(request);
  if (session) await recordAudit(getDb(), { forumId: session.membership?.forumId ?? null, actor: session.user.id, action: "logout" });
  return redirect("/login", { headers: { "Set-Cookie": cookie } });
}

export async function loader() {
  return redirect("/login");
}
