import { useRouteLoaderData } from "@remix-run/react";
import type { RootData } from "~/root";
import { translator, type Translate } from "./index";

/** The interface language chosen for this request, and its translator. */
export function useTranslation(): { language: string; t: Translate } {
  const root = useRouteLoaderData("root") as RootData | undefined;
  const language = root?.language ?? "en";
  return { language, t: translator(language) };
}
