import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ArrivedMail {
  from: string;
  to: string[];
  subject: string;
  /** The text part, decoded (quoted-printable soft breaks and escapes undone). */
  text: string;
  raw: string;
}

export interface SmtpListener {
  url: string;
  port: number;
  messages: ArrivedMail[];
  /** While set, every recipient is refused with this temporary error. */
  refuseWith: string | null;
  /** Waits until at least `count` messages have arrived (or fails after `ms`). */
  waitFor(count: number, ms?: number): Promise<ArrivedMail[]>;
  close(): Promise<void>;
}

function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === "=" && /^[0-9A-F]{2}$/i.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i], "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

function decodeHeader(value: string): string {
  return value.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_, encoding: string, data: string) =>
    encoding.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("utf8") : decodeQuotedPrintable(data.replace(/_/g, " ")),
  );
}

function parse(raw: string, envelope: { from: string; to: string[] }): ArrivedMail {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const body = raw.slice(split + 4);
  const header = (name: string) => head.match(new RegExp(`^${name}:\\s*(.*)$`, "im"))?.[1] ?? "";
  const encoding = header("Content-Transfer-Encoding").toLowerCase();
  const text =
    encoding === "quoted-printable"
      ? decodeQuotedPrintable(body)
      : encoding === "base64"
        ? Buffer.from(body, "base64").toString("utf8")
        : body;
  return { ...envelope, subject: decodeHeader(header("Subject")), text: text.replace(/\r\n/g, "\n"), raw };
}

/** A real SMTP server on a random local port that keeps what arrives, for tests to read. */
export async function startSmtpListener(): Promise<SmtpListener> {
  const listener: SmtpListener = {
    url: "",
    port: 0,
    messages: [],
    refuseWith: null,
    async waitFor(count, ms = 30_000) {
      const until = Date.now() + ms;
      while (listener.messages.length < count) {
        if (Date.now() > until) throw new Error(`Expected ${count} messages, ${listener.messages.length} arrived`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return listener.messages;
    },
    close: async () => undefined,
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (listener.refuseWith) {
        const error = new Error(listener.refuseWith) as Error & { responseCode: number };
        error.responseCode = 451;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        listener.messages.push(parse(Buffer.concat(chunks).toString("utf8"), envelope));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  listener.port = (server.server.address() as AddressInfo).port;
  listener.url = `smtp://127.0.0.1:${listener.port}`;
  listener.close = () => new Promise((resolve) => server.close(() => resolve()));
  return listener;
}
