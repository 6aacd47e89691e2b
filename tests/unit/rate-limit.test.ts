import { describe, expect, it } from "vitest";
import { allowAttempt, recordFailure, tooManyFailures } from "~/rate-limit.server";

describe("rate limits", () => {
  it("allows a number of attempts per window, then refuses until the window has passed", () => {
    const key = `test:${Math.random()}`;
    const start = 1_000_000;
    for (let i = 0; i < 3; i++) expect(allowAttempt(key, 3, 60_000, start + i)).toBe(true);
    expect(allowAttempt(key, 3, 60_000, start + 10)).toBe(false);
    expect(allowAttempt(key, 3, 60_000, start + 60_000)).toBe(true);
  });

  it("counts only failures for sign-in, so successful logins never lock anyone out", () => {
    const key = `login:${Math.random()}`;
    const start = 2_000_000;
    expect(tooManyFailures(key, 2, 60_000, start)).toBe(false);
    recordFailure(key, 60_000, start);
    expect(tooManyFailures(key, 2, 60_000, start + 1)).toBe(false);
    recordFailure(key, 60_000, start + 2);
    expect(tooManyFailures(key, 2, 60_000, start + 3)).toBe(true);
    expect(tooManyFailures(key, 2, 60_000, start + 60_001)).toBe(false);
  });
});
