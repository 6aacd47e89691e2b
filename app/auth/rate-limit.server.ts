import { hashToken } from "~/codes.server";
import type { DB } from "~/db.server";
import { countAttempt, currentCount, deleteWindowsBefore } from "~/models/rate-limits.server";

/**
 * Fixed-window guessing limits, kept in the database: app servers sharing one PostgreSQL share
 * one count, so adding servers never multiplies anyone's guesses. They slow the guessing of
 * passwords, two-factor, resume and receipt codes, and invitation links.
 *
 * Keys name what is limited (`login:account:<email>`, `receipt:<address>`); only their hash is
 * stored. Each check is one statement, so two servers counting the same key at once both count.
 */

/** Counts an attempt and says whether it is within `limit` for the current window. */
export async function allowAttempt(db: DB, key: string, limit: number, windowMs: number, now = Date.now()): Promise<boolean> {
  return (await countAttempt(db, hashToken(key), windowMs, now)) <= limit;
}

/** Failure-only counting, for sign-in: successful logins never use up anyone's allowance. */
export async function tooManyFailures(db: DB, key: string, limit: number, windowMs: number, now = Date.now()): Promise<boolean> {
  return (await currentCount(db, hashToken(key), now - windowMs)) >= limit;
}

/** Failures counted under `key` in the current window. */
export async function failureCount(db: DB, key: string, windowMs: number, now = Date.now()): Promise<number> {
  return currentCount(db, hashToken(key), now - windowMs);
}

/**
 * Sign-in limits that slow a guesser down without letting a stranger lock anyone out. Failures
 * are counted three ways. Per account and address: five, then that address waits out the window
 * for that account (a stranger locks out only themselves). Per account from anywhere and per
 * address across accounts: past a few, each answer is delayed a little more (a quarter of a
 * second per failure, at most ten), and only at numbers no person reaches (100 and 300 in the
 * window) are attempts refused, so a guesser spread over many addresses is slowed, and an office
 * behind one address is not shut out by one person's typing.
 */
export const SIGN_IN_LIMITS = { perAccountAndAddress: 5, perAccount: 100, perAddress: 300, slowAfter: 5, stepMs: 250, maxDelayMs: 10_000 };

export interface SignInAllowance {
  refused: boolean;
  /** How long to wait before answering this attempt. */
  delayMs: number;
}

export function signInKeys(account: string, address: string) {
  return { pair: `login:pair:${account}:${address}`, account: `login:account:${account}`, address: `login:address:${address}` };
}

export async function signInAllowance(db: DB, account: string, address: string, windowMs: number): Promise<SignInAllowance> {
  const keys = signInKeys(account, address);
  const [pair, perAccount, perAddress] = await Promise.all([
    failureCount(db, keys.pair, windowMs),
    failureCount(db, keys.account, windowMs),
    failureCount(db, keys.address, windowMs),
  ]);
  const limits = SIGN_IN_LIMITS;
  const refused = pair >= limits.perAccountAndAddress || perAccount >= limits.perAccount || perAddress >= limits.perAddress;
  const excess = Math.max(perAccount, perAddress / 6) - limits.slowAfter;
  return { refused, delayMs: excess > 0 ? Math.min(limits.maxDelayMs, Math.round(excess * limits.stepMs)) : 0 };
}

export async function recordSignInFailure(db: DB, account: string, address: string, windowMs: number): Promise<void> {
  const keys = signInKeys(account, address);
  for (const key of [keys.pair, keys.account, keys.address]) await recordFailure(db, key, windowMs);
}

export async function recordFailure(db: DB, key: string, windowMs: number, now = Date.now()): Promise<void> {
  await countAttempt(db, hashToken(key), windowMs, now);
}

/** Forgets windows that ended long ago; run with retention. */
export async function pruneRateLimits(db: DB, now = Date.now(), olderThanMs = 24 * 3600 * 1000): Promise<number> {
  return deleteWindowsBefore(db, now - olderThanMs);
}

/** The client's address, as the server passed it in the load context. */
export function clientAddress(context: unknown): string {
  const address = (context as { clientAddress?: string } | undefined)?.clientAddress;
  return address ?? "unknown";
}
