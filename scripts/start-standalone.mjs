// Serves the production build. `output: "standalone"` needs the static assets copied beside
// server.js (next build does not do it); falls back to `next start` for a non-standalone build.
import { cpSync, existsSync } from "node:fs";
import { spawn } from "node:child_process";
import path from "node:path";
import { listenDecision } from "./listen-policy.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const standalone = path.join(root, ".next", "standalone");
const server = path.join(standalone, "server.js");
// Holds requests until the server's HTTP layer is installed and makes the start banner a JSON log line
// (see server-preload.mjs); instrumentation.ts installs both in full however the server is started.
const guard = new URL("./server-preload.mjs", import.meta.url).href;
// Listen on loopback unless told otherwise (an inherited shell HOSTNAME is not an instruction), and
// anywhere else only with authentication configured: refuse before anything is served.
const decision = listenDecision(process.env);
if (!decision.ok) {
  console.error(decision.message);
  process.exit(1);
}
process.env.HOSTNAME = decision.host;
process.env.NEXT_TELEMETRY_DISABLED = "1";
// Node 20 is supported by the pinned SDK; its upgrade notice is not for Safekeep users.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
// The standalone server runs from its own folder; keep relative data paths anchored at the project.
process.env.SAFEKEEP_DATA_DIR = path.resolve(root, process.env.SAFEKEEP_DATA_DIR ?? ".data");

let child;
if (existsSync(server)) {
  cpSync(path.join(root, ".next", "static"), path.join(standalone, ".next", "static"), { recursive: true });
  if (existsSync(path.join(root, "public")))
    cpSync(path.join(root, "public"), path.join(standalone, "public"), { recursive: true });
  child = spawn(process.execPath, ["--import", guard, server], { stdio: "inherit", cwd: standalone });
} else {
  child = spawn(
    process.execPath,
    [
      "--import",
      guard,
      path.join(root, "node_modules", "next", "dist", "bin", "next"),
      "start",
      "-H",
      process.env.HOSTNAME,
    ],
    {
      stdio: "inherit",
      cwd: root,
    },
  );
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
