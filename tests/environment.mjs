// What the test runners need from the machine: PostgreSQL and Chromium. Shared by `npm test`
// (the full gate) and `npm run test:focus` (one file or folder, for the development loop).
import fs from "node:fs";
import pg from "pg";

export const ci = process.env.CI === "true" || process.env.CI === "1";
const postgresUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

async function postgresAnswers() {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** The environment tests run in, and a plain sentence for each part that must be skipped. */
export async function testEnvironment() {
  const missing = [];
  const env = { ...process.env, NODE_ENV: "test" };
  if (await postgresAnswers()) env.TEST_POSTGRES_URL = postgresUrl;
  else {
    env.TEST_POSTGRES_URL = "";
    missing.push(
      `PostgreSQL at ${postgresUrl} did not answer: the PostgreSQL runs of the model and integration tests are skipped. ` +
        "Start PostgreSQL (or set TEST_POSTGRES_URL) to run them.",
    );
  }
  if (fs.existsSync(chromiumPath)) env.CHROMIUM_PATH = chromiumPath;
  else {
    env.CHROMIUM_PATH = "";
    missing.push(
      `No Chromium at ${chromiumPath}: the browser tests are skipped. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  return { env, missing };
}
