import nodemailer, { type Transporter } from "nodemailer";
import { env } from "~/env.server";

/**
 * The SMTP transport, made once from SMTP_URL. Without SMTP_URL there is none: nothing is queued
 * and nothing is sent, and every page works as it does without mail.
 */
let transport: Transporter | null | undefined;

export function mailEnabled(): boolean {
  return Boolean(env().SMTP_URL);
}

export function mailTransport(): Transporter | null {
  if (transport === undefined) {
    const url = env().SMTP_URL;
    transport = url ? nodemailer.createTransport(url) : null;
  }
  return transport;
}

/** For the overview: on or off, and the server's host (never its user name or password). */
export function mailStatus(): { on: boolean; host: string | null } {
  const url = env().SMTP_URL;
  return { on: Boolean(url), host: url ? new URL(url).host : null };
}
