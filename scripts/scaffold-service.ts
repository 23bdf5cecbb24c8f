/**
 * Adds a sixth, fictional regional service, "widgets" (Amazon Widgets), to a copy of the repository,
 * the way a contributor would: new files for what belongs to the service alone, and one-line
 * insertions into the few shared files that register it. scripts/scaffold-service.test.ts runs it in
 * a temporary copy and then the typecheck and the catalog, policy, plan, descriptor and layering
 * tests there, so the number of files it touches is the real cost of adding a service.
 *
 * Each insertion goes after an anchor that must occur exactly once; when the codebase changes so that
 * an anchor is gone, the scaffold throws and names it instead of producing a half-wired service.
 *
 * No SDK client exists for a fictional service, so its collector calls a stand-in: the read-only
 * GetContactInformation of the AWS Account API (`account:GetContactInformation`), which no step of
 * the scan plan calls otherwise.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The fictional seed page the control cites; the test writes it into a temporary seeds directory. */
export const WIDGETS_SEED = {
  file: "005_widgets_data_protection.txt",
  title: "Data protection in Amazon Widgets",
  url: "https://docs.aws.amazon.com/widgets/latest/dg/data-protection.html",
  quote: "We recommend that you encrypt every widget at rest with a customer managed key in AWS KMS.",
} as const;

/** The page itself: a few lines around the quoted sentence. */
export const WIDGETS_SEED_PAGE = `# Data protection in Amazon Widgets

Amazon Widgets is a fictional service used to test how Safekeep adds a service.

## Encryption at rest

${WIDGETS_SEED.quote} Widgets created without a key are not encrypted.
`;

/** The stand-in call, as the policy, the collector step and the control name it. */
const ACTION = "account:GetContactInformation";

// ---------------------------------------------------------------------------------------------
// New files
// ---------------------------------------------------------------------------------------------

const NEW_FILES: Readonly<Record<string, string>> = {
  "lib/inventory/widgets.ts": `/**
 * Amazon Widgets, a fictional regional service (added by scripts/scaffold-service.ts to a copy of the
 * repository): Safekeep's own shapes, no SDK types.
 */
import type { Tag } from "./common";

export interface Widget {
  arn: string;
  region: string;
  name: string;
  description?: string;
  /** Whether the widget's data is encrypted at rest. */
  encrypted: boolean;
  /** The customer managed KMS key it is encrypted with; undefined: an AWS owned key, or not encrypted. */
  kmsKeyArn?: string;
  tags: Tag[];
}

export interface WidgetsRegionInventory {
  region: string;
  widgets: Widget[];
}

export interface WidgetsInventory {
  regions: WidgetsRegionInventory[];
}
`,

  "lib/inventory/services/widgets.ts": `/** Amazon Widgets (fictional), described once for the cross-cutting code (see ./types.ts). */
import { SERVICE_NAMES } from "../common";
import type { Inventory, WidgetsRegionInventory } from "../index";
import { NOT_WALKED, push, pushTags } from "./fields";
import type { KeyUse, ServiceDescriptor, TextField } from "./types";

/** The call whose answer lists a Region's widgets (a stand-in: see lib/aws/widgets/collect.ts). */
const LIST_WIDGETS = "${ACTION}";

function regionsOf(inventory: Inventory): WidgetsRegionInventory[] {
  return inventory.widgets?.regions ?? [];
}

function textFields(inventory: Inventory): TextField[] {
  const into: TextField[] = [];
  for (const region of regionsOf(inventory)) {
    for (const widget of region.widgets) {
      const resource = {
        resourceArn: widget.arn,
        resourceType: "Widget",
        region: widget.region,
        resourceName: widget.name,
      };
      push(into, resource, "name", widget.name);
      push(into, resource, "description", widget.description);
      pushTags(into, resource, widget.tags);
    }
  }
  return into;
}

function keyUses(inventory: Inventory): KeyUse[] {
  return regionsOf(inventory).flatMap((region) =>
    region.widgets.map((widget) => ({
      keyId: widget.kmsKeyArn,
      region: widget.region,
      reference: { service: "widgets" as const, resourceArn: widget.arn },
    })),
  );
}

export const widgets: ServiceDescriptor = {
  id: "widgets",
  name: SERVICE_NAMES.widgets,
  part: "widgets",
  // Widget ARNs read \`arn:aws:widgets:…\`. The stand-in's \`account\` prefix is not the service's own:
  // account:ListRegions, a start-up call, shares it.
  iamPrefixes: ["widgets"],
  textFields,
  urlFields: () => [],
  textFieldActions: [LIST_WIDGETS],
  urlFieldActions: [],
  textFieldExemptions: {
    "regions[].region": NOT_WALKED.region,
    "regions[].widgets[].arn": NOT_WALKED.arn,
    "regions[].widgets[].region": NOT_WALKED.region,
    "regions[].widgets[].kmsKeyArn": NOT_WALKED.key,
  },
  fips: [],
  arnLabels: {
    services: { widgets: "Widgets" },
    resourceTypes: { "widgets:widget": "Widget" },
  },
  references: { keyUses, reads: ["widgets.regions[].widgets"] },
  names(inventory, into) {
    for (const region of regionsOf(inventory)) {
      for (const widget of region.widgets) into.add(widget.arn, widget.name, widget.tags);
    }
  },
  inventorySources: {
    "widgets.regions[].region": [],
    "widgets.regions[].widgets": [LIST_WIDGETS],
  },
};
`,

  "lib/aws/widgets/collect.ts": `/**
 * Collects one Region's Amazon Widgets (widgets.encrypted). It never throws: a failed call becomes a
 * CollectionError, and the runner turns the verdicts that needed it into errors.
 *
 * Amazon Widgets is fictional and has no SDK client, so this collector calls a stand-in: the Account
 * API's read-only GetContactInformation (${ACTION}), which no other step calls. Its answer
 * stands for zero or one widget: no contact information on file, no widget; a verified contact, an
 * encrypted widget. The answer itself is personal data (a name, an address, a phone number), so
 * none of it is kept.
 */
import {
  GetContactInformationCommand,
  type AccountClient,
  type GetContactInformationCommandOutput,
} from "@aws-sdk/client-account";
import type { CollectionError, Widget, WidgetsRegionInventory } from "@/lib/inventory";
import { isNotFoundError } from "../errors";
import { createRegionCalls, type CollectScope, type RegionCalls } from "../harness";

export interface WidgetsRegionResult {
  inventory: WidgetsRegionInventory;
  /** Failed calls. A \`region-unavailable\` entry means the Region was not scanned. */
  errors: CollectionError[];
}

/** The name of the one widget the stand-in's answer stands for. */
export const WIDGET_NAME = "primary-contact";

/** The widgets an answer stands for; nothing of the contact itself is copied. */
export function toWidgets(
  answer: Pick<GetContactInformationCommandOutput, "ContactInformation" | "VerificationStatus">,
  region: string,
  account: Pick<CollectScope, "accountId" | "partition">,
): Widget[] {
  if (!answer.ContactInformation) return [];
  return [
    {
      arn: \`arn:\${account.partition}:widgets:\${region}:\${account.accountId}:widget/\${WIDGET_NAME}\`,
      region,
      name: WIDGET_NAME,
      encrypted: answer.VerificationStatus === "VERIFIED",
      tags: [],
    },
  ];
}

/** Collects one Region with the given client (tests pass a mocked one). */
export async function collectWidgetsWithClient(
  client: AccountClient,
  region: string,
  account: Pick<CollectScope, "accountId" | "partition">,
  calls: RegionCalls = createRegionCalls({ service: "widgets", region, prefix: "account" }),
): Promise<WidgetsRegionResult> {
  const answer = await calls.run("GetContactInformationCommand", () =>
    client.send(new GetContactInformationCommand({})),
  );
  if (answer.ok) return { inventory: { region, widgets: toWidgets(answer.value, region, account) }, errors: [] };
  // No contact information on file: the Region has no widget, which is an answer, not a failure.
  if (isNotFoundError(answer.raw)) return { inventory: { region, widgets: [] }, errors: [] };
  return { inventory: { region, widgets: [] }, errors: [answer.error] };
}
`,

  "lib/aws/widgets/index.ts": `import { AccountClient } from "@aws-sdk/client-account";
import { createScopedClient, type CollectScope } from "../harness";
import { collectWidgetsWithClient, type WidgetsRegionResult } from "./collect";

export type { WidgetsRegionResult } from "./collect";

/** Collects one Region with a client of the scope (counted and paced). */
export async function collectWidgetsRegion(region: string, scope: CollectScope): Promise<WidgetsRegionResult> {
  const client = createScopedClient(AccountClient, region, scope, "account");
  try {
    return await collectWidgetsWithClient(client, region, scope);
  } finally {
    client.destroy();
  }
}
`,

  "lib/aws/widgets/collect.test.ts": `import { AccountClient, GetContactInformationCommand } from "@aws-sdk/client-account";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { collectWidgetsWithClient } from "./collect";

const REGION = "eu-west-1";
const ACCOUNT = { accountId: "111122223333", partition: "aws" };
const ARN = "arn:aws:widgets:eu-west-1:111122223333:widget/primary-contact";
const client = new AccountClient({ region: REGION });
const account = mockClient(AccountClient);

/** Fictional values in the shape the Account API answers; the collector must keep none of them. */
const CONTACT = {
  FullName: "Jordan Example",
  AddressLine1: "1 Example Way",
  City: "Seattle",
  PostalCode: "98101",
  CountryCode: "US",
  PhoneNumber: "+12065550100",
};

function awsError(name: string, message: string, httpStatusCode: number) {
  return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode, attempts: 1 } });
}

beforeEach(() => account.reset());

describe("collecting widgets through the stand-in call", () => {
  it.each([
    {
      name: "a verified contact is an encrypted widget",
      answer: { ContactInformation: CONTACT, VerificationStatus: "VERIFIED" as const },
      widgets: [{ arn: ARN, region: REGION, name: "primary-contact", encrypted: true, tags: [] }],
    },
    {
      name: "an unverified contact is a widget that is not encrypted",
      answer: { ContactInformation: CONTACT, VerificationStatus: "UNVERIFIED" as const },
      widgets: [{ arn: ARN, region: REGION, name: "primary-contact", encrypted: false, tags: [] }],
    },
    { name: "no contact information is no widget", answer: {}, widgets: [] },
  ])("$name", async ({ answer, widgets }) => {
    account.on(GetContactInformationCommand).resolves(answer);
    const result = await collectWidgetsWithClient(client, REGION, ACCOUNT);
    expect(result).toEqual({ inventory: { region: REGION, widgets }, errors: [] });
    expect(account.commandCalls(GetContactInformationCommand)).toHaveLength(1);
  });

  it("keeps nothing of the contact itself", async () => {
    account.on(GetContactInformationCommand).resolves({ ContactInformation: CONTACT, VerificationStatus: "VERIFIED" });
    const kept = JSON.stringify(await collectWidgetsWithClient(client, REGION, ACCOUNT));
    for (const value of Object.values(CONTACT)) expect(kept).not.toContain(value);
  });

  it("reads ResourceNotFoundException as no widget, not a failure", async () => {
    account.on(GetContactInformationCommand).rejects(awsError("ResourceNotFoundException", "No contact found", 404));
    await expect(collectWidgetsWithClient(client, REGION, ACCOUNT)).resolves.toEqual({
      inventory: { region: REGION, widgets: [] },
      errors: [],
    });
  });

  it.each([
    {
      error: awsError("AccessDeniedException", "not authorized to perform: ${ACTION}", 403),
      kind: "access-denied",
    },
    { error: awsError("TooManyRequestsException", "Rate exceeded", 429), kind: "throttled" },
    { error: awsError("InternalServerException", "internal error", 500), kind: "other" },
  ])("records $error.name as a $kind error named by its IAM action", async ({ error, kind }) => {
    account.on(GetContactInformationCommand).rejects(error);
    const { inventory, errors } = await collectWidgetsWithClient(client, REGION, ACCOUNT);
    expect(inventory).toEqual({ region: REGION, widgets: [] });
    expect(errors).toEqual([
      expect.objectContaining({ service: "widgets", region: REGION, action: "${ACTION}", kind }),
    ]);
  });
});
`,

  "lib/controls/widgets/encrypted.ts": `import type { Widget } from "@/lib/inventory";
import type { Control, ResourceResult } from "../types";

const RESOURCE_TYPE = "Widget";

function judge(widget: Widget): Pick<ResourceResult, "status" | "reason"> {
  if (!widget.encrypted) {
    return { status: "fail", reason: \`Widget \${widget.name} is not encrypted at rest.\` };
  }
  if (!widget.kmsKeyArn) {
    return {
      status: "warn",
      reason: \`Widget \${widget.name} is encrypted with an AWS owned key, not a customer managed KMS key.\`,
    };
  }
  return { status: "pass", reason: \`Widget \${widget.name} is encrypted at rest with a customer managed KMS key.\` };
}

export const control: Control = {
  meta: {
    id: "widgets.encrypted",
    service: "widgets",
    title: "Widgets are encrypted at rest with a customer managed KMS key",
    severity: "medium",
    responsibility: "customer",
    recommendation: "encryption",
    seed: {
      file: "${WIDGETS_SEED.file}",
      quote: "${WIDGETS_SEED.quote}",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "The key is chosen when a widget is created: create a new widget with a customer managed KMS key and move the data into it.",
      url: "https://docs.aws.amazon.com/widgets/latest/dg/encryption-at-rest.html",
    },
    docs: [],
    requires: ["${ACTION}"],
    related: [],
    verdicts: [
      "pass: the widget is encrypted at rest with a customer managed KMS key.",
      "warn: the widget is encrypted with an AWS owned key, not one the customer manages.",
      "fail: the widget is not encrypted at rest.",
      "error: the call that lists the Region's widgets failed.",
    ],
  },
  evaluate(inventory) {
    return (inventory.widgets?.regions ?? []).flatMap((region) =>
      region.widgets.map((widget): ResourceResult => ({
        resourceArn: widget.arn,
        resourceType: RESOURCE_TYPE,
        region: widget.region,
        ...judge(widget),
        evidence: { encrypted: widget.encrypted, kmsKeyArn: widget.kmsKeyArn ?? null },
      })),
    );
  },
};
`,

  "lib/controls/widgets/encrypted.test.ts": `import { describe, expect, it } from "vitest";
import type { Inventory, Widget } from "@/lib/inventory";
import { control } from "./encrypted";

const now = new Date("2026-06-01T00:00:00Z");
const KEY = "arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b";

function widget(overrides: Partial<Widget> = {}): Widget {
  const name = overrides.name ?? "orders-widget";
  const region = overrides.region ?? "us-east-1";
  return {
    arn: \`arn:aws:widgets:\${region}:111122223333:widget/\${name}\`,
    region,
    name,
    description: "Order confirmations",
    encrypted: true,
    kmsKeyArn: KEY,
    tags: [{ key: "team", value: "orders" }],
    ...overrides,
  };
}

function inventoryOf(widgets: Widget[]): Inventory {
  const regions = [...new Set(["us-east-1", ...widgets.map((w) => w.region)])];
  return {
    source: "aws",
    account: { id: "111122223333", partition: "aws" },
    regions,
    services: ["widgets"],
    startedAt: "2026-06-01T00:00:00.000Z",
    finishedAt: "2026-06-01T00:00:02.000Z",
    widgets: { regions: regions.map((region) => ({ region, widgets: widgets.filter((w) => w.region === region) })) },
    errors: [],
    skippedRegions: [],
    stats: { apiCalls: regions.length, retries: 0, throttled: 0, durationMs: 2000 },
  };
}

describe("widgets.encrypted", () => {
  it.each([
    { name: "customer managed key", widget: {}, status: "pass", reason: /encrypted at rest with a customer managed/ },
    { name: "AWS owned key", widget: { kmsKeyArn: undefined }, status: "warn", reason: /AWS owned key/ },
    { name: "an empty key ARN is no key", widget: { kmsKeyArn: "" }, status: "warn", reason: /AWS owned key/ },
    {
      name: "not encrypted",
      widget: { encrypted: false, kmsKeyArn: undefined },
      status: "fail",
      reason: /is not encrypted at rest/,
    },
  ])("$name → $status", ({ widget: overrides, status, reason }) => {
    const [result, ...rest] = control.evaluate(inventoryOf([widget(overrides)]), { now });
    expect(rest).toEqual([]);
    expect(result?.status).toBe(status);
    expect(result?.reason).toContain("orders-widget");
    expect(result?.reason).toMatch(reason);
  });

  it("judges every widget of every Region, with what it judged as evidence", () => {
    const results = control.evaluate(
      inventoryOf([
        widget(),
        widget({ name: "legacy-widget", region: "eu-west-1", encrypted: false, kmsKeyArn: undefined }),
      ]),
      { now },
    );
    expect(results.map((r) => [r.resourceArn, r.region, r.status, r.evidence])).toEqual([
      [
        "arn:aws:widgets:us-east-1:111122223333:widget/orders-widget",
        "us-east-1",
        "pass",
        { encrypted: true, kmsKeyArn: KEY },
      ],
      [
        "arn:aws:widgets:eu-west-1:111122223333:widget/legacy-widget",
        "eu-west-1",
        "fail",
        { encrypted: false, kmsKeyArn: null },
      ],
    ]);
  });

  it("gives no rows when Widgets was not collected", () => {
    expect(control.evaluate({ ...inventoryOf([]), widgets: undefined }, { now })).toEqual([]);
  });
});
`,

  "lib/controls/widgets/index.ts": `import type { Control } from "../types";
import { control as encrypted } from "./encrypted";

export const widgetsControls: readonly Control[] = [encrypted];
`,

  "fake-aws/services/widgets.ts": `/**
 * Amazon Widgets (fictional), the inverse of lib/aws/widgets/collect.ts. The collector reads widgets
 * through a stand-in, the Account API's GetContactInformation, so this answers that operation from
 * the scenario's \`inventory.widgets\`: a Region with a widget has contact information (verified when
 * its widget is encrypted), a Region without one answers ResourceNotFoundException. The stand-in
 * shares the Account API's signing name, so this service extends the Account responders instead of
 * replacing them.
 */
import { FakeAwsError, type FakeService } from "../types";
import { account } from "./account";

export const widgets: FakeService = {
  model: account.model,
  responders: {
    ...account.responders,
    GetContactInformation: (request) => {
      const region = request.scenario.inventory.widgets?.regions.find((r) => r.region === request.region);
      const widget = region?.widgets[0];
      if (!widget) throw new FakeAwsError("ResourceNotFoundException", "No contact information was found.", 404);
      return {
        // Placeholders in the shape AWS answers; the collector keeps none of them.
        ContactInformation: {
          FullName: "Widget Owner",
          AddressLine1: "1 Example Way",
          City: "Example City",
          PostalCode: "00000",
          CountryCode: "US",
          PhoneNumber: "+15555550100",
        },
        VerificationStatus: widget.encrypted ? "VERIFIED" : "UNVERIFIED",
      };
    },
  },
};
`,

  "fake-aws/services/widgets.test.ts": `import { AccountClient } from "@aws-sdk/client-account";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listEnabledRegions } from "@/lib/aws/account/regions";
import { collectWidgetsWithClient } from "@/lib/aws/widgets/collect";
import { demoInventory } from "@/lib/demo/inventory";
import { startFakeAws, type FakeAws } from "../server";

let fake: FakeAws;
const ACCOUNT = { accountId: demoInventory.account.id, partition: demoInventory.account.partition };

function client(region: string) {
  return new AccountClient({
    region,
    endpoint: fake.url,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
}

beforeAll(async () => {
  fake = await startFakeAws({ inventory: { ...demoInventory, errors: [] } });
});
afterAll(async () => {
  await fake.close();
});

describe("fake Amazon Widgets, through its stand-in call", () => {
  it.each(demoInventory.widgets!.regions.map((r) => [r.region, r] as const))(
    "answers for the demo account's widgets in %s",
    async (region, expected) => {
      const { inventory, errors } = await collectWidgetsWithClient(client(region), region, ACCOUNT);
      expect(errors).toEqual([]);
      // The stand-in carries one widget at most, and of it only whether it is encrypted.
      expect(inventory.widgets.map((w) => w.encrypted)).toEqual(expected.widgets.slice(0, 1).map((w) => w.encrypted));
    },
  );

  it("still answers the Account API's ListRegions, whose signing name it shares", async () => {
    await expect(listEnabledRegions(client("us-east-1"))).resolves.toEqual(demoInventory.regions);
  });
});
`,

  "lib/demo/widgets.ts": `/**
 * The demo account's Amazon Widgets part (a fictional service, added by scripts/scaffold-service.ts):
 * a widget encrypted with a customer managed key in us-east-1 (passes) and one that is not encrypted
 * in eu-west-1 (fails); the other scanned Regions were listed and are empty.
 */
import type { Widget, WidgetsInventory } from "@/lib/inventory";
import { DEMO_ACCOUNT_ID, DEMO_REGIONS, EU_WEST_1, KEYS, US_EAST_1 } from "./ids";

function widgetArn(region: string, name: string): string {
  return \`arn:aws:widgets:\${region}:\${DEMO_ACCOUNT_ID}:widget/\${name}\`;
}

const WIDGETS: readonly Widget[] = [
  {
    arn: widgetArn(US_EAST_1, "order-confirmations"),
    region: US_EAST_1,
    name: "order-confirmations",
    description: "Order confirmation widgets",
    encrypted: true,
    kmsKeyArn: KEYS.ordersUse1,
    tags: [{ key: "team", value: "orders" }],
  },
  {
    arn: widgetArn(EU_WEST_1, "legacy-banners"),
    region: EU_WEST_1,
    name: "legacy-banners",
    description: "Storefront banners (pre-2024 stack)",
    encrypted: false,
    tags: [],
  },
];

export const demoWidgets: WidgetsInventory = {
  regions: DEMO_REGIONS.map((region) => ({ region, widgets: WIDGETS.filter((w) => w.region === region) })),
};
`,
};

// ---------------------------------------------------------------------------------------------
// Insertions into shared files: [file, anchor, text inserted right after the anchor]
// ---------------------------------------------------------------------------------------------

const INSERTIONS: readonly (readonly [file: string, anchor: string, text: string])[] = [
  // The service id and its display name.
  ["lib/inventory/common.ts", `"cognito", "personalize", "connect"`, `, "widgets"`],
  ["lib/inventory/common.ts", `  connect: "Amazon Connect",\n`, `  widgets: "Amazon Widgets",\n`],
  // Its part of the inventory (collectors.ts's types pick it up as a regional part).
  [
    "lib/inventory/index.ts",
    `import type { PersonalizeInventory } from "./personalize";\n`,
    `import type { WidgetsInventory } from "./widgets";\n`,
  ],
  ["lib/inventory/index.ts", `export type * from "./personalize";\n`, `export type * from "./widgets";\n`],
  ["lib/inventory/index.ts", `  connect?: ConnectInventory;\n`, `  widgets?: WidgetsInventory;\n`],
  // Its descriptor.
  [
    "lib/inventory/services/index.ts",
    `import { personalize } from "./personalize";\n`,
    `import { widgets } from "./widgets";\n`,
  ],
  ["lib/inventory/services/index.ts", `  personalize,\n  connect,\n`, `  widgets,\n`],
  // Its collector: one line; the stand-in's action only, so account:ListRegions stays a start-up call.
  [
    "lib/scan/collectors.ts",
    `import { collectPersonalizeRegion } from "@/lib/aws/personalize";\n`,
    `import { collectWidgetsRegion } from "@/lib/aws/widgets";\n`,
  ],
  [
    "lib/scan/collectors.ts",
    `  connect: { prefixes: ["connect", "ds"], collect: collectConnectRegion },\n`,
    `  widgets: { prefixes: ["account"], actions: ["${ACTION}"], collect: collectWidgetsRegion },\n`,
  ],
  // Its step's name on the scan page's progress.
  [
    "lib/scan/step-names.ts",
    `  connect: { service: "Amazon Connect", reads: "instances and their storage settings" },\n`,
    `  widgets: { service: "Amazon Widgets", reads: "widgets" },\n`,
  ],
  // The read-level action it calls.
  [
    "policy/safekeep-scanner-policy.json",
    `"Action": ["macie2:GetMacieSession", "macie2:GetAutomatedDiscoveryConfiguration"],\n      "Resource": "*"\n    },\n`,
    `    {\n      "Sid": "Widgets",\n      "Effect": "Allow",\n      "Action": ["${ACTION}"],\n      "Resource": "*"\n    },\n`,
  ],
  // Its controls and its seed page.
  [
    "lib/controls/registry.ts",
    `import { personalizeControls } from "./personalize";\n`,
    `import { widgetsControls } from "./widgets";\n`,
  ],
  ["lib/controls/registry.ts", `  ...connectControls,\n`, `  ...widgetsControls,\n`],
  [
    "lib/controls/seeds.ts",
    `    url: "https://docs.aws.amazon.com/connect/latest/adminguide/data-protection.html",\n  },\n`,
    `  {\n    file: "${WIDGETS_SEED.file}",\n    title: "${WIDGETS_SEED.title}",\n    url: "${WIDGETS_SEED.url}",\n  },\n`,
  ],
  // Its fake responder.
  ["fake-aws/services/index.ts", `import { tagging } from "./tagging";\n`, `import { widgets } from "./widgets";\n`],
  ["fake-aws/services/index.ts", `    tagging,\n`, `    widgets,\n`],
  // Its demo data.
  [
    "lib/demo/inventory.ts",
    `import { demoPersonalize } from "./personalize";\n`,
    `import { demoWidgets } from "./widgets";\n`,
  ],
  ["lib/demo/inventory.ts", `  connect: demoConnect,\n`, `  widgets: demoWidgets,\n`],
];

// ---------------------------------------------------------------------------------------------
// The scaffold
// ---------------------------------------------------------------------------------------------

/** Inserts `text` right after `anchor`, which must occur exactly once in `source`. */
export function insertAfter(source: string, anchor: string, text: string, file: string): string {
  const at = source.indexOf(anchor);
  const where = `${file}: ${JSON.stringify(anchor)}`;
  if (at < 0)
    throw new Error(`scaffold-service: anchor not found in ${where}; the codebase changed, update the scaffold`);
  if (source.indexOf(anchor, at + 1) >= 0)
    throw new Error(`scaffold-service: anchor occurs more than once in ${where}`);
  const end = at + anchor.length;
  return source.slice(0, end) + text + source.slice(end);
}

/**
 * Adds the fictional "widgets" service to the repository copy at `root` and regenerates its
 * docs/controls.md. Returns the paths it created and edited, relative to `root`, sorted. Run it on a
 * copy only: it writes into `root`.
 */
export async function scaffoldService(root: string): Promise<{ created: string[]; edited: string[] }> {
  const created = Object.keys(NEW_FILES).sort();
  for (const file of created) {
    if (existsSync(path.join(root, file))) throw new Error(`scaffold-service: ${file} already exists`);
  }
  // Every anchor is checked before anything is written, so a changed codebase leaves the copy untouched.
  const edits = new Map<string, string>();
  for (const [file, anchor, text] of INSERTIONS) {
    const source = edits.get(file) ?? (await readFile(path.join(root, file), "utf8"));
    edits.set(file, insertAfter(source, anchor, text, file));
  }
  for (const file of created) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), NEW_FILES[file] ?? "");
  }
  for (const [file, source] of edits) await writeFile(path.join(root, file), source);

  // The catalog is generated from the controls' metadata, in the copy, by the copy's own generator.
  const doc = "docs/controls.md";
  await run(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/generate-controls-doc.ts"], {
    cwd: root,
  });
  return { created, edited: [...edits.keys(), doc].sort() };
}
