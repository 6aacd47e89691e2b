import type { MetaFunction } from "@remix-run/node";
import { translator, type MessageKey } from "./index";

/** The interface language the root loader chose for this request. */
export function pageLanguage(matches: { id: string; data: unknown }[]): string {
  const root = matches.find((match) => match.id === "root")?.data as { language?: string } | undefined;
  return root?.language ?? "en";
}

/**
 * A page whose title is a catalogue message: translated like the page itself. (A page that
 * answers a form with errors gets "Error: " before its title, in the same language, from the
 * server's renderer.)
 */
export function translatedTitle(key: MessageKey): MetaFunction {
  return ({ matches }) => [{ title: translator(pageLanguage(matches))(key) }];
}
