import { createHmac, randomBytes } from "node:crypto";
import { codeFromBytes, hashCode } from "~/codes.server";
import { readCookie, serialiseCookie } from "~/cookies.server";
import { surveyPath } from "./survey-session.server";

/**
 * A receipt for every parent who pressed Send, even when the reply is lost.
 *
 * The receipt code is stored only as a hash, so the forum cannot read codes from its database.
 * To give the same code to a device that sends again (its first reply lost to a dropped signal
 * or a server stopped just after the commit), the code is derived from a random key that only
 * that device holds, in a cookie set on the check page: code = HMAC(key, response id). The
 * database holds the response id and the code's hash, never the key; the device proves it is
 * the sender by presenting the key, and the server re-derives the code and checks its hash.
 */

export const SENDER_COOKIE = "sender";
const KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** As long as the response cookie: a survey can be finished months after it was started. */
const SENDER_COOKIE_DAYS = 180;
/** How long after sending the device may see its code again, as the receipt page first showed it. */
export const RECEIPT_SHOWN_AGAIN_HOURS = 24;
const RECEIPT_CODE_LENGTH = 12;

/** This device's sender key, if it has a well-formed one. */
export function senderKey(request: Request): string | null {
  const key = readCookie(request, SENDER_COOKIE);
  return key && KEY_PATTERN.test(key) ? key : null;
}

/** A Set-Cookie giving this device a sender key for the survey, or null if it has one already. */
export function senderCookieIfMissing(request: Request, publicId: string): string | null {
  if (senderKey(request)) return null;
  return serialiseCookie(request, SENDER_COOKIE, randomBytes(32).toString("base64url"), {
    path: surveyPath(publicId),
    maxAgeSeconds: SENDER_COOKIE_DAYS * 24 * 3600,
  });
}

/** The receipt code this device's key gives for a response: the same every time it is asked. */
export function receiptCodeFor(key: string, responseId: string): string {
  const digest = createHmac("sha256", key).update(`receipt:${responseId}`).digest();
  return codeFromBytes(digest, RECEIPT_CODE_LENGTH);
}

/**
 * The code a sent response's own device may see again: its key must give a code whose hash is
 * the one stored, within RECEIPT_SHOWN_AGAIN_HOURS of sending.
 */
export function recoverReceiptCode(
  request: Request,
  response: { id: string; receiptHash: string | null; submittedAt: string | null },
  now: Date,
): string | null {
  const key = senderKey(request);
  if (!key || !response.receiptHash || !response.submittedAt) return null;
  if (now.getTime() - Date.parse(response.submittedAt) > RECEIPT_SHOWN_AGAIN_HOURS * 3600_000) return null;
  const code = receiptCodeFor(key, response.id);
  return hashCode(code) === response.receiptHash ? code : null;
}
