import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, DEMO_PASSWORD, type RunningApp } from "../support/app";

/**
 * Two app servers on one database, as a forum that has outgrown one machine runs them: a guesser
 * who spreads attempts over both gets no more than against one.
 */
describe("guessing limits shared by two app servers", () => {
  let first: RunningApp;
  let second: RunningApp;
  beforeAll(async () => {
    // One proxy in front, as in production: the client's address comes from X-Forwarded-For.
    first = await startApp({ TRUST_PROXY: "1" });
    second = await startApp({ DATABASE_URL: first.databaseUrl, TRUST_PROXY: "1" });
  }, 120_000);
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
  });

  const post = (app: RunningApp, path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${app.url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url, ...headers },
      body: new URLSearchParams(form),
    }).then(async (response) => ({ status: response.status, text: await response.text() }));

  it("five wrong passwords from one address, across both servers, stop that address on either, not the account's owner", async () => {
    const stranger = { "X-Forwarded-For": "198.51.100.7" };
    const owner = { "X-Forwarded-For": "203.0.113.20" };
    for (let i = 0; i < 5; i++) {
      const response = await post(
        i % 2 ? second : first,
        "/login",
        { email: "board@example.org", password: `wrong password ${i}` },
        stranger,
      );
      expect(response.status).toBe(401);
    }
    for (const app of [first, second]) {
      // The stranger is stopped even with the right password...
      const refused = await post(app, "/login", { email: "board@example.org", password: DEMO_PASSWORD }, stranger);
      expect(refused.status).toBe(429);
      expect(refused.text).toContain("Too many attempts to sign in from here");
    }
    // ...and the owner, elsewhere, signs in: a stranger cannot lock anyone out.
    expect((await post(second, "/login", { email: "board@example.org", password: DEMO_PASSWORD }, owner)).status).toBe(302);
    // Another account is not affected at the stranger's address either.
    expect((await post(first, "/login", { email: "moderator@example.org", password: DEMO_PASSWORD }, stranger)).status).toBe(302);
  });

  it("twenty receipt-code guesses across both servers, then the next is refused on either", async () => {
    for (let i = 0; i < 20; i++) {
      const response = await post(i % 2 ? second : first, "/receipt", { code: `ABCD-EFGH-${String(1000 + i)}` });
      expect(response.status).toBe(404);
    }
    expect((await post(first, "/receipt", { code: "ABCD-EFGH-2000" })).status).toBe(429);
    expect((await post(second, "/receipt", { code: "ABCD-EFGH-2001" })).status).toBe(429);
  });
});
