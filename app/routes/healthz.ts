import { getDb } from "~/db.server";
import { pingDatabase } from "~/models/health.server";

/** 200 once the database answers; 503 while it does not. */
export async function loader() {
  try {
    await pingDatabase(getDb());
    return new Response("ok", { status: 200, headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
  } catch {
    return new Response("database unavailable", { status: 503, headers: { "Content-Type": "text/plain" } });
  }
}
