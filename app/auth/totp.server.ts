import { authenticator } from "otplib";
import QRCode from "qrcode";
import type { DB } from "~/db.server";
import { claimTotpStep } from "~/models/totp-uses.server";

// RFC 6238 defaults (30 s, 6 digits, SHA-1) work with every authenticator app; one step of
// clock drift either way is accepted.
authenticator.options = { window: 1 };

export function newTotpSecret(): string {
  return authenticator.generateSecret(20);
}

const STEP_MS = 30_000;

/** The time step (30 s since the epoch) whose code `code` is, within the accepted drift; else null. */
export function totpStep(code: string, secret: string, now = Date.now()): number | null {
  const digits = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(digits)) return null;
  try {
    const delta = authenticator.clone({ epoch: now }).checkDelta(digits, secret);
    return delta === null ? null : Math.floor(now / STEP_MS) + delta;
  } catch {
    return null;
  }
}

/**
 * Accepts a code once: it must be right for now, and of a later time step than the last code the
 * user gave, which this records in the same statement. A replayed code, even inside its 30-second
 * window, is refused like a wrong one.
 */
export async function acceptTotp(db: DB, userId: string, secret: string, code: string, now = Date.now()): Promise<boolean> {
  const step = totpStep(code, secret, now);
  if (step === null) return false;
  return claimTotpStep(db, userId, step);
}

export async function totpQrSvg(email: string, issuer: string, secret: string): Promise<string> {
  const uri = authenticator.keyuri(email, issuer, secret);
  return QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
}
