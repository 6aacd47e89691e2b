/**
 * A fixed-window limit per key, in this process's memory. It slows guessing of resume and
 * receipt codes; with several app servers each keeps its own count, which still bounds guesses
 * per server.
 */
const windows = new Map<string, { start: number; count: number }>();

export function allowAttempt(key: string, limit: number, windowMs: number, now = Date.now()): boolean {
  const current = windows.get(key);
  if (!current || now - current.start >= windowMs) {
    windows.set(key, { start: now, count: 1 });
    if (windows.size > 10_000) pruneOld(now, windowMs);
    return true;
  }
  current.count += 1;
  return current.count <= limit;
}

function pruneOld(now: number, windowMs: number) {
  for (const [key, value] of windows) if (now - value.start >= windowMs) windows.delete(key);
}

/** The client's address, as the server passed it in the load context. */
export function clientAddress(context: unknown): string {
  const address = (context as { clientAddress?: string } | undefined)?.clientAddress;
  return address ?? "unknown";
}

/** Failure-only counting, for sign-in: successful logins never use up anyone's allowance. */
export function tooManyFailures(key: string, limit: number, windowMs: number, now = Date.now()): boolean {
  const current = windows.get(key);
  if (!current || now - current.start >= windowMs) return false;
  return current.count >= limit;
}

export function recordFailure(key: string, windowMs: number, now = Date.now()): void {
  const current = windows.get(key);
  if (!current || now - current.start >= windowMs) windows.set(key, { start: now, count: 1 });
  else current.count += 1;
}
