/**
 * The answer a QR code route gives for an invitation-only survey: a public QR code would only
 * lead to a page that asks for an invitation, so there is none.
 */
export function inviteOnlyRefusal(): Response {
  return new Response(
    "This survey is for invited people only, so it has no public QR code. Send single-use invitation links instead, from the survey's share page.\n",
    { status: 409, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } },
  );
}
