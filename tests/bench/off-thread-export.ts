/**
 * The KPI export on a worker thread: what the KPI benchmark measures against the export on the
 * request thread, and what the KPI tests check gives the same CSV.
 */
import path from "node:path";
import { Worker } from "node:worker_threads";
import { openDatabase } from "~/db.server";
import { tidyCsvChunks } from "~/domain/tidy-csv";
import { exportKpiCells, type KpiExportOptions } from "~/models/kpi-export.server";
import { KpiRequestError, type KpiRequestProblem } from "~/models/kpi-survey.server";

/** The export's CSV text on a database connection of its own (what the export worker runs). */
export async function* exportKpiCsvOnOwnConnection(
  database: { url: string; searchPath?: string },
  options: KpiExportOptions,
): AsyncGenerator<string> {
  const db = openDatabase(database.url, database.searchPath ? { searchPath: database.searchPath } : {});
  try {
    yield* tidyCsvChunks(exportKpiCells(db, options));
  } finally {
    await db.destroy();
  }
}

/**
 * The worker thread's program (CommonJS, run with `eval`): it opens its own connection, streams
 * the export as CSV text, and sends one chunk at a time, waiting for the reader to ask for the next.
 */
const EXPORT_WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { pathToFileURL } = require("node:url");
// tsx loads the TypeScript modules (and their ~/ imports) in this thread too.
const load = async (file) => (await import("tsx/esm/api")).tsImport(pathToFileURL(file).href, pathToFileURL(file).href);
const asked = () => new Promise((resolve) => parentPort.once("message", resolve));
(async () => {
  const { exportKpiCsvOnOwnConnection } = await load(workerData.module);
  for await (const text of exportKpiCsvOnOwnConnection(workerData.database, workerData.options)) {
    parentPort.postMessage({ type: "text", text });
    await asked();
  }
  parentPort.postMessage({ type: "done" });
})().catch((error) => {
  parentPort.postMessage({ type: "error", message: String((error && error.message) || error), problem: error && error.problem });
});
`;

type WorkerMessage =
  | { type: "text"; text: string }
  | { type: "done" }
  | { type: "error"; message: string; problem?: KpiRequestProblem }
  | { type: "exit"; code: number };

/**
 * The whole tidy CSV export (BOM, header, rows), computed on a worker thread with its own
 * database connection, as text chunks. better-sqlite3 is synchronous, so this keeps every query
 * of a large export off the thread that answers requests; the worker waits for each chunk to be
 * read before computing the next, so memory stays flat however slow the reader.
 *
 * The worker loads this file (tests/bench/off-thread-export.ts) under the working directory (the
 * benchmarks and the tests run from the project root) with tsx, a dependency.
 */
export async function* exportKpiCsvOffThread(
  database: { url: string; searchPath?: string },
  options: KpiExportOptions,
): AsyncGenerator<string> {
  const worker = new Worker(EXPORT_WORKER_SOURCE, {
    eval: true,
    workerData: { module: path.resolve(process.cwd(), "tests", "bench", "off-thread-export.ts"), database, options },
  });
  const inbox: WorkerMessage[] = [];
  let wake: (() => void) | undefined;
  const deliver = (message: WorkerMessage) => {
    inbox.push(message);
    wake?.();
  };
  worker.on("message", deliver);
  worker.on("error", (error) => deliver({ type: "error", message: error.message }));
  worker.on("exit", (code) => deliver({ type: "exit", code }));
  try {
    for (;;) {
      while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const message = inbox.shift();
      if (!message) continue;
      if (message.type === "text") {
        yield message.text;
        worker.postMessage("next");
      } else if (message.type === "done") {
        return;
      } else if (message.type === "error") {
        throw message.problem ? new KpiRequestError(message.problem, message.message) : new Error(message.message);
      } else {
        throw new Error(`The export stopped early (worker exit code ${message.code}).`);
      }
    }
  } finally {
    await worker.terminate();
  }
}
