import { env } from "~/env.server";

/**
 * The address links in mail, share pages and QR codes start with: PUBLIC_URL when set, else the
 * origin the request arrived at, else this server on localhost.
 */
export function publicBaseUrl(request?: Request): string {
  const configured = env().PUBLIC_URL;
  if (configured) return new URL(configured).origin + new URL(configured).pathname.replace(/\/$/, "");
  if (request) return new URL(request.url).origin;
  return `http://localhost:${env().PORT}`;
}
