import * as z from "zod";

/**
 * The environment, parsed once at boot. A bad value fails fast with a message that says which
 * variable and why, rather than surfacing later as a confusing error on some request.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** A SQLite file path, or a postgres:// URL. */
  DATABASE_URL: z.string().min(1).default("./data/forum.db"),
  /** 0 seeds the demo forum with no responses at all. */
  SEED_SAMPLE_RESPONSES: z.enum(["0", "1"]).default("1"),
  DEMO_PASSWORD: z.string().min(12, "DEMO_PASSWORD must be at least 12 characters").optional(),
  /** SQLite only: 0 commits every parent's write on its own instead of grouping those that arrive together. */
  SQLITE_GROUP_COMMIT: z.enum(["0", "1"]).default("1"),
  /** Trust X-Forwarded-For from one proxy in front (for rate limiting by address). */
  TRUST_PROXY: z.enum(["0", "1"]).default("0"),
  /**
   * The address people use to reach the forum, e.g. https://voice.example.org. Forms are accepted
   * only from this origin; without it, from the scheme and Host the request arrived with (right
   * when nothing sits in front; behind a proxy that ends TLS, set it).
   */
  PUBLIC_URL: z
    .string()
    .url("PUBLIC_URL must be a full address such as https://voice.example.org")
    .refine((value) => /^https?:\/\//.test(value), "PUBLIC_URL must start with http:// or https://")
    .optional(),
  /**
   * Where mail goes out, e.g. smtp://mail.example.org:587 or smtps://user:pass@host:465. Without
   * it no mail is sent: links are copied by hand, and the admin overview says mail is off.
   */
  SMTP_URL: z
    .string()
    .url("SMTP_URL must be a full address such as smtp://mail.example.org:587")
    .refine((value) => /^smtps?:\/\//.test(value), "SMTP_URL must start with smtp:// or smtps://")
    .optional(),
  /** How often each app server's mail loop looks for messages to send (a message queued by this server goes at once). */
  MAIL_POLL_SECONDS: z.coerce.number().min(0.1).max(3600).default(30),
  /** The sender of the forum's mail. */
  MAIL_FROM: z.string().email("MAIL_FROM must be an e-mail address such as forum@example.org").default("forum@localhost"),
});

export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`The environment is not valid:\n${problems}`);
  }
  return parsed.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
