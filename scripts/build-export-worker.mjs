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
import { createRequire } from "node:module";
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

/**
 * CommonJS packages the worker imports by name. Node finds the names a CommonJS module exports by
 * reading its source, and React's entry files only choose between a development and a production
 * file, of which the standalone server ships the production one alone: `import { Fragment } from
 * "react/jsx-runtime"` then fails there ("Named export 'Fragment' not found") and the worker never
 * starts. These imports are served instead by a small module that require()s the package (no source
 * reading needed) and names each of its exports, read here at build time.
 */
const REQUIRED_BY_NAME = /^(react|react\/jsx-runtime|react-dom\/server|pg|better-sqlite3)$/;
const buildRequire = createRequire(path.join(root, "package.json"));

function requiredByName(specifier) {
  const names = Object.keys(buildRequire(specifier)).filter(
    (name) => name !== "default" && /^[A-Za-z_$][\w$]*$/.test(name),
  );
  return [
    'import { createRequire } from "node:module";',
    `const required = createRequire(import.meta.url)(${JSON.stringify(specifier)});`,
    "export default required;",
    ...names.map((name) => `export const ${name} = required.${name};`),
  ].join("\n");
}

const requireCommonJs = {
  name: "require-commonjs-externals",
  setup(plugin) {
    plugin.onResolve({ filter: REQUIRED_BY_NAME }, (args) =>
      // The shim's own require() is left alone: it runs at run time, beside the server.
      args.namespace === "required-by-name" ? undefined : { path: args.path, namespace: "required-by-name" },
    );
    plugin.onLoad({ filter: /.*/, namespace: "required-by-name" }, (args) => ({
      contents: requiredByName(args.path),
      loader: "js",
      resolveDir: root,
    }));
  },
};

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
  plugins: [requireCommonJs],
  // CommonJS dependencies bundled into an ES module still call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as __safekeepRequire } from 'node:module'; const require = __safekeepRequire(import.meta.url);",
  },
  legalComments: "none",
  logLevel: "warning",
});
console.log(`build-export-worker: ${path.relative(root, out)}`);
