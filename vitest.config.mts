import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    include: [
      "lib/**/*.test.ts?(x)",
      "components/**/*.test.ts?(x)",
      "app/**/*.test.ts?(x)",
      "scripts/**/*.test.ts",
      "fake-aws/**/*.test.ts",
      "fake-idp/**/*.test.ts",
      "bench/**/*.test.ts",
      "test-support/**/*.test.ts",
    ],
    environment: "node",
    setupFiles: ["vitest.setup.ts"],
    env: {
      NEXT_TELEMETRY_DISABLED: "1",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      AWS_EC2_METADATA_DISABLED: "true",
    },
  },
});
