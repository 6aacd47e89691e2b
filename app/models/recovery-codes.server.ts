import { createHash, randomInt } from "node:crypto";
import { groupedTransaction, type DB } from "~/db.server";

// ---- Recovery codes: each stands in for a two-factor code once, for a person whose phone is lost.

export const RECOVERY_CODE_COUNT = 10;
/** No 0/o, 1/l/i: a code copied by hand from paper is not misread. */
const ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
const CODE_LENGTH = 10;

/** Lower case, without the spaces and hyphens a person adds when typing a code from paper. */
export function normaliseRecoveryCode(typed: string): string {
  return typed.toLowerCase().replace(/[\s-]/g, "");
}

/** Whether what was typed has the shape of a recovery code rather than a 6-digit app code. */
export function looksLikeRecoveryCode(typed: string): boolean {
  const code = normaliseRecoveryCode(typed);
  return code.length === CODE_LENGTH && [...code].every((c) => ALPHABET.includes(c));
}

/** The user's id is part of the hash, so one code's hash says nothing about another account. */
function hashRecoveryCode(userId: string, code: string): string {
  return createHash("sha256")
    .update(`${userId}:${normaliseRecoveryCode(code)}`)
    .digest("hex");
}

function newCode(): string {
  let code = "";
  // 31^10 ≈ 8 × 10^14 codes (49 bits): with a handful of guesses allowed in five minutes, out of reach.
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * Replaces the user's recovery codes with a fresh set and returns them, to be shown once.
 * Codes from an earlier set stop working.
 */
export async function issueRecoveryCodes(db: DB, userId: string, now: Date): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  await groupedTransaction(db, async (trx) => {
    await trx.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
    await trx
      .insertInto("recovery_codes")
      .values(
        codes.map((code) => ({ code_hash: hashRecoveryCode(userId, code), user_id: userId, created_at: now.toISOString(), used_at: null })),
      )
      .execute();
  });
  return codes;
}

/** Spends one of the user's unused codes in one statement: true once, false ever after. */
export async function spendRecoveryCode(db: DB, userId: string, typed: string, now: Date): Promise<boolean> {
  if (!looksLikeRecoveryCode(typed)) return false;
  const result = await db
    .updateTable("recovery_codes")
    .set({ used_at: now.toISOString() })
    .where("code_hash", "=", hashRecoveryCode(userId, typed))
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function unusedRecoveryCodeCount(db: DB, userId: string): Promise<number> {
  const row = await db
    .selectFrom("recovery_codes")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function deleteRecoveryCodes(db: DB, userId: string): Promise<void> {
  await db.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
}
