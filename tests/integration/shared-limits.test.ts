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
    first = await startApp();
    second = await startApp({ DATABASE_URL: first.databaseUrl });
  }, 120_000);
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
  });

  const post = (app: RunningApp, path: string, form: Record<string, string>) =>
    fetch(`${app.url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url },
      body: new URLSearchParams(form),
    }).then(async (response) => ({ status: response.status, text: await response.text() }));

  it("five wrong passwords across both servers lock the account on either, even with the right one", async () => {
    for (let i = 0; i < 5; i++) {
      const response = await post(i % 2 ? second : first, "/login", { email: "board@example.org", password: `wrong password ${i}` });
      expect(response.status).toBe(401);
    }
    for (const app of [first, second]) {
      const refused = await post(app, "/login", { email: "board@example.org", password: DEMO_PASSWORD });
      expect(refused.status).toBe(429);
      expect(refused.text).toContain("Too many attempts to sign in");
    }
    // Another account is not affected.
    expect((await post(second, "/login", { email: "moderator@example.org", password: DEMO_PASSWORD })).status).toBe(302);
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
