import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Transporter } from "nodemailer";
import type { DB } from "~/db.server";
import { env } from "~/env.server";
import { londonDate } from "~/domain/periods";
import { claimNextMail, mailFailed, mailSent } from "~/models/mail-outbox.server";
import { queueDailySummaries } from "~/models/mail-recipients.server";
import { publicBaseUrl } from "./links.server";

/** This process, as the outbox knows it: host, process id and a random id. */
export const MAIL_RUNNER = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;

/** The daily summary goes out from this hour, London time. */
export const DAILY_SUMMARY_HOUR = 7;

/** Sends every message due, one claimed row at a time, until none is left for this process. */
export async function drainOutbox(db: DB, transport: Transporter, runner = MAIL_RUNNER): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (;;) {
    const mail = await claimNextMail(db, runner);
    if (!mail) return { sent, failed };
    try {
      await transport.sendMail({ from: env().MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text });
      await mailSent(db, mail, runner);
      sent += 1;
    } catch (error) {
      failed += 1;
      const message = error instanceof Error ? error.message : String(error);
      const outcome = await mailFailed(db, mail, runner, message);
      // A refusal the outbox will retry is expected now and then: a warning, not an error.
      console.warn(`Mail (${mail.kind}) not sent${outcome === "given_up" ? " and given up" : "; it will be tried again"}: ${message}`);
    }
  }
}

function londonHour(now: Date): number {
  return Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "numeric", hourCycle: "h23" }).format(now));
}

/**
 * The in-process loop of an app server: every `pollMs` (and at once when a message is queued in
 * this process) it queues the day's summaries if due and sends what waits. Never two runs at
 * once in a process; other servers run their own, and the outbox's claims keep them apart.
 */
export function startMailLoop(getDb: () => DB, transport: Transporter, pollMs: number): () => void {
  let running = false;
  let again = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let lastSummaryDay = "";
  const run = async () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    if (timer) clearTimeout(timer);
    try {
      const now = new Date();
      const day = londonDate(now);
      if (day !== lastSummaryDay && londonHour(now) >= DAILY_SUMMARY_HOUR) {
        await queueDailySummaries(getDb(), publicBaseUrl(), { now });
        lastSummaryDay = day;
      }
      await drainOutbox(getDb(), transport);
    } catch (error) {
      console.error("The mail loop failed; it will try again:", error instanceof Error ? error.message : error);
    } finally {
      running = false;
      if (!stopped) {
        timer = setTimeout(() => void run(), again ? 0 : pollMs);
        timer.unref();
      }
      again = false;
    }
  };
  (globalThis as { __forumMailWake?: () => void }).__forumMailWake = () => void run();
  timer = setTimeout(() => void run(), 500);
  timer.unref();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    (globalThis as { __forumMailWake?: () => void }).__forumMailWake = undefined;
  };
}
