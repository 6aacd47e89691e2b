/**
 * The baseline for the submission benchmark: a bare node:http handler doing the database work
 * of sending a response and nothing else (no Express, no Remix, no Kysely). It uses the same
 * schema, the same pragmas (WAL, synchronous=FULL) and the same lookups and writes as the app:
 * the survey by its public id, the response by its cookie, then in one transaction the response
 * marked submitted with a receipt hash and dates, and its month marked stale for the KPIs.
 *
 * Run by tests/bench/submit.ts as a child process, so that it, like the app, has a process of
 * its own beside the load generator: BARE_DATABASE names its SQLite file.
 */
import http from "node:http";
import SQLite from "better-sqlite3";
import { hashCode, newCode } from "~/codes.server";
import { londonDate } from "~/domain/periods";

const file = process.env.BARE_DATABASE;
if (!file) throw new Error("BARE_DATABASE is not set");

const sqlite = new SQLite(file);
sqlite.pragma("journal_mode = WAL");
sqlite.pragma("synchronous = FULL");
sqlite.pragma("foreign_keys = ON");
sqlite.pragma("busy_timeout = 5000");

const findSurvey = sqlite.prepare<[string], { id: string }>("select id from surveys where public_id = ?");
const findResponse = sqlite.prepare<[string, string], { id: string; status: string; language: string }>(
  "select id, status, language from responses where id = ? and survey_id = ?",
);
const markSubmitted = sqlite.prepare(
  `update responses set status = 'submitted', language = ?, receipt_hash = ?, resume_hash = null, idempotency_key = null,
     submitted_at = ?, submitted_on = ?, updated_at = ?
   where id = ? and status = 'in_progress'`,
);
const markStale = sqlite.prepare("insert into kpi_stale_months (survey_id, month) values (?, ?) on conflict do nothing");

const submit = sqlite.transaction((responseId: string, surveyId: string, language: string, receiptHash: string, now: Date) => {
  const at = now.toISOString();
  const day = londonDate(now);
  const updated = markSubmitted.run(language, receiptHash, at, day, at, responseId);
  if (updated.changes === 0) return false;
  markStale.run(surveyId, day.slice(0, 7));
  return true;
});

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) return decodeURIComponent(part.slice(index + 1).trim());
  }
  return undefined;
}

function redirect(res: http.ServerResponse, location: string, setCookie?: string) {
  res.statusCode = 302;
  res.setHeader("Location", location);
  if (setCookie) res.setHeader("Set-Cookie", setCookie);
  res.end();
}

const server = http.createServer((req, res) => {
  req.resume();
  const match = req.method === "POST" ? req.url?.match(/^\/s\/([a-z0-9]{4,40})\/check$/) : null;
  if (!match) {
    res.statusCode = 404;
    res.end();
    return;
  }
  const publicId = match[1];
  const survey = findSurvey.get(publicId);
  if (!survey) {
    res.statusCode = 404;
    res.end();
    return;
  }
  const responseId = cookie(req.headers.cookie, "response");
  const response = responseId && responseId.length <= 64 ? findResponse.get(responseId, survey.id) : undefined;
  if (!response) return redirect(res, `/s/${publicId}`);
  if (response.status !== "in_progress") return redirect(res, `/s/${publicId}/done`);
  const receiptCode = newCode(12);
  const submitted = submit(response.id, survey.id, response.language, hashCode(receiptCode), new Date());
  redirect(
    res,
    `/s/${publicId}/done`,
    submitted ? `receipt=${receiptCode}; Path=/s/${publicId}; SameSite=Lax; Max-Age=86400; HttpOnly` : undefined,
  );
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(`Listening on http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`);
});

const stop = () => {
  server.close(() => {
    sqlite.close();
    process.exit(0);
  });
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
