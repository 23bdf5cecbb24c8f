import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { CONTROLS } from "@/lib/controls/registry";
import { demoSnapshot } from "@/lib/demo/snapshot";
import { CLI_GLOBAL_OPTIONS, CLI_RENAMES, cliName, parseCliSnippet, shellWords } from "./cli-parse";
import { parseHclResources } from "./hcl";
import { REMEDIATIONS, remediationFor } from "./index";
import { CLOUDFORMATION_RESOURCES, TERRAFORM_RESOURCES } from "./terraform-resources";
import type { Template } from "./types";

/**
 * The catalog against the real models: every CLI command must name an operation of the installed
 * AWS SDK client for its service, with flags that are input members of that operation (and every
 * required member present); every Terraform resource type and argument must be in the vetted list.
 * The SDK clients carry their service model at run time (one schema per operation: its input
 * structure's member names, their types, and how many of them are required), which is what is read.
 */

const require = createRequire(import.meta.url);

/** AWS CLI service name → SDK v3 client package. */
const CLIENTS: Record<string, string> = {
  cloudtrail: "@aws-sdk/client-cloudtrail",
  "cognito-identity": "@aws-sdk/client-cognito-identity",
  "cognito-idp": "@aws-sdk/client-cognito-identity-provider",
  connect: "@aws-sdk/client-connect",
  ec2: "@aws-sdk/client-ec2",
  elasticache: "@aws-sdk/client-elasticache",
  firehose: "@aws-sdk/client-firehose",
  iam: "@aws-sdk/client-iam",
  kinesis: "@aws-sdk/client-kinesis",
  kms: "@aws-sdk/client-kms",
  macie2: "@aws-sdk/client-macie2",
  personalize: "@aws-sdk/client-personalize",
  resourcegroupstaggingapi: "@aws-sdk/client-resource-groups-tagging-api",
  s3api: "@aws-sdk/client-s3",
};

interface Member {
  name: string;
  boolean: boolean;
  required: boolean;
  /** The member's schema, to check structured values (JSON or shorthand) against. */
  schema: unknown;
}
interface Operation {
  name: string;
  /** By CLI flag name. */
  members: Map<string, Member>;
}

/**
 * The operations of one client by CLI name. An operation schema is `[9, namespace, name, traits,
 * input, output]`; its input structure `[3, namespace, name, traits, memberNames, memberSchemas,
 * requiredCount]` lists the required members first. A member schema of 2 is a boolean.
 */
const modelCache = new Map<string, Map<string, Operation>>();
function operationsOf(service: string): Map<string, Operation> {
  const cached = modelCache.get(service);
  if (cached) return cached;
  const pkg = CLIENTS[service];
  if (!pkg) throw new Error(`no SDK client mapped for CLI service ${service}`);
  const client = require(pkg) as Record<string, unknown>;
  const operations = new Map<string, Operation>();
  for (const [key, value] of Object.entries(client)) {
    if (!key.endsWith("$") || !Array.isArray(value) || value[0] !== 9) continue;
    const input = (value[4] as () => unknown[])();
    const names = (input[4] ?? []) as string[];
    const schemas = (input[5] ?? []) as unknown[];
    const requiredCount = typeof input[6] === "number" ? input[6] : 0;
    const opName = value[2] as string;
    const cliOp = cliName(opName);
    const members = new Map<string, Member>();
    names.forEach((name, i) => {
      const schema = schemas[i];
      const base = Array.isArray(schema) ? schema[0] : schema;
      const traits = Array.isArray(schema) ? schema[1] : undefined;
      // An idempotency token the CLI fills itself is never something the reader must pass.
      const idempotency =
        (typeof traits === "object" && traits !== null && "idempotencyToken" in traits) ||
        (typeof traits === "number" && (traits & 4) === 4);
      let flag = cliName(name);
      flag = CLI_RENAMES[`${service}.${cliOp}.${flag}`] ?? flag;
      members.set(flag, { name, boolean: base === 2, required: i < requiredCount && !idempotency, schema });
    });
    operations.set(cliOp, { name: opName, members });
  }
  modelCache.set(service, operations);
  return operations;
}

/**
 * A schema with its member wrapper and lazy references taken off: a member is `[schema, traits]`,
 * a reference a function returning the schema. Structures are `[3, ns, name, traits, names,
 * schemas]`, lists `[1, ns, name, traits, member]`, maps `[2, …]`; numbers are simple types.
 */
function resolveSchema(schema: unknown): unknown {
  let current = schema;
  for (;;) {
    if (typeof current === "function") current = (current as () => unknown)();
    else if (Array.isArray(current) && current.length === 2 && typeof current[1] !== "string") current = current[0];
    else return current;
  }
}

/** Top-level `Key=Value` pairs of AWS CLI shorthand (`A=1,B={C=2}`), or undefined when it is not shorthand. */
function shorthandPairs(text: string): [string, string][] | undefined {
  const pairs: [string, string][] = [];
  let depth = 0;
  let start = 0;
  const parts: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "{" || ch === "[") depth++;
    else if (ch === "}" || ch === "]") depth--;
    else if (ch === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  for (const part of parts) {
    const m = /^([A-Za-z][A-Za-z0-9]*)=(.*)$/s.exec(part);
    if (!m) return undefined;
    pairs.push([m[1]!, m[2]!]);
  }
  return pairs;
}

/**
 * Problems of a structured value (JSON, or shorthand) against the member's schema: every key must
 * be a member of the structure it is in, all the way down. Plain values are not checked.
 */
function valueProblems(schema: unknown, value: unknown, where: string): string[] {
  const resolved = resolveSchema(schema);
  if (!Array.isArray(resolved)) return [];
  if (resolved[0] === 1) {
    const items = Array.isArray(value) ? value : [value];
    return items.flatMap((item) => valueProblems(resolved[4], item, `${where}[]`));
  }
  if (resolved[0] !== 3) return [];
  const names = resolved[4] as string[];
  const schemas = resolved[5] as unknown[];
  let entries: [string, unknown][];
  if (typeof value === "string") {
    const pairs = shorthandPairs(value);
    if (!pairs) return [];
    entries = pairs.map(([k, v]) => [k, v.startsWith("{") && v.endsWith("}") ? v.slice(1, -1) : v]);
  } else if (value && typeof value === "object" && !Array.isArray(value)) entries = Object.entries(value);
  else return [];
  return entries.flatMap(([key, inner]) => {
    const index = names.indexOf(key);
    if (index < 0) return [`${where} has no member ${key}`];
    return valueProblems(schemas[index], inner, `${where}.${key}`);
  });
}

/** A flag's value as the CLI reads it: JSON when it looks like JSON, shorthand text otherwise. */
function parsedValue(raw: string): unknown {
  const unquoted = /^'.*'$/s.test(raw) ? raw.slice(1, -1) : raw;
  if (/^[[{]/.test(unquoted)) {
    try {
      return JSON.parse(unquoted);
    } catch {
      return unquoted;
    }
  }
  return unquoted;
}

/** Every problem of one CLI snippet against the SDK models; empty when it is sound. */
function cliProblems(code: string): string[] {
  const problems: string[] = [];
  let commands;
  try {
    commands = parseCliSnippet(code);
  } catch (error) {
    return [(error as Error).message];
  }
  if (commands.length === 0) problems.push("no command");
  for (const command of commands) {
    if (!CLIENTS[command.service]) {
      problems.push(`unknown service ${command.service}`);
      continue;
    }
    const operation = operationsOf(command.service).get(command.operation);
    if (!operation) {
      problems.push(`${command.service} has no operation ${command.operation}`);
      continue;
    }
    const given = new Set<string>();
    for (const flag of command.flags) {
      if (CLI_GLOBAL_OPTIONS.has(flag.name)) continue;
      // `--no-x` is the CLI's off switch of a boolean member x, and of nothing else.
      const direct = operation.members.get(flag.name);
      const negated = !direct && flag.name.startsWith("no-") ? operation.members.get(flag.name.slice(3)) : undefined;
      const member = direct ?? (negated?.boolean ? negated : undefined);
      if (!member) {
        problems.push(`${command.service} ${command.operation} has no parameter --${flag.name}`);
        continue;
      }
      if (member.boolean && flag.value !== undefined)
        problems.push(`--${flag.name} is a boolean switch, given a value`);
      if (!member.boolean && flag.value === undefined) problems.push(`--${flag.name} needs a value`);
      if (flag.value !== undefined && !flag.value.startsWith("file://"))
        problems.push(...valueProblems(member.schema, parsedValue(flag.value), `--${flag.name}`));
      given.add(member.name);
    }
    // With --cli-input-json the required members come from the file.
    if (!command.flags.some((f) => f.name === "cli-input-json")) {
      for (const member of operation.members.values()) {
        if (member.required && !given.has(member.name))
          problems.push(`${command.service} ${command.operation} needs --${cliName(member.name)}`);
      }
    }
  }
  return problems;
}

/** Every problem of one Terraform snippet against the vetted list. */
function terraformProblems(code: string): string[] {
  let resources;
  try {
    resources = parseHclResources(code);
  } catch (error) {
    return [(error as Error).message];
  }
  if (resources.length === 0) return ["no resource"];
  return resources.flatMap((resource) => {
    const vetted = TERRAFORM_RESOURCES[resource.type];
    if (!vetted) return [`resource type ${resource.type} is not in the vetted list`];
    return resource.arguments
      .filter((arg) => !vetted.arguments.includes(arg))
      .map((arg) => `${resource.type} has no vetted argument ${arg}`);
  });
}

/** CloudFormation snippets: `Type:` of a vetted resource and only its vetted properties. */
function cloudformationProblems(code: string): string[] {
  const type = /^\s+Type: (\S+)$/m.exec(code)?.[1];
  if (!type) return ["no Type"];
  const vetted = CLOUDFORMATION_RESOURCES[type];
  if (!vetted) return [`resource type ${type} is not in the vetted list`];
  const props = code.split("Properties:")[1] ?? "";
  return [...props.matchAll(/^\s+([A-Za-z]+):/gm)]
    .map((m) => m[1]!)
    .filter((p) => !vetted.arguments.includes(p))
    .map((p) => `${type} has no vetted property ${p}`);
}

const entries = Object.entries(REMEDIATIONS);
const templates = (kind: "cli" | "terraform" | "cloudformation") =>
  entries.flatMap(([id, entry]) => (entry[kind] ?? []).map((t: Template) => [id, t.label, t] as const));

describe("remediation catalog", () => {
  it("has an entry for every control, and none for controls that do not exist", () => {
    const ids = CONTROLS.map((c) => c.meta.id).sort();
    expect(Object.keys(REMEDIATIONS).sort()).toEqual(ids);
    expect(ids).toHaveLength(57);
  });

  it("gives every control a path: commands, or the steps in words", () => {
    for (const [id, entry] of entries) {
      const hasCode =
        (entry.cli?.length ?? 0) + (entry.terraform?.length ?? 0) + (entry.cloudformation?.length ?? 0) > 0;
      expect(hasCode || Boolean(entry.steps), id).toBe(true);
      // Not in place: the real path is always said in words.
      if (!entry.inPlace) expect(entry.steps, id).toMatch(/\w{3,}.*\./);
      expect(entry.docs, id).toMatch(/^https:\/\//);
    }
  });

  it("invents no command for AWS-side controls", () => {
    for (const control of CONTROLS.filter((c) => c.meta.responsibility === "aws")) {
      const entry = REMEDIATIONS[control.meta.id]!;
      expect(entry.inPlace, control.meta.id).toBe(false);
      expect(entry.cli ?? [], control.meta.id).toEqual([]);
      expect(entry.terraform ?? [], control.meta.id).toEqual([]);
    }
  });

  it.each(templates("cli"))("%s · %s: real operation and parameters", (_id, _label, template) => {
    expect(cliProblems(template.code)).toEqual([]);
  });

  it.each(templates("terraform"))("%s · %s: vetted resource and arguments", (_id, _label, template) => {
    expect(terraformProblems(template.code)).toEqual([]);
  });

  it.each(templates("cloudformation"))("%s · %s: vetted resource and properties", (_id, _label, template) => {
    expect(cloudformationProblems(template.code)).toEqual([]);
  });

  it("never puts a placeholder inside shell quotes (quoting a value there would break out of them)", () => {
    for (const [id, label, template] of templates("cli")) {
      for (const line of template.code.replace(/\\\n/g, " ").split("\n")) {
        for (const word of shellWords(line)) {
          const quoted = [...word.matchAll(/'[^']*'|"[^"]*"/g)].map((m) => m[0]);
          expect(
            quoted.filter((q) => /\{[a-z][A-Za-z0-9]*\}/.test(q)),
            `${id} · ${label}`,
          ).toEqual([]);
        }
      }
    }
  });

  it("puts Terraform placeholders only inside strings, where they are escaped", () => {
    for (const [id, label, template] of templates("terraform")) {
      const outside = template.code.replace(/"(?:[^"\\]|\\.)*"/g, '""');
      expect(outside, `${id} · ${label}`).not.toMatch(/\{[a-z][A-Za-z0-9]*\}/);
    }
  });
});

describe("the checker itself", () => {
  it("rejects an invented parameter, operation or service", () => {
    const base = "aws elasticache modify-replication-group --region us-east-1 --replication-group-id orders-prod";
    expect(cliProblems(base)).toEqual([]);
    expect(cliProblems(`${base} --enable-magic`)).toEqual([
      "elasticache modify-replication-group has no parameter --enable-magic",
    ]);
    expect(cliProblems("aws elasticache enable-magic --region us-east-1")).toEqual([
      "elasticache has no operation enable-magic",
    ]);
    expect(cliProblems("aws magic do-it")).toEqual(["unknown service magic"]);
  });

  it("rejects a missing required parameter, a valued switch and a stray word", () => {
    expect(cliProblems("aws kms enable-key-rotation --region us-east-1")).toEqual([
      "kms enable-key-rotation needs --key-id",
    ]);
    expect(cliProblems("aws cloudtrail update-trail --name t --enable-log-file-validation true")).toEqual([
      "--enable-log-file-validation is a boolean switch, given a value",
    ]);
    expect(cliProblems("aws iam list-access-keys oops")).toEqual(["stray word oops in: aws iam list-access-keys oops"]);
  });

  it("accepts the CLI's own spellings: --no- switches and botocore's names for acronyms", () => {
    expect(cliName("AllowedOAuthFlows")).toBe("allowed-o-auth-flows");
    expect(cliName("ResourceARNList")).toBe("resource-arn-list");
    expect(cliName("OpenIdConnectProviderARNs")).toBe("open-id-connect-provider-arns");
    expect(cliName("MultiAZEnabled")).toBe("multi-az-enabled");
    expect(cliName("kmsKeyArn")).toBe("kms-key-arn");
    expect(cliProblems("aws cloudtrail update-trail --name t --no-enable-log-file-validation")).toEqual([]);
    expect(cliProblems("aws cloudtrail update-trail --name t --no-name")).toEqual([
      "cloudtrail update-trail has no parameter --no-name",
    ]);
  });

  it("rejects an invented key inside a JSON or shorthand value, at any depth", () => {
    const sse = (rule: string) =>
      `aws s3api put-bucket-encryption --bucket b --server-side-encryption-configuration '{"Rules":[${rule}]}'`;
    expect(
      cliProblems(sse('{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms"},"BucketKeyEnabled":true}')),
    ).toEqual([]);
    expect(
      cliProblems(sse('{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","MagicKey":"x"}}')),
    ).toEqual([
      "--server-side-encryption-configuration.Rules[].ApplyServerSideEncryptionByDefault has no member MagicKey",
    ]);
    const logs = (config: string) =>
      `aws cognito-idp set-log-delivery-configuration --user-pool-id p --log-configurations '${config}'`;
    expect(
      cliProblems(logs("LogLevel=ERROR,EventSource=userNotification,CloudWatchLogsConfiguration={LogGroupArn=a}")),
    ).toEqual([]);
    expect(cliProblems(logs("LogLevel=ERROR,CloudWatchLogsConfiguration={LogGroupName=a}"))).toEqual([
      "--log-configurations[].CloudWatchLogsConfiguration has no member LogGroupName",
    ]);
  });

  it("rejects an unvetted Terraform resource type or argument", () => {
    expect(terraformProblems('resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}')).toEqual([]);
    expect(terraformProblems('resource "aws_kms_key" "k" {\n  enable_magic = true\n}')).toEqual([
      "aws_kms_key has no vetted argument enable_magic",
    ]);
    expect(terraformProblems('resource "aws_magic" "m" {\n  x = 1\n}')).toEqual([
      "resource type aws_magic is not in the vetted list",
    ]);
    expect(terraformProblems('resource "aws_kms_key" "k" {\n  policy {\n    x = 1\n  }\n}')).toEqual([
      "aws_kms_key has no vetted argument policy",
      "aws_kms_key has no vetted argument policy.x",
    ]);
  });
});

describe("filled for every row of the demo account", () => {
  const snapshot = demoSnapshot();
  const rows = snapshot.controls.flatMap((control) =>
    control.results
      .filter((r) => r.status === "fail" || r.status === "warn")
      .map((r) => [control.id, r.resourceArn, r] as const),
  );

  it("has failing and warning rows to fill", () => {
    expect(rows.length).toBeGreaterThan(20);
  });

  it.each(rows)("%s · %s: filled snippets still pass the checks", (controlId, _arn, result) => {
    const filled = remediationFor({ id: controlId }, { ...result, name: result.name ?? null })!;
    expect(filled).toBeDefined();
    for (const snippet of filled.cli) {
      expect(snippet.code).not.toMatch(/\{[a-z][A-Za-z0-9]*\}/);
      expect(cliProblems(snippet.code), snippet.label).toEqual([]);
    }
    for (const snippet of filled.terraform) {
      expect(snippet.code).not.toMatch(/\{[a-z][A-Za-z0-9]*\}/);
      expect(terraformProblems(snippet.code), snippet.label).toEqual([]);
    }
  });
});
