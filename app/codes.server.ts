import { createHash, randomBytes, randomUUID } from "node:crypto";

/** Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper survives. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function newId(): string {
  return randomUUID();
}

/** A random code of `length` characters, grouped in fives for reading: `K7P2Q-9XMRT`. */
export function newCode(length = 10): string {
  return codeFromBytes(randomBytes(length), length);
}

/** A code of `length` characters made from the given (random or keyed-hash) bytes, grouped in fives. */
export function codeFromBytes(bytes: Uint8Array, length: number): string {
  if (bytes.length < length) throw new Error("Not enough bytes for the code");
  let code = "";
  for (let i = 0; i < length; i++) code += ALPHABET[bytes[i] % 32];
  return (code.match(/.{1,5}/g) ?? []).join("-");
}

/** What a person typed, made comparable: case, spaces, dashes and look-alike letters forgiven. */
export function normaliseCode(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[\s\-–—_.]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
}

/** Codes are stored only as hashes: a copy of the database does not hand out resume links. */
export function hashCode(code: string): string {
  return createHash("sha256").update(normaliseCode(code)).digest("hex");
}

/** A public id for URLs: 12 characters, lower case, no database key. */
export function newPublicId(): string {
  return newCode(12).replace(/-/g, "").toLowerCase();
}

/** A hash of a machine-made token (session ids, invitation links), compared exactly. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
