/**
 * `npm run -s kpis -- --survey <public id or slug> --period-type <quarter|stocktake|academic_year> [--by <segment>]`
 *
 * Prints the survey's KPI figures as the tidy CSV of the KPI contract: the `all` rows, plus the breakdown
 * rows with --by, for every period with responses, disclosure control (SDC-1) applied, from the
 * database DATABASE_URL names. `-s` keeps npm's own banner out of a redirected file.
 *
 * `npm run -s kpis -- --network --survey <template slug> --period-type <…>` prints the network tidy
 * CSV instead (rule NB-1): for every period with counts and every KPI of the template, the network
 * figure, then each forum in the network with its funnel limits and position, SDC-1 applied.
 *
 * Exit codes: 0 printed; 2 the arguments, the survey or the segment were not right (a message on
 * stderr says what); 1 anything else (the database could not be read).
 */
import { once } from "node:events";
import { parseArgs } from "node:util";
import type { DB } from "~/db.server";
import { getDb, migrateToLatest } from "~/db.server";
import { isPeriodType, PERIOD_TYPES } from "~/domain/periods";
import { tidyCsvLines } from "~/domain/tidy-csv";
import { computeKpiCells } from "~/models/kpi-dashboard.server";
import { findKpiSurvey, KpiRequestError } from "~/models/kpi-survey.server";

const USAGE = [
  "Usage: npm run -s kpis -- --survey <public id or slug> --period-type <quarter|stocktake|academic_year> [--by <segment>]",
  "       npm run -s kpis -- --network --survey <survey template slug> --period-type <quarter|stocktake|academic_year>",
].join("\n");

class UsageError extends Error {}

function parse(argv: string[]): { survey: string; periodType: (typeof PERIOD_TYPES)[number]; by?: string; network: boolean } | "help" {
  let values: { survey?: string; "period-type"?: string; by?: string; network?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        survey: { type: "string" },
        "period-type": { type: "string" },
        by: { type: "string" },
        network: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return "help";
  const survey = values.survey?.trim();
  if (!survey) throw new UsageError("--survey is needed: the survey's public id or its slug.");
  const periodType = values["period-type"]?.trim();
  if (!periodType) throw new UsageError(`--period-type is needed: one of ${PERIOD_TYPES.join(", ")}.`);
  if (!isPeriodType(periodType)) throw new UsageError(`"${periodType}" is not a period type: use ${PERIOD_TYPES.join(", ")}.`);
  const by = values.by?.trim();
  if (values.by !== undefined && !by) throw new UsageError("--by needs a segment code, such as district.");
  const network = values.network === true;
  // The network's breakdown is by forum, and only by forum: never a segment.
  if (network && values.by !== undefined)
    throw new UsageError("--by does not go with --network: the network compares forums, not segments.");
  return { survey, periodType, by, network };
}

async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, "drain");
}

/**
 * The network tidy CSV (NB-1). Its modules load only when it is asked for, so that the forum's
 * own figures start as quickly as ever.
 */
async function printNetwork(db: DB, template: string, periodType: (typeof PERIOD_TYPES)[number]): Promise<number> {
  const [{ toNetworkCsv }, { computeNetworkRows }, { NetworkError }] = await Promise.all([
    import("~/domain/network"),
    import("~/models/network-counts.server"),
    import("~/models/network-members.server"),
  ]);
  try {
    await write(toNetworkCsv(await computeNetworkRows(db, { template, periodType })));
    return 0;
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
    console.error(error.message);
    return 2;
  }
}

async function main(argv: string[]): Promise<number> {
  let request: ReturnType<typeof parse>;
  try {
    request = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  if (request === "help") {
    console.log(USAGE);
    return 0;
  }

  let db: DB | undefined;
  try {
    db = getDb();
    await migrateToLatest(db);
    if (request.network) return await printNetwork(db, request.survey, request.periodType);
    const survey = await findKpiSurvey(db, request.survey);
    if (!survey) {
      console.error(`No published survey has the public id or slug "${request.survey}".`);
      return 2;
    }
    if (survey.forums > 1) {
      console.error(
        `Note: ${survey.forums} forums have a survey called ${survey.slug}; showing the first. Use its public id to choose another.`,
      );
    }
    const cells = await computeKpiCells(db, {
      forumId: survey.forumId,
      surveyId: survey.surveyId,
      periodType: request.periodType,
      by: request.by,
    });
    for (const line of tidyCsvLines(cells)) await write(line);
    return 0;
  } catch (error) {
    if (error instanceof KpiRequestError) {
      console.error(error.message);
      return 2;
    }
    // A message, not a stack trace: the person running this needs to know what went wrong.
    console.error(`Could not compute the KPIs: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await db?.destroy();
  }
}

// A reader that stops early (`| head`) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
