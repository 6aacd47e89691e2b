// `npm run dev`: rebuild on every change and restart the server when a build lands.
// Remix's classic compiler watches app/ (`remix watch`); Node's own watch mode restarts the
// server when build/ changes. Stop both with Ctrl-C.
import { spawn, spawnSync } from "node:child_process";

const built = spawnSync("npx", ["remix", "build", "--sourcemap"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "development" } });
if (built.status !== 0) process.exit(built.status ?? 1);

const env = { ...process.env, NODE_ENV: "development" };
const children = [
  spawn("npx", ["remix", "watch"], { stdio: "inherit", env }),
  spawn("node", ["--watch-path=build", "--watch-path=db", "--watch-preserve-output", "--import", "tsx", "app/cli/serve.ts"], {
    stdio: "inherit",
    env,
  }),
];

const stop = () => {
  for (const child of children) child.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const child of children)
  child.on("exit", (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
