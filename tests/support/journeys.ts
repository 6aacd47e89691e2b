/**
 * Parents' journeys over HTTP, as a phone with JavaScript off makes them, for the tests that kill
 * servers mid-run: the start form, every question page, "Send my answers" and the receipt.
 *
 * A request that gets no answer at all (refused, reset, cut off by a killed server) is sent again,
 * unchanged, as a parent tapping again would: the same form with the same cookies. A journey keeps
 * what it sent, so the database can be compared with it afterwards: every receipt code a parent
 * was shown is stored exactly once, no start is stored twice, and no sent response lacks an
 * answer, a consent or the contact details it was sent with.
 */
import { randomBytes } from "node:crypto";
import { hashCode } from "~/codes.server";
import type { DB } from "~/db.server";
import { CONSENT_PURPOSES, type ConsentPurpose } from "~/models/responses.server";

/** A seeded generator (mulberry32): a run's choices can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Where each request goes: one server, or a balancer's choice among several. */
export interface Route {
  /** The base URL (`http://localhost:1234`) for the next request. */
  pick(): string;
  /** A request to `url` got no answer; the phone will send it again. */
  failed(url: string): void;
}

/** One address for every request (a server, or a relay in front of one that restarts). */
export class OneServer implements Route {
  constructor(readonly url: string) {}
  pick(): string {
    return this.url;
  }
  failed(): void {}
}

/**
 * Round robin over several servers, request by request, as a load balancer in front of them
 * would. A server that leaves a request unanswered is taken out of the rotation (a proxy's
 * passive health check), so the phone's second try goes to another.
 */
export class Balancer implements Route {
  private turn = 0;
  readonly down = new Set<string>();
  /** Requests sent to each server, to show that every one of them took part. */
  readonly served = new Map<string, number>();
  constructor(private readonly urls: string[]) {}
  pick(): string {
    const live = this.urls.filter((url) => !this.down.has(url));
    if (live.length === 0) throw new Error("Every server has stopped answering");
    const url = live[this.turn++ % live.length];
    this.served.set(url, (this.served.get(url) ?? 0) + 1);
    return url;
  }
  failed(url: string): void {
    this.down.add(url);
  }
}

export type RequestKind = "start page" | "start" | "question page" | "answer" | "check page" | "send" | "done page";

/** One request as it left, and what became of it: answered, or cut off and sent again. */
export interface SentRequest {
  kind: RequestKind;
  /** The response the phone's cookie named as the request left, if any. */
  responseId: string | undefined;
  outcome: "in flight" | "answered" | "sent again";
  /** Marks it answered (or not); the phone calls it once. */
  settle(answered: boolean): void;
}

/** How many recent answers of each kind `typicalMs` looks at. */
const RECENT = 20;

/**
 * Counts the requests the parents send, so a test can act at a chosen moment: after some number
 * of requests, just as the next request of a given kind leaves (the next "send", say). It also
 * keeps how long recent requests of each kind took to be answered, so that moment can be placed
 * inside the time the server is busy with one, however fast or slow the machine is today.
 */
export class Traffic {
  private total = 0;
  private readonly recent = new Map<RequestKind, number[]>();
  private waiting: { at: number; kind: RequestKind | "any"; resolve: (request: SentRequest) => void }[] = [];

  sent(kind: RequestKind, responseId?: string): SentRequest {
    const left = performance.now();
    const request: SentRequest = {
      kind,
      responseId,
      outcome: "in flight",
      settle: (answered) => {
        request.outcome = answered ? "answered" : "sent again";
        if (!answered) return;
        const times = this.recent.get(kind) ?? [];
        times.push(performance.now() - left);
        this.recent.set(kind, times.slice(-RECENT));
      },
    };
    this.total++;
    const ready = this.waiting.filter((w) => this.total >= w.at && (w.kind === "any" || w.kind === kind));
    this.waiting = this.waiting.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve(request);
    return request;
  }

  /** The median time recent requests of `kind` took to be answered; of any kind before one of `kind` was. */
  typicalMs(kind: RequestKind): number {
    const times = [...(this.recent.get(kind) ?? [...this.recent.values()].flat())].sort((a, b) => a - b);
    return times.length ? times[Math.floor(times.length / 2)] : 0;
  }

  /** Resolves with the first request of `kind` to leave once `after` more requests have been sent. */
  next(kind: RequestKind | "any", after: number, deadlineMs = 90_000): Promise<SentRequest> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`No "${kind}" request after ${after} more requests within ${deadlineMs / 1000} s: the parents stalled`)),
        deadlineMs,
      );
      this.waiting.push({
        at: this.total + after,
        kind,
        resolve: (request) => {
          clearTimeout(timer);
          resolve(request);
        },
      });
    });
  }
}

type StoredAnswer = { options: string[] } | { text: string };
type Consents = Record<ConsentPurpose, boolean>;

export interface Journey {
  number: number;
  /** From the response cookie the start form set. */
  responseId: string;
  consents: Consents;
  contact: { name: string; contact: string } | null;
  /** What each page last sent, as it should be stored: null for a question left blank. */
  answers: Record<string, StoredAnswer | null>;
  /** The receipt code the confirmation page showed; null when the reply to Send was lost and the page had none. */
  receipt: string | null;
  /** Send got no answer the first time and was sent again. */
  sendResent: boolean;
  /** Requests sent again after getting no answer. */
  resent: number;
}

interface Reply {
  status: number;
  location: string;
  body: string;
}

/** How long one request may keep failing (a server restarting on a busy machine) before the journey gives up. */
const RESEND_DEADLINE_MS = 90_000;
/** A request with no answer at all in this time is treated as lost and sent again. */
const REQUEST_TIMEOUT_MS = 30_000;

/** One parent's browser: its own cookies, its requests sent again until answered. */
class Phone {
  private readonly cookies = new Map<string, string>();
  resent = 0;

  constructor(
    private readonly route: Route,
    private readonly traffic: Traffic | undefined,
    private readonly signal: AbortSignal,
  ) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  get(kind: RequestKind, path: string): Promise<Reply> {
    return this.send(kind, "GET", path);
  }

  post(kind: RequestKind, path: string, fields: Record<string, string | string[]>): Promise<Reply> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
    return this.send(kind, "POST", path, body.toString());
  }

  private async send(kind: RequestKind, method: string, path: string, body?: string): Promise<Reply> {
    const began = Date.now();
    for (let attempt = 0; ; attempt++) {
      const base = this.route.pick();
      const headers: Record<string, string> = { "Accept-Language": "en" };
      if (this.cookies.size > 0) headers.Cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
      // The form comes from the site's own page, as a browser's does.
      if (body !== undefined) Object.assign(headers, { "Content-Type": "application/x-www-form-urlencoded", Origin: base });
      const tracked = this.traffic?.sent(kind, this.cookies.get("response"));
      try {
        const response = await fetch(`${base}${path}`, {
          method,
          headers,
          body,
          redirect: "manual",
          signal: AbortSignal.any([this.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
        });
        const text = await response.text();
        tracked?.settle(true);
        this.remember(response.headers.getSetCookie());
        return { status: response.status, location: response.headers.get("location") ?? "", body: text };
      } catch (error) {
        if (this.signal.aborted) throw new Error("The run was stopped", { cause: error });
        tracked?.settle(false);
        this.route.failed(base);
        this.resent++;
        if (Date.now() - began > RESEND_DEADLINE_MS) {
          throw new Error(`${method} ${path} got no answer for ${RESEND_DEADLINE_MS / 1000} s: ${describeError(error)}`, { cause: error });
        }
        await sleep(Math.min(500, 25 * 2 ** attempt));
      }
    }
  }

  private remember(setCookies: string[]) {
    for (const header of setCookies) {
      const [pair, ...attributes] = header.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      if (attributes.some((a) => /^\s*max-age=0\s*$/i.test(a))) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(at + 1).trim());
    }
  }
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${(error.cause as Error & { code?: string }).code ?? error.cause.message})` : "";
  return `${error.message}${cause}`;
}

function expectReply(reply: Reply, status: number, what: string, location?: RegExp) {
  if (reply.status !== status || (location && !location.test(reply.location))) {
    throw new Error(
      `${what}: expected ${status}${location ? ` to ${location}` : ""}, got ${reply.status}` +
        `${reply.location ? ` to ${reply.location}` : ""}: ${reply.body.replace(/<[^>]*>/g, " ").slice(0, 300)}`,
    );
  }
}

/** The answer controls of a question page: radios, checkboxes or a text box. */
function answerControls(html: string) {
  const inputs = [...html.matchAll(/<input\b[^>]*\bname="answer"[^>]*>/g)].map((m) => ({
    type: /\btype="([^"]+)"/.exec(m[0])?.[1] ?? "text",
    value: /\bvalue="([^"]*)"/.exec(m[0])?.[1] ?? "",
  }));
  const textarea = /<textarea\b[^>]*\bname="answer"/.test(html);
  return { inputs, textarea, optional: html.includes('class="optional"') };
}

/**
 * One parent's whole journey: consents (quotes and a follow-up contact at random), an answer on
 * every page routing shows (optional ones sometimes left blank), Send, and the receipt.
 */
export async function runJourney(options: {
  route: Route;
  publicId: string;
  random: () => number;
  number: number;
  traffic?: Traffic;
  signal: AbortSignal;
}): Promise<Journey> {
  const { publicId, random, number } = options;
  const phone = new Phone(options.route, options.traffic, options.signal);
  const survey = `/s/${publicId}`;

  const startPage = await phone.get("start page", survey);
  expectReply(startPage, 200, "The start page");
  const key = /name="idempotency_key" value="([^"]+)"/.exec(startPage.body)?.[1];
  if (!key) throw new Error("The start page has no idempotency key");
  const consents: Consents = { participate: true, special_category: true, quotes: random() < 0.5, follow_up: random() < 0.3 };
  const contact = consents.follow_up ? { name: `Parent ${number}`, contact: `parent${number}@example.org` } : null;
  let reply = await phone.post("start", survey, {
    idempotency_key: key,
    participate: "yes",
    special_category: "yes",
    ...(consents.quotes ? { quotes: "yes" } : {}),
    ...(contact ? { follow_up: "yes", contact_name: contact.name, contact_detail: contact.contact } : {}),
  });
  expectReply(reply, 302, "Starting", /\/q\//);
  const responseId = phone.cookie("response");
  if (!responseId) throw new Error("Starting set no response cookie");

  const answers: Journey["answers"] = {};
  for (let page = 0; /\/q\//.test(reply.location); page++) {
    if (page > 40) throw new Error(`Still on question pages after 40 of them: ${reply.location}`);
    const path = reply.location;
    const code = decodeURIComponent(/\/q\/([^/?]+)/.exec(path)![1]);
    const question = await phone.get("question page", path);
    expectReply(question, 200, `Question ${code}`);
    const { inputs, textarea, optional } = answerControls(question.body);
    const skip = optional && random() < 0.25;
    let sent: string[];
    let stored: StoredAnswer | null = null;
    if (skip) sent = [];
    else if (inputs.length > 0 && inputs.every((i) => i.type === "radio")) {
      sent = [inputs[Math.floor(random() * inputs.length)].value];
      stored = { options: sent };
    } else if (inputs.length > 0 && inputs.every((i) => i.type === "checkbox")) {
      sent = inputs.filter(() => random() < 0.4).map((i) => i.value);
      if (sent.length === 0) sent = [inputs[0].value];
      stored = { options: sent };
    } else if (textarea || (inputs.length === 1 && inputs[0].type === "text")) {
      sent = [
        `Journey ${number}: clearer information about ${["transport", "therapies", "transition", "short breaks"][Math.floor(random() * 4)]}`,
      ];
      stored = { text: sent[0] };
    } else throw new Error(`Question ${code} has answer controls this journey cannot fill: ${JSON.stringify(inputs)}`);
    reply = await phone.post("answer", path, { answer: sent, intent: "continue" });
    expectReply(reply, 302, `Answering ${code}`);
    answers[code] = stored;
  }

  expectReply(reply, 302, "The last question", /\/check$/);
  const check = await phone.get("check page", reply.location);
  expectReply(check, 200, "Check your answers");
  const resentBefore = phone.resent;
  const sent = await phone.post("send", reply.location, {});
  const sendResent = phone.resent > resentBefore;
  expectReply(sent, 302, "Send my answers", /\/done$/);
  const done = await phone.get("done page", sent.location);
  expectReply(done, 200, "The confirmation page");
  if (!done.body.includes("Your answers have been sent")) throw new Error("The confirmation page does not say the answers were sent");
  const receipt = /data-testid="receipt-code"[^>]*>([^<]+)</.exec(done.body)?.[1] ?? null;
  return { number, responseId, consents, contact, answers, receipt, sendResent, resent: phone.resent };
}

/**
 * A few parents at once, each going through one journey after another until told to stop. A
 * parent whose journey fails in a way no retry mends (an error page, a wrong redirect) stops
 * and leaves the error for the test to report.
 */
export class Parents {
  readonly journeys: Journey[] = [];
  readonly errors: string[] = [];
  private stopping = false;
  private readonly abort = new AbortController();
  private readonly running: Promise<void>[];
  private started = 0;

  constructor(options: { route: Route; publicId: string; seed: number; parents: number; traffic?: Traffic }) {
    this.running = Array.from({ length: options.parents }, async (_, parent) => {
      const random = seededRandom(options.seed * 1000 + parent);
      while (!this.stopping) {
        const number = ++this.started;
        try {
          this.journeys.push(await runJourney({ ...options, random, number, signal: this.abort.signal }));
        } catch (error) {
          if (!this.abort.signal.aborted) this.errors.push(`Parent ${parent + 1}, journey ${number}: ${describeError(error)}`);
          return;
        }
      }
    });
  }

  /** Resolves once `count` more journeys have ended than had at the call (or a parent has failed). */
  async finish(count: number, deadlineMs = 90_000): Promise<void> {
    const target = this.journeys.length + count;
    const deadline = Date.now() + deadlineMs;
    while (this.journeys.length < target && this.errors.length === 0) {
      if (Date.now() > deadline) throw new Error(`Only ${this.journeys.length} of ${target} journeys ended within ${deadlineMs / 1000} s`);
      await sleep(50);
    }
  }

  /** Lets each parent finish the journey they are on, then stop. */
  async stop(): Promise<Journey[]> {
    this.stopping = true;
    await Promise.all(this.running);
    return this.journeys;
  }

  /** Stops at once, cutting off requests in flight: for cleaning up after a failure. */
  async abandon(): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    await Promise.all(this.running);
  }
}

export interface Findings {
  /** Receipt codes a parent was shown that are not stored exactly once, on that parent's response. */
  lost: string[];
  /** Responses of the survey that no journey holds: a start or a response stored twice. */
  duplicated: string[];
  /** A journey's response missing, not sent, or with answers, consents or contact other than it sent. */
  partial: string[];
}

/** Compares the survey's stored responses with the journeys that made them (the survey had none before). */
export async function compareWithStore(db: DB, publicId: string, journeys: Journey[]): Promise<Findings> {
  const survey = await db.selectFrom("surveys").select("id").where("public_id", "=", publicId).executeTakeFirstOrThrow();
  const stored = await db
    .selectFrom("responses")
    .select(["id", "status", "receipt_hash"])
    .where("survey_id", "=", survey.id)
    .where("source", "=", "web")
    .execute();
  const findings: Findings = { lost: [], duplicated: [], partial: [] };

  for (const journey of journeys) {
    if (!journey.receipt) continue;
    const holders = await db
      .selectFrom("responses")
      .select(["id", "status"])
      .where("receipt_hash", "=", hashCode(journey.receipt))
      .execute();
    if (holders.length !== 1 || holders[0].id !== journey.responseId || holders[0].status !== "submitted") {
      findings.lost.push(`journey ${journey.number}, receipt ${journey.receipt}: stored as ${JSON.stringify(holders)}`);
    }
  }

  const held = new Map(journeys.map((j) => [j.responseId, j]));
  for (const row of stored) if (!held.has(row.id)) findings.duplicated.push(`response ${row.id} (${row.status}) belongs to no journey`);
  const shared = journeys.filter((j, i) => journeys.findIndex((k) => k.responseId === j.responseId) !== i);
  for (const j of shared) findings.duplicated.push(`journey ${j.number} was given response ${j.responseId}, which another journey has`);

  const ids = journeys.map((j) => j.responseId);
  const answers = ids.length ? await db.selectFrom("answers").selectAll().where("response_id", "in", ids).execute() : [];
  const consents = ids.length ? await db.selectFrom("consents").selectAll().where("response_id", "in", ids).execute() : [];
  const contacts = ids.length ? await db.selectFrom("follow_up_contacts").selectAll().where("response_id", "in", ids).execute() : [];
  for (const journey of journeys) {
    const row = stored.find((r) => r.id === journey.responseId);
    const problem = (what: string) => findings.partial.push(`journey ${journey.number} (response ${journey.responseId}): ${what}`);
    if (!row) {
      problem("not stored");
      continue;
    }
    if (row.status !== "submitted") problem(`status ${row.status} after Send was answered`);

    const storedAnswers: Record<string, StoredAnswer> = {};
    for (const a of answers.filter((a) => a.response_id === journey.responseId)) {
      if (a.option_code !== null) {
        const existing = storedAnswers[a.question_code];
        if (existing && "options" in existing) existing.options.push(a.option_code);
        else storedAnswers[a.question_code] = { options: [a.option_code] };
      } else storedAnswers[a.question_code] = { text: a.text_value ?? "" };
    }
    const expected = Object.fromEntries(Object.entries(journey.answers).filter(([, value]) => value !== null));
    if (canonical(storedAnswers) !== canonical(expected)) problem(`answers ${canonical(storedAnswers)}, sent ${canonical(expected)}`);

    const storedConsents = consents
      .filter((c) => c.response_id === journey.responseId)
      .map((c) => `${c.purpose}=${Number(c.granted) === 1}`)
      .sort();
    const sentConsents = CONSENT_PURPOSES.map((p) => `${p}=${journey.consents[p]}`).sort();
    if (canonical(storedConsents) !== canonical(sentConsents))
      problem(`consents ${storedConsents.join(", ")}, sent ${sentConsents.join(", ")}`);

    const storedContacts = contacts.filter((c) => c.response_id === journey.responseId).map((c) => ({ name: c.name, contact: c.contact }));
    const sentContacts = journey.contact ? [journey.contact] : [];
    if (canonical(storedContacts) !== canonical(sentContacts))
      problem(`contact ${canonical(storedContacts)}, sent ${canonical(sentContacts)}`);
  }
  return findings;
}

/** JSON with object keys and option lists sorted, so two answer sets compare by content. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (Array.isArray(v)) return [...v].sort();
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)));
    return v;
  });
}

/** A name for a test's own database or file: letters and digits only. */
export function freshName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString("hex")}`;
}
