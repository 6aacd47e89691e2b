import { authenticator } from "otplib";
import QRCode from "qrcode";

// RFC 6238 defaults (30 s, 6 digits, SHA-1) work with every authenticator app; one step of
// clock drift either way is accepted.
authenticator.options = { window: 1 };

export function newTotpSecret(): string {
  return authenticator.generateSecret(20);
}

export function verifyTotp(code: string, secret: string): boolean {
  const digits = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(digits)) return false;
  try {
    return authenticator.check(digits, secret);
  } catch {
    return false;
  }
}

export async function totpQrSvg(email: string, issuer: string, secret: string): Promise<string> {
  const uri = authenticator.keyuri(email, issuer, secret);
  return QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
}
