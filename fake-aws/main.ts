/**
 * `tsx fake-aws/main.ts [--port 4566] [--scenario demo|FILE] [--latency MS]`: serves a scenario on
 * 127.0.0.1 until stopped. Point Safekeep at it with AWS_ENDPOINT_URL=http://127.0.0.1:PORT.
 *
 * `--org N [--size small|medium|large] [--seed S] [--suspended K] [--role-name NAME] [--external-id ID]`
 * serves an AWS Organization instead: a management account and N−1 members, each a generated
 * account (bench/generate.ts) with its own id, inventory and rate-limit buckets. It prints the
 * management account's credentials; the members are reached with sts:AssumeRole into
 * `arn:aws:iam::<member>:role/<NAME>`, as a real organization scan does.
 */
import { parseArgs } from "node:util";
import { SIZE_NAMES, type SizeName } from "@/bench/generate";
import { generateOrganization } from "./organization-generate";
import { DEFAULT_MEMBER_ROLE_NAME } from "./organization";
import { loadScenario } from "./scenario";
import { startFakeAws } from "./server";
import { isOrganizationScenario, type AnyScenario } from "./types";

function fail(message: string): never {
  console.error(`fake-aws: ${message}`);
  process.exit(2);
}

function positiveInteger(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be an integer ≥ ${min}`);
  return n;
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "4566" },
      scenario: { type: "string" },
      latency: { type: "string" },
      org: { type: "string" },
      size: { type: "string", default: "small" },
      seed: { type: "string" },
      suspended: { type: "string" },
      "role-name": { type: "string" },
      "external-id": { type: "string" },
    },
  });
  const accounts = positiveInteger("org", values.org, 1);
  let scenario: AnyScenario;
  let label: string;
  if (accounts !== undefined) {
    if (values.scenario) fail("--org and --scenario cannot be used together");
    if (!SIZE_NAMES.includes(values.size as SizeName)) fail(`--size must be one of ${SIZE_NAMES.join(", ")}`);
    scenario = generateOrganization({
      accounts,
      size: values.size as SizeName,
      seed: positiveInteger("seed", values.seed, 0),
      suspended: positiveInteger("suspended", values.suspended, 0),
      memberRoleName: values["role-name"],
      externalId: values["external-id"],
    });
    label = `organization of ${accounts} ${values.size} account${accounts === 1 ? "" : "s"}`;
  } else {
    scenario = await loadScenario(values.scenario ?? "demo");
    label = `scenario: ${values.scenario ?? "demo"}`;
  }
  if (values.latency) scenario.latencyMs = Number(values.latency);
  const fake = await startFakeAws(scenario, Number(values.port));
  console.log(`fake AWS endpoint on ${fake.url} (${label})`);
  if (isOrganizationScenario(scenario)) {
    const { organization } = scenario;
    const { accessKeyId, secretAccessKey } = fake.credentials();
    const [management, ...members] = fake.accounts();
    console.log(`management account ${management}; members: ${members.join(", ") || "(none)"}`);
    console.log(`base credentials: AWS_ACCESS_KEY_ID=${accessKeyId} AWS_SECRET_ACCESS_KEY=${secretAccessKey}`);
    console.log(
      `member role: ${organization.memberRoleName ?? DEFAULT_MEMBER_ROLE_NAME}` +
        (organization.externalId ? ` (ExternalId ${organization.externalId})` : ""),
    );
  }
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => void fake.close().then(() => process.exit(0)));
}

void main();
