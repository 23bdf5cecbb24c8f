// Bundles the export worker (lib/read/render-worker.ts) into one plain ES module for the production
// server: `npm run build` runs it after `next build`, writing .next/standalone/export-worker.mjs beside
// server.js, where the pool looks for it (lib/report/render-pool.ts `workerFile`: the server's
// working directory). Worker threads cannot run TypeScript, and the Next.js bundle holds the routes,
// not a module a thread can load.
//
// What stays outside the bundle is what the standalone server already ships in its node_modules (the
// native SQLite add-on, the PostgreSQL client, the PDF renderer and the React it renders with, all
// loaded from node_modules at run time: next.config.ts serverExternalPackages): one copy of each.
//
//   node scripts/build-export-worker.mjs [--out FILE]
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({ options: { out: { type: "string" } } });
const standalone = path.join(root, ".next", "standalone");
const out = values.out ? path.resolve(values.out) : path.join(standalone, "export-worker.mjs");

if (!values.out && !existsSync(path.join(standalone, "server.js"))) {
  console.error("build-export-worker: no .next/standalone/server.js; run next build first (npm run build does both)");
  process.exit(1);
}

export const EXTERNAL = ["better-sqlite3", "pg", "pg-native", "@react-pdf/renderer", "react", "react-dom", "piscina"];

await build({
  entryPoints: [path.join(root, "lib", "read", "render-worker.ts")],
  outfile: out,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  jsx: "automatic",
  tsconfig: path.join(root, "tsconfig.json"),
  external: EXTERNAL,
  // CommonJS dependencies bundled into an ES module still call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as __safekeepRequire } from 'node:module'; const require = __safekeepRequire(import.meta.url);",
  },
  legalComments: "none",
  logLevel: "warning",
});
console.log(`build-export-worker: ${path.relative(root, out)}`);
