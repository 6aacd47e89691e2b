import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import * as z from "zod";
import { Button, ChoiceField, ErrorSummary, PostForm, TextField } from "~/components/forms";
import { getDb } from "~/db.server";
import { localise } from "~/domain/survey";
import type { MessageKey } from "~/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { requestLanguage } from "~/respondent/language.server";
import { findByReceipt, withdrawResponse } from "~/models/responses.server";
import { getVersionDefinition } from "~/models/published-surveys.server";
import { allowAttempt, clientAddress } from "~/auth/rate-limit.server";
import { readForm } from "~/http.server";
import { localeOf } from "~/i18n";
import { EasyReadReceipt } from "~/components/easy-read/receipt";
import { titleByReading } from "~/components/easy-read/title";

export const meta = titleByReading("receipt.title", "easyRead.receipt.title");

/** `?easy=1`: the easy read page, for those sent here from an easy read survey's confirmation. */
function asksForEasyRead(request: Request): boolean {
  return new URL(request.url).searchParams.get("easy") === "1";
}

export function loader({ request }: LoaderFunctionArgs) {
  return { easyRead: asksForEasyRead(request) };
}

const ReceiptForm = z.object({
  intent: z.enum(["find", "withdraw"]).default("find"),
  code: z.string().trim().min(1, { error: "receipt.error.empty" }).max(40, { error: "receipt.error.notFound" }),
  confirm: z.literal("yes").optional(),
});

type Found = { survey: string; submittedAt: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = Object.fromEntries(await readForm(request));
  const easyRead = asksForEasyRead(request);
  const typed = typeof form.code === "string" ? form.code.slice(0, 100) : "";
  const parsed = ReceiptForm.safeParse(form);
  if (!parsed.success) {
    return json({ error: parsed.error.issues[0].message as MessageKey, typed, found: null as Found | null, easyRead }, { status: 400 });
  }
  if (!(await allowAttempt(getDb(), `receipt:${clientAddress(context)}`, 20, 10 * 60_000))) {
    return json({ error: "resume.error.tooMany" as MessageKey, typed, found: null, easyRead }, { status: 429 });
  }
  const db = getDb();
  const receipt = await findByReceipt(db, parsed.data.code);
  if (!receipt) return json({ error: "receipt.error.notFound" as MessageKey, typed, found: null, easyRead }, { status: 404 });
  const definition = await getVersionDefinition(db, receipt.surveyVersionId);
  const found: Found = {
    survey: localise(definition.title, requestLanguage(request)),
    submittedAt: receipt.submittedAt,
  };
  // A response to an easy read survey is checked and taken back in easy read, however it was found.
  const easyReadFound = easyRead || definition.easyRead === true;
  if (parsed.data.intent === "withdraw") {
    if (parsed.data.confirm !== "yes") {
      return json({ error: "receipt.withdraw.error" as MessageKey, typed, found, easyRead: easyReadFound }, { status: 400 });
    }
    await withdrawResponse(db, parsed.data.code);
    return redirect(easyReadFound ? "/receipt/withdrawn?easy=1" : "/receipt/withdrawn");
  }
  return json({ error: null, typed, found, easyRead: easyReadFound });
}

export default function Receipt() {
  const result = useActionData<typeof action>();
  const { easyRead } = useLoaderData<typeof loader>();
  const { t, language } = useTranslation();
  if (result?.easyRead ?? easyRead) return <EasyReadReceipt result={result} />;
  const found = result?.found;
  if (found) {
    const confirmError = result?.error ? t(result.error) : undefined;
    const date = new Intl.DateTimeFormat(localeOf(language), { dateStyle: "long", timeZone: "Europe/London" }).format(
      new Date(found.submittedAt),
    );
    return (
      <>
        <ErrorSummary errors={confirmError ? [{ href: "#confirm", text: confirmError }] : []} t={t} />
        <h1 className="heading-l">{t("receipt.title")}</h1>
        <div className="panel panel--info">
          <p className="body" data-testid="receipt-found">
            {t("receipt.found", { survey: found.survey, date })}
          </p>
        </div>
        <h2 className="heading-m">{t("receipt.withdraw.heading")}</h2>
        <p className="body">{t("receipt.withdraw.body")}</p>
        <PostForm>
          <input type="hidden" name="code" value={result?.typed} />
          <ChoiceField
            type="checkbox"
            name="confirm"
            idPrefix="confirm"
            legend={t("receipt.withdraw.heading")}
            choices={[{ value: "yes", label: t("receipt.withdraw.confirm") }]}
            selected={[]}
            error={confirmError}
            t={t}
          />
          <button type="submit" className="button button--warning" name="intent" value="withdraw">
            {t("receipt.withdraw.button")}
          </button>
        </PostForm>
      </>
    );
  }
  const error = result?.error ? t(result.error) : undefined;
  return (
    <>
      <ErrorSummary errors={error ? [{ href: "#code", text: error }] : []} t={t} />
      <PostForm>
        <input type="hidden" name="intent" value="find" />
        <TextField
          id="code"
          name="code"
          label={t("receipt.title")}
          asHeading
          hint={`${t("receipt.label")}. ${t("receipt.hint")}`}
          value={result?.typed}
          error={error}
          width="code"
          autoComplete="off"
          t={t}
        />
        <Button>{t("receipt.button")}</Button>
      </PostForm>
    </>
  );
}
