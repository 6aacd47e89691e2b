import type { Control, UseFormRegister, UseFormSetValue } from "react-hook-form";
import type { BuilderForm } from "~/domain/survey-builder-form";

/** What the survey builder's parts share: the error items they show, field ids, and the form. */

/** An error as the page shows it: the dotted field name and a message in plain words. */
export interface ErrorItem {
  path: string;
  message: string;
}

export function idOf(name: string): string {
  return `f-${name.replace(/\./g, "-")}`;
}

/**
 * react-hook-form's register() plus the value itself: register() fills an input only once the
 * page runs JavaScript, and without it the server-rendered form must already show every value.
 */
export type Register = (name: string) => ReturnType<UseFormRegister<BuilderForm>> & { defaultValue: string };
export type RegisterCheckbox = (name: string) => ReturnType<UseFormRegister<BuilderForm>> & { defaultChecked: boolean };

export interface Shared {
  reg: Register;
  regCheckbox: RegisterCheckbox;
  control: Control<BuilderForm>;
  setValue: UseFormSetValue<BuilderForm>;
  values: BuilderForm;
  translations: string[];
  chosen: string;
  errorFor: (path: string) => string | undefined;
}
