/**
 * `tsx fake-aws/main.ts [--port 4566] [--scenario demo|FILE] [--latency MS]`: serves a scenario on
 * 127.0.0.1 until stopped. Point Safekeep at it with AWS_ENDPOINT_URL=http://127.0.0.1:PORT.
 */
import { parseArgs } from "node:util";
import { loadScenario } from "./scenario";
import { startFakeAws } from "./server";

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "4566" },
      scenario: { type: "string", default: "demo" },
      latency: { type: "string" },
    },
  });
  const scenario = await loadScenario(values.scenario);
  if (values.latency) scenario.latencyMs = Number(values.latency);
  const fake = await startFakeAws(scenario, Number(values.port));
  console.log(`fake AWS endpoint on ${fake.url} (scenario: ${values.scenario})`);
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => void fake.close().then(() => process.exit(0)));
}

void main();
