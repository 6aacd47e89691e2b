import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { audit, requireRole } from "~/auth/session.server";
import { ErrorMessage, ErrorSummary, FormGroup, TextField } from "~/components/forms";
import { formatPercent } from "~/components/kpi-figures";
import { OptionChecks } from "~/components/kpi-option-checks";
import { KpiVersionHistory } from "~/components/kpi-version-history";
import { getDb } from "~/db.server";
import { localise, optionsOf } from "~/domain/survey";
import { kpiMetadata } from "~/domain/xlsx-metadata";
import { translator } from "~/i18n";
import { forumSurveys, type ForumSurvey } from "~/models/board.server";
import { KpiDefinitionError, listAllKpiVersions, listKpis, saveKpiDefinition, setKpiTarget } from "~/models/kpi-register.server";
import { KPI_ID_PATTERN, KpiDefinitionFormSchema, kpiQuestionProblems, KpiTargetSchema } from "~/schemas/kpi-register";
import { firstErrors } from "~/auth/staff-forms.server";
import { staffChrome } from "~/auth/staff.server";
import { formText, notFound, readForm } from "~/http.server";

export const meta: MetaFunction = () => [{ title: "KPI register" }];
export const handle = { wide: true };

interface CatalogueQuestion {
  code: string;
  title: string;
  surveys: string[];
  options: { code: string; label: string }[];
}

/** Questions a KPI can score: single answers with options, in the forum's published surveys. */
function questionCatalogue(surveys: ForumSurvey[]): CatalogueQuestion[] {
  const byCode = new Map<string, CatalogueQuestion>();
  for (const survey of surveys) {
    for (const q of survey.definition.questions) {
      if (q.type !== "single_choice" && q.type !== "yes_no") continue;
      if (q.role === "segment" || q.role === "free_text") continue;
      const entry = byCode.get(q.code) ?? { code: q.code, title: localise(q.title, "en"), surveys: [], options: [] };
      entry.surveys.push(survey.title);
      for (const o of optionsOf(q))
        if (!entry.options.some((x) => x.code === o.code)) entry.options.push({ code: o.code, label: localise(o.label, "en") });
      byCode.set(q.code, entry);
    }
  }
  return [...byCode.values()];
}

const DONE_TEXT: Record<string, (kpi: string, detail: string) => { title: string; body: string }> = {
  target: (kpi, detail) => ({
    title: `Target for ${kpi} set to ${detail}%`,
    body: "RAG ratings on the dashboard, the board pack and every export use it from now on.",
  }),
  cleared: (kpi) => ({ title: `Target for ${kpi} cleared`, body: "Its figures are published without a RAG rating until a target is set." }),
  added: (kpi) => ({
    title: `${kpi} added to the register`,
    body: "Its figures appear on the board dashboard for every survey that asks its question.",
  }),
  changed: (kpi, detail) => ({
    title: `${kpi} changed: version ${detail} starts`,
    body: "Every period is recomputed under the new version, so the trend stays comparable. The earlier version stays in the history.",
  }),
  unchanged: (kpi) => ({ title: `${kpi} saved`, body: "The counting rule did not change, so the version stays the same." }),
};

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["admin"]);
  const db = getDb();
  const url = new URL(request.url);
  const [kpis, surveys, history] = await Promise.all([
    listKpis(db, staff.forumId),
    forumSurveys(db, staff.forumId),
    listAllKpiVersions(db, staff.forumId),
  ]);
  const catalogue = questionCatalogue(surveys);
  const wording = (code: string) => catalogue.find((q) => q.code === code)?.title ?? null;
  const register = kpis.map((k) => {
    const survey = surveys.find((s) => s.definition.questions.some((q) => q.code === (k.questions?.[0] ?? k.question)));
    const versions = history.get(k.id) ?? [];
    return {
      id: k.id,
      name: k.name,
      kind: k.kind ?? "proportion",
      version: k.version,
      target: k.target,
      question: k.question,
      wording: k.kind === "ehcp_quality_index" ? (k.questions ?? []).map((q) => wording(q) ?? q).join(" | ") : wording(k.question),
      surveys: surveys.filter((s) => s.definition.questions.some((q) => q.code === (k.questions?.[0] ?? k.question))).map((s) => s.title),
      describe: survey ? kpiMetadata(k, survey.definition) : null,
      positive: k.positive,
      negative: k.negative,
      excluded: k.excluded,
      versions: versions.map((v) => ({
        version: v.version,
        createdAt: v.createdAt,
        retiredAt: v.retiredAt,
        question: v.kind === "ehcp_quality_index" ? (v.questions ?? []).join(", ") : v.question,
        positive: v.positive,
        negative: v.negative,
        excluded: v.excluded,
      })),
    };
  });
  const done = url.searchParams.get("done") ?? "";
  const doneKpi = (url.searchParams.get("kpi") ?? "").slice(0, 32);
  const detail = (url.searchParams.get("detail") ?? "").slice(0, 16);
  // Step 2 of adding or changing a KPI: the chosen question's options.
  const chosen = (url.searchParams.get("question") ?? "").slice(0, 64);
  const changing = (url.searchParams.get("change") ?? "").slice(0, 32);
  const changingKpi = register.find((k) => k.id === changing && k.kind === "proportion") ?? null;
  return {
    ...staffChrome(staff),
    register,
    catalogue,
    chosen: catalogue.find((q) => q.code === chosen)?.code ?? null,
    changing: changingKpi
      ? {
          id: changingKpi.id,
          name: changingKpi.name,
          positive: changingKpi.positive,
          negative: changingKpi.negative,
          excluded: changingKpi.excluded,
          question: changingKpi.question,
        }
      : null,
    suggestedId: nextKpiId(register.map((k) => k.id)),
    done: DONE_TEXT[done] && KPI_ID_PATTERN.test(doneKpi) ? DONE_TEXT[done](doneKpi, detail) : null,
  };
}

/** The next free K number after the register's highest (K15 after K13 and K14). */
function nextKpiId(ids: string[]): string {
  const numbers = ids
    .map((id) => /^K(\d+)$/i.exec(id)?.[1])
    .filter(Boolean)
    .map(Number);
  return `K${Math.max(14, ...numbers) + 1}`;
}

type DefinitionValues = {
  mode: string;
  id: string;
  name: string;
  question: string;
  positive: string[];
  negative: string[];
  excluded: string[];
};

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireRole(request, ["admin"]);
  const db = getDb();
  const form = await readForm(request);
  const text = (name: string) => formText(form, name);
  const list = (name: string) =>
    form
      .getAll(name)
      .filter((v): v is string => typeof v === "string")
      .map((v) => v.slice(0, 64))
      .slice(0, 50);
  const intent = text("intent");

  if (intent === "target" || intent === "clear_target") {
    const kpi = text("kpi");
    const values = { kpi, target: text("target") };
    const fail = (message: string) =>
      json(
        {
          form: "target" as const,
          kpi,
          errors: { [`target-${kpi}`]: message } as Record<string, string>,
          values: null as DefinitionValues | null,
          targetValue: values.target,
        },
        { status: 400 },
      );
    const known = (await listKpis(db, staff.forumId)).some((k) => k.id === kpi);
    if (!known) throw notFound();
    if (intent === "clear_target") {
      await setKpiTarget(db, staff.forumId, kpi, null);
      await audit(staff, "kpi.target_cleared", kpi);
      return redirect(`/admin/kpis?done=cleared&kpi=${encodeURIComponent(kpi)}#kpi-${kpi}`);
    }
    const parsed = KpiTargetSchema.safeParse(values);
    if (!parsed.success) return fail(parsed.error.issues[0]?.message ?? "Enter the target as a percentage");
    await setKpiTarget(db, staff.forumId, kpi, parsed.data.target);
    await audit(staff, "kpi.target_set", kpi, { target: parsed.data.target });
    return redirect(`/admin/kpis?done=target&kpi=${encodeURIComponent(kpi)}&detail=${parsed.data.target.toFixed(1)}#kpi-${kpi}`);
  }

  const values: DefinitionValues = {
    mode: text("mode") === "change" ? "change" : "add",
    id: text("id"),
    name: text("name"),
    question: text("question"),
    positive: list("positive"),
    negative: list("negative"),
    excluded: list("excluded"),
  };
  const fail = (errors: Record<string, string>) =>
    json({ form: "definition" as const, kpi: values.id, errors, values, targetValue: "" }, { status: 400 });
  const parsed = KpiDefinitionFormSchema.safeParse(values);
  if (!parsed.success) return fail(firstErrors(parsed.error));
  const surveys = await forumSurveys(db, staff.forumId);
  const options = new Map(questionCatalogue(surveys).map((q) => [q.code, q.options.map((o) => o.code)]));
  const problems = kpiQuestionProblems(parsed.data, options);
  if (Object.keys(problems).length > 0) return fail(problems);
  const existing = (await listKpis(db, staff.forumId)).find((k) => k.id.toLowerCase() === parsed.data.id.toLowerCase());
  if (parsed.data.mode === "add" && existing) {
    return fail({ id: `${existing.id} is already in the register. Choose another id, or use “Change the definition” on ${existing.id}.` });
  }
  if (parsed.data.mode === "change" && (!existing || existing.kind === "ehcp_quality_index")) {
    return fail({ id: "Only a KPI of one question in the register can be changed here." });
  }
  try {
    const saved = await saveKpiDefinition(db, staff.forumId, {
      id: existing?.id ?? parsed.data.id,
      name: parsed.data.name,
      question: parsed.data.question,
      positive: parsed.data.positive,
      negative: parsed.data.negative,
      excluded: parsed.data.excluded,
      kind: "proportion",
    });
    const id = existing?.id ?? parsed.data.id;
    await audit(staff, "kpi.definition_saved", id, { version: saved.version, new_version: saved.created, question: parsed.data.question });
    const done = !existing ? "added" : saved.created ? "changed" : "unchanged";
    return redirect(`/admin/kpis?done=${done}&kpi=${encodeURIComponent(id)}&detail=${saved.version}#kpi-${id}`);
  } catch (error) {
    if (error instanceof KpiDefinitionError) return fail({ id: error.message });
    throw error;
  }
}

const day = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "short", year: "numeric" });
const codes = (list: readonly string[]) => (list.length > 0 ? list.join(", ") : "none");

export default function KpiRegister() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  const errors = result?.errors ?? {};
  const definitionValues = result?.form === "definition" ? result.values : null;
  const questionCode = definitionValues?.question ?? data.chosen ?? data.changing?.question ?? null;
  const question = data.catalogue.find((q) => q.code === questionCode) ?? null;
  const mode = definitionValues?.mode ?? (data.changing ? "change" : "add");
  const prefill = definitionValues ?? (data.changing ? { ...data.changing, mode: "change" } : null);
  return (
    <>
      <ErrorSummary errors={Object.entries(errors).map(([field, text]) => ({ href: `#${field}`, text }))} t={t} />
      {data.done ? (
        <div className="notification" role="status">
          <p className="notification__title">{data.done.title}</p>
          <p className="body">{data.done.body}</p>
        </div>
      ) : null}
      <h1 className="heading-l">KPI register</h1>
      <p className="body">
        Each KPI is a proportion: positive answers out of a base (everyone who answered, minus the excluded options). Changing what a KPI
        counts starts a new version and every period is recomputed under it, so trends stay comparable. Targets are the forum’s goals:
        changing one keeps the version.
      </p>
      <p className="body">
        <a href="#add">Add a KPI</a>
      </p>

      {data.register.map((k) => (
        <section key={k.id} className="kpi-detail" aria-labelledby={`kpi-${k.id}`}>
          <h2 className="heading-m" id={`kpi-${k.id}`} tabIndex={-1}>
            {k.id} {k.name} <span className="tag tag--grey">version {k.version}</span>
          </h2>
          <dl className="method-notes__list">
            <dt>Question</dt>
            <dd>
              {k.wording ? `${k.wording} ` : ""}
              <code>{k.question}</code>
              {k.surveys.length === 0
                ? " (no published survey of this forum asks it, so it is not reported)"
                : ` (${k.surveys.join("; ")})`}
            </dd>
            <dt>Positive</dt>
            <dd>{k.describe?.positive ?? codes(k.positive)}</dd>
            <dt>Negative</dt>
            <dd>{k.describe?.negative ?? codes(k.negative)}</dd>
            <dt>Excluded from the base</dt>
            <dd>{k.describe?.excluded ?? codes(k.excluded)}</dd>
            <dt>Target</dt>
            <dd data-testid={`target-${k.id}`}>{k.target === null ? "None" : formatPercent(k.target)}</dd>
          </dl>
          <form method="post" className="board-filter" noValidate>
            <input type="hidden" name="kpi" value={k.id} />
            <TextField
              id={`target-${k.id}`}
              name="target"
              label={`Target for ${k.id} (%)`}
              width="number"
              inputMode="text"
              value={result?.form === "target" && result.kpi === k.id ? result.targetValue : k.target === null ? "" : String(k.target)}
              error={errors[`target-${k.id}`]}
              t={t}
            />
            <div className="board-filter__submit button-group">
              <button type="submit" className="button button--secondary" name="intent" value="target">
                Set target<span className="visually-hidden"> for {k.id}</span>
              </button>
              {k.target !== null ? (
                <button type="submit" className="button button--secondary" name="intent" value="clear_target">
                  Clear target<span className="visually-hidden"> for {k.id}</span>
                </button>
              ) : null}
            </div>
          </form>
          <KpiVersionHistory
            kpiId={k.id}
            versions={k.versions.map((v) => ({
              ...v,
              positive: codes(v.positive),
              negative: codes(v.negative),
              excluded: codes(v.excluded),
            }))}
            tableClassName="table"
            excludedHeading="Excluded"
            day={day}
          />
          {k.kind === "proportion" ? (
            <p className="body">
              <a href={`/admin/kpis?change=${encodeURIComponent(k.id)}&question=${encodeURIComponent(k.question)}#add`}>
                Change the definition<span className="visually-hidden"> of {k.id}</span>
              </a>
            </p>
          ) : null}
        </section>
      ))}

      <section className="kpi-detail" aria-labelledby="add">
        <h2 className="heading-m" id="add" tabIndex={-1}>
          {mode === "change" && prefill ? `Change the definition of ${prefill.id}` : "Add a KPI"}
        </h2>
        <form method="get" action="/admin/kpis#add" className="board-filter">
          {data.changing ? <input type="hidden" name="change" value={data.changing.id} /> : null}
          <FormGroup error={errors.question}>
            <label className="label" htmlFor="question">
              Question
            </label>
            <div className="hint" id="question-hint">
              A question with one answer, from one of this forum’s published surveys
            </div>
            <ErrorMessage id="question-error" text={errors.question} t={t} />
            <select className="select" id="question" name="question" defaultValue={questionCode ?? ""} aria-describedby="question-hint">
              <option value="">Choose a question</option>
              {data.catalogue.map((q) => (
                <option key={q.code} value={q.code}>
                  {q.code}: {q.title.length > 90 ? `${q.title.slice(0, 88)}…` : q.title}
                </option>
              ))}
            </select>
          </FormGroup>
          <div className="board-filter__submit">
            <button type="submit" className="button button--secondary">
              Choose this question
            </button>
          </div>
        </form>
        {question ? (
          // No fragment in the address it posts to: a page opened at a fragment ignores autofocus, so
          // the error summary would not take focus when the definition comes back with problems.
          <form method="post" action="/admin/kpis" noValidate>
            <input type="hidden" name="intent" value="save" />
            <input type="hidden" name="mode" value={mode} />
            <input type="hidden" name="question" value={question.code} />
            <p className="body">
              <strong>{question.title}</strong> <code>{question.code}</code> (asked in {question.surveys.join("; ")})
            </p>
            {mode === "change" && prefill ? (
              <input type="hidden" name="id" value={prefill.id} />
            ) : (
              <TextField
                id="id"
                name="id"
                label="KPI id"
                hint="Letters and digits, such as K15"
                value={prefill?.id ?? data.suggestedId}
                error={errors.id}
                width="code"
                t={t}
              />
            )}
            {mode === "change" && errors.id ? <ErrorMessage id="id-error" text={errors.id} t={t} /> : null}
            <TextField
              id="name"
              name="name"
              label="Name"
              hint="What the board sees, such as “Felt involved in decisions”"
              value={prefill?.name ?? ""}
              error={errors.name}
              t={t}
            />
            <OptionChecks
              name="positive"
              legend="Positive options"
              hint="Counted in the numerator"
              options={question.options}
              selected={prefill?.positive ?? []}
              error={errors.positive}
              t={t}
            />
            <OptionChecks
              name="negative"
              legend="Negative options"
              hint="Counted for the negative share"
              options={question.options}
              selected={prefill?.negative ?? []}
              error={errors.negative}
              t={t}
            />
            <OptionChecks
              name="excluded"
              legend="Options excluded from the base"
              hint="Such as “Don’t know” or “Not applicable”. Options in none of the three lists stay in the base."
              options={question.options}
              selected={prefill?.excluded ?? []}
              error={errors.excluded}
              t={t}
            />
            <button type="submit" className="button">
              {mode === "change" ? "Save as a new version" : "Add the KPI"}
            </button>
          </form>
        ) : null}
      </section>
    </>
  );
}
