/**
 * `npm run mail -- daily-summary`: queues today's summary for every forum's admins now (even if
 * the servers already sent today's) and sends it, with anything else waiting in the outbox.
 * `npm run mail -- send`: sends what waits in the outbox, and exits. Both need SMTP_URL.
 */
import { getDb } from "~/db.server";
import { publicBaseUrl } from "~/mail/links.server";
import { drainOutbox } from "~/mail/outbox.server";
import { mailTransport } from "~/mail/transport.server";
import { queueDailySummaries } from "~/models/mail-recipients.server";

const USAGE = "Usage: npm run mail -- daily-summary | send";
const [command, ...rest] = process.argv.slice(2);
if (!["daily-summary", "send"].includes(command ?? "") || rest.length > 0) {
  console.error(USAGE);
  process.exit(2);
}
const transport = mailTransport();
if (!transport) {
  console.error("Mail is off: set SMTP_URL (for example smtp://mail.example.org:587) to send mail.");
  process.exit(1);
}

const db = getDb();
try {
  if (command === "daily-summary") {
    const queued = await queueDailySummaries(db, publicBaseUrl(), { force: true });
    console.log(queued === 0 ? "Nothing waits in any forum: no summary to send." : `Queued ${queued} daily summaries.`);
  }
  const { sent, failed } = await drainOutbox(db, transport);
  console.log(`Sent ${sent} messages.${failed > 0 ? ` ${failed} could not be sent now and stay in the outbox to be tried again.` : ""}`);
  if (failed > 0) process.exitCode = 1;
} finally {
  transport.close();
  await db.destroy();
}
