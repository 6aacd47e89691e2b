// `npm start`: build if the build is missing or older than the source, then hand over to the
// server with exec semantics (the server replaces this process, so stopping it stops the server).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const buildFile = "build/index.js";
const sourceTime = Math.max(newestMtime("app"), newestMtime("db"), fs.statSync("remix.config.js").mtimeMs);
if (!fs.existsSync(buildFile) || fs.statSync(buildFile).mtimeMs < sourceTime) {
  console.log("Building the app…");
  const result = spawnSync("npx", ["remix", "build"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
