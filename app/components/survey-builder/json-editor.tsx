import { ErrorMessage } from "~/components/forms";
import { translator } from "~/i18n";
import type { ErrorItem } from "./shared";

export function JsonEditor({ json, errors }: { json: string; errors: ErrorItem[] }) {
  const t = translator("en");
  return (
    <details className="builder-json" open={errors.length > 0 || undefined}>
      <summary>Edit the whole survey as JSON</summary>
      <p className="body">
        For large changes, or a browser without JavaScript. The same checks apply: saving replaces the draft only when the whole survey is
        valid.
      </p>
      <form method="post" noValidate>
        <input type="hidden" name="intent" value="save_json" />
        {errors.length > 0 ? (
          <div className="error-summary" role="alert" aria-labelledby="json-errors-title" tabIndex={-1}>
            <h2 className="error-summary__title" id="json-errors-title">
              The JSON was not saved
            </h2>
            <ul className="error-summary__list">
              {errors.map((e) => (
                <li key={`${e.path}:${e.message}`}>
                  <a href="#definition_json">
                    {e.path ? <code>{e.path}</code> : null}
                    {e.path ? ": " : null}
                    {e.message}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className={`form-group${errors.length > 0 ? " form-group--error" : ""}`}>
          <label className="label" htmlFor="definition_json">
            Survey definition (JSON)
          </label>
          <ErrorMessage
            id="definition_json-error"
            text={errors.length > 0 ? `${errors.length} problem${errors.length === 1 ? "" : "s"}: see the list above` : undefined}
            t={t}
          />
          <textarea
            className="textarea builder-json__text"
            id="definition_json"
            name="definition_json"
            rows={20}
            spellCheck={false}
            defaultValue={json}
            aria-describedby={errors.length > 0 ? "definition_json-error" : undefined}
          />
        </div>
        <button type="submit" className="button button--secondary">
          Save the JSON as the draft
        </button>
      </form>
    </details>
  );
}
