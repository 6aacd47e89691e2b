import { Button, ChoiceField, ErrorMessage, FormGroup } from "~/components/forms";
import { languageName } from "~/domain/survey-builder-form";
import { ASSISTED_MODES, type AssistedMode } from "~/domain/response-modes";
import { isUiLanguage, translator } from "~/i18n";

/**
 * "Enter a response for someone", on the survey's admin page and on its own page (where it comes
 * back with its problems): a member of staff chooses how the person is answering and in which
 * language, and goes through the same pages a respondent does.
 */

const MODE_CHOICES: Record<AssistedMode, string> = {
  paper: "Paper: you type in what they wrote on a paper form",
  phone: "Phone: you read each question to them and enter their answer",
  assisted: "Assisted: in person, you or an interpreter help them through it",
};

export interface AssistChoices {
  /** Why responses cannot be entered now, or null when they can. */
  unavailable: string | null;
  languages: { code: string; name: string }[];
}

/** What the form offers for a survey: its published languages, or why it cannot be used yet. */
export function assistChoices(survey: { status: string; access: string; current: { languages: string[] } | null }): AssistChoices {
  const languages = (survey.current?.languages ?? []).filter(isUiLanguage).map((code) => ({ code, name: languageName(code) }));
  let unavailable: string | null = null;
  if (!survey.current) unavailable = "Publish the survey first: responses are entered through its published pages.";
  else if (survey.access === "invite_only")
    unavailable = "This survey is by invitation only: send the person a single-use invitation link instead.";
  else if (survey.status !== "open") unavailable = "Open the survey first: responses can be entered only while it takes them.";
  return { unavailable, languages };
}

export function AssistedEntryForm({
  surveyId,
  choices,
  values = {},
  errors = {},
}: {
  surveyId: string;
  choices: AssistChoices;
  values?: Record<string, string>;
  errors?: Record<string, string>;
}) {
  const t = translator("en");
  if (choices.unavailable) return <p className="body">{choices.unavailable}</p>;
  return (
    <form method="post" action={`/admin/surveys/${surveyId}/assist`} noValidate>
      <ChoiceField
        type="radio"
        name="mode"
        idPrefix="mode"
        legend="How is the person answering?"
        choices={ASSISTED_MODES.map((mode) => ({ value: mode, label: MODE_CHOICES[mode] }))}
        selected={values.mode ? [values.mode] : []}
        error={errors.mode}
        t={t}
      />
      <FormGroup error={errors.language}>
        <label className="label" htmlFor="language">
          Language they are answering in
        </label>
        <ErrorMessage id="language-error" text={errors.language} t={t} />
        <select
          className="select"
          id="language"
          name="language"
          defaultValue={values.language ?? choices.languages[0]?.code}
          aria-describedby={errors.language ? "language-error" : undefined}
        >
          {choices.languages.map((language) => (
            <option key={language.code} value={language.code}>
              {language.name}
            </option>
          ))}
        </select>
      </FormGroup>
      <Button>Enter a response for someone</Button>
    </form>
  );
}
