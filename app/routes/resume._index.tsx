import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { translatedTitle } from "~/i18n/meta";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import * as z from "zod";
import { Button, ErrorSummary, PostForm, TextField } from "~/components/forms";
import type { MessageKey } from "~/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { clientAddress } from "~/auth/rate-limit.server";
import { resumeWithCode } from "~/respondent/resume.server";
import { readForm } from "~/http.server";

export const meta = translatedTitle("resume.title");

const ResumeForm = z.object({
  code: z.string().trim().min(1, { error: "resume.error.empty" }).max(40, { error: "resume.error.notFound" }),
});

/** A resume link arrives here with its code, to be sent with one press (see resume.$code). */
export async function loader({ request }: LoaderFunctionArgs) {
  return { code: (new URL(request.url).searchParams.get("code") ?? "").slice(0, 40) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = Object.fromEntries(await readForm(request));
  const typed = typeof form.code === "string" ? form.code.slice(0, 100) : "";
  const parsed = ResumeForm.safeParse(form);
  if (!parsed.success) return json({ error: parsed.error.issues[0].message as MessageKey, typed }, { status: 400 });
  const result = await resumeWithCode(request, parsed.data.code, clientAddress(context));
  if (result.redirect) return result.redirect;
  return json({ error: result.error, typed }, { status: result.error === "resume.error.tooMany" ? 429 : 400 });
}

export default function Resume() {
  const result = useActionData<typeof action>();
  const { code } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const error = result?.error ? t(result.error) : undefined;
  return (
    <>
      <ErrorSummary errors={error ? [{ href: "#code", text: error }] : []} t={t} />
      <PostForm>
        <TextField
          id="code"
          name="code"
          label={t("resume.title")}
          asHeading
          hint={`${t("resume.label")}. ${t("resume.hint")}`}
          value={result?.typed ?? (code || undefined)}
          error={error}
          width="code"
          autoComplete="off"
          t={t}
        />
        <Button>{t("resume.button")}</Button>
      </PostForm>
    </>
  );
}
