import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EasyReadWithdrawn } from "~/components/easy-read/receipt";
import { titleByReading } from "~/components/easy-read/title";
import { useTranslation } from "~/i18n/use-translation";

export const meta = titleByReading("receipt.withdrawn.title", "easyRead.receipt.withdrawn.title");

export function loader({ request }: LoaderFunctionArgs) {
  return { easyRead: new URL(request.url).searchParams.get("easy") === "1" };
}

export default function Withdrawn() {
  const { easyRead } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  if (easyRead) return <EasyReadWithdrawn />;
  return (
    <>
      <div className="panel">
        <h1 className="panel__title">{t("receipt.withdrawn.title")}</h1>
      </div>
      <p className="body">{t("receipt.withdrawn.body")}</p>
      <p className="body">
        <a href="/">{t("done.home")}</a>
      </p>
    </>
  );
}
