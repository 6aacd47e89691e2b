/**
 * Any address no other route answers: a 404 through the root's error page. Without this route
 * the root loader would not run for it, and the page would not know the visitor's language.
 */
export function loader(): never {
  throw new Response(null, { status: 404, statusText: "Not Found" });
}

export default function NotFound() {
  return null;
}
