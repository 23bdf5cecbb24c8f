import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

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
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@aws-sdk/*", "@smithy/*"], message: "AWS SDK imports belong in lib/aws/ only." }] },
      ],
    },
  },
  {
    // The benchmark's baseline scanner makes its own SDK calls, as the scanners it mimics do.
    files: ["lib/aws/**", "fake-aws/**", "**/*.test.ts", "bench/baseline.ts"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["lib/cli/**", "scripts/**", "e2e/**", "fake-aws/main.ts"],
    rules: { "no-console": "off" },
  },
];

export default config;
