import type { AnswerProblem } from "~/domain/answers";
import type { Translate } from "~/i18n";

/** A domain problem as a sentence in the reader's language. */
export function problemText(problem: AnswerProblem | { code: "not_routed" } | { code: "unknown_question" }, t: Translate): string {
  switch (problem.code) {
    case "too_long":
      return t("error.too_long", { max: problem.max });
    case "number_range":
      return t("error.number_range", { min: problem.min ?? "", max: problem.max ?? "" });
    default:
      return t(`error.${problem.code}`);
  }
}
