import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// Imports run one way, floor by floor (README "Layout"): a floor may import the floors below it,
// never those above, so the pure model can be read and tested without what is built on it.
const SDK = { group: ["@aws-sdk/*", "@smithy/*"], message: "AWS SDK imports belong in lib/aws/ only." };
const TESTS = ["**/*.test.ts", "**/*.test.tsx"];
const SNAPSHOT_MODEL = [
  "lib/snapshot/schema.ts",
  "lib/snapshot/finding-id.ts",
  "lib/snapshot/mask.ts",
  "lib/snapshot/mute.ts",
];

/** `@/lib/<folder>` and everything under it. */
function lib(...folders) {
  return folders.flatMap((folder) => [`@/lib/${folder}`, `@/lib/${folder}/*`]);
}

/**
 * The rule for one floor: the import groups it may not use, and why. Each group is its own pattern so
 * that the negations of one (the snapshot model inside lib/snapshot) cannot re-allow another.
 */
function floor(files, groups, below, { sdk = false } = {}) {
  const patterns = groups.map((group) => ({ group, message: `Layering: ${below}` }));
  return {
    files,
    ignores: TESTS,
    rules: { "no-restricted-imports": ["error", { patterns: sdk ? patterns : [SDK, ...patterns] }] },
  };
}

const UI = ["@/app/*", "@/components/*"];
/** lib/snapshot above the model: the store, history and comparisons read stored snapshots. */
const SNAPSHOT_STORE = [
  "@/lib/snapshot/*",
  "!@/lib/snapshot/schema",
  "!@/lib/snapshot/finding-id",
  "!@/lib/snapshot/mask",
  "!@/lib/snapshot/mute",
];
const UPPER = [
  ...lib("scan", "queue", "report", "remediation", "frameworks", "notify", "demo", "http", "security", "read", "cli"),
  ...UI,
];

const layers = [
  floor(
    ["lib/inventory/**", "lib/detectors/**", "lib/log.ts", "lib/env.ts"],
    [[...lib("aws", "controls", "posture", "snapshot"), ...UPPER]],
    "inventory, detectors, log and env are the ground floor: they import nothing else from lib/.",
  ),
  floor(
    ["lib/aws/**"],
    [[...lib("controls", "posture", "snapshot"), ...UPPER]],
    "collectors turn AWS answers into inventory; they know nothing of controls, posture or snapshots.",
    { sdk: true },
  ),
  floor(
    ["lib/controls/**"],
    [[...lib("aws", "posture", "snapshot"), ...UPPER]],
    "controls judge inventory only; they know nothing of collectors, posture or snapshots.",
  ),
  floor(
    ["lib/posture/**"],
    [[...lib("aws"), ...UPPER], SNAPSHOT_STORE],
    "posture evaluates inventory into a snapshot; of lib/snapshot it may use only the model (schema, finding-id, mask, mute).",
  ),
  floor(
    [
      "lib/snapshot/**",
      "lib/scan/**",
      "lib/queue/**",
      "lib/report/**",
      "lib/remediation/**",
      "lib/frameworks/**",
      "lib/notify/**",
      "lib/demo/**",
      "lib/http/**",
      "lib/security/**",
    ],
    [[...lib("read", "cli"), ...UI]],
    "the store, scan, reports and demo sit below the read path (lib/read), the CLI and the UI.",
  ),
  // After the block above, so that these files get the stricter rule.
  floor(
    SNAPSHOT_MODEL,
    [[...lib("aws", "posture"), ...UPPER], SNAPSHOT_STORE, ["./*", "!./schema", "!./finding-id", "!./mask", "!./mute"]],
    "the snapshot model (schema, finding-id, mask, mute) sits below posture and the snapshot store.",
  ),
  floor(["lib/read/**", "lib/cli/**"], [UI], "lib/ never imports app/ or components/."),
];

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [".next/**", "node_modules/**", "test-results/**", "playwright-report/**", ".data/**", "next-env.d.ts"],
  },
  {
    rules: {
      eqeqeq: ["error", "always"],
      "no-console": ["error", { allow: ["error", "warn"] }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // SDK types stay inside lib/aws; controls read our own inventory types only.
      "no-restricted-imports": ["error", { patterns: [SDK] }],
    },
  },
  {
    // The benchmark's baseline scanner makes its own SDK calls, as the scanners it mimics do.
    files: ["lib/aws/**", "fake-aws/**", "**/*.test.ts", "bench/baseline.ts"],
    rules: { "no-restricted-imports": "off" },
  },
  ...layers,
  {
    files: ["lib/cli/**", "scripts/**", "e2e/**", "fake-aws/main.ts", "fake-idp/main.ts"],
    rules: { "no-console": "off" },
  },
];

export default config;
