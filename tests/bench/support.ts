import { spawnSync } from "node:child_process";
import fs from "node:fs";

/**
 * Shared by the benchmarks: they measure the built server, so they build it only when there is
 * no build at all (a stale build is the caller's choice, as with the browser tests).
 */
export function ensureBuild(): void {
  if (fs.existsSync("build/index.js")) return;
  console.log("No build found: running `npx remix build`…");
  const result = spawnSync("npx", ["remix", "build"], { stdio: "inherit" });
  if (result.status !== 0) throw new Error("The build failed");
}

/** A plain-text table with right-aligned numbers, readable in a terminal and in CI logs. */
export function printTable(headers: string[], rows: (string | number)[][]): void {
  const cells = rows.map((row) => row.map((cell) => (typeof cell === "number" ? cell.toLocaleString("en-GB") : cell)));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i].length)));
  const numeric = headers.map((_, i) => rows.every((row) => typeof row[i] === "number" || /^[\d.,×%-]+( ms| \/s)?$/.test(String(row[i]))));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  console.log(line(headers));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of cells) console.log(line(row));
}

/** Runs `stop` once on normal exit, an error or Ctrl-C, so no benchmark leaves a server behind. */
export function onShutdown(stop: () => Promise<void>): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  const once = () => (stopping ??= stop().catch((error) => console.warn("Stopping failed:", error)));
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void once().then(() => process.exit(130));
    });
  }
  return once;
}
