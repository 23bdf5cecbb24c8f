import { parseArgs } from "node:util";
import { z } from "zod";
import { REGION_NAME, SERVICE_IDS, type ServiceId } from "@/lib/inventory/common";
import { DEFAULT_ROLE_NAME, DEFAULT_ROLE_SESSION_NAME } from "@/lib/aws/sts/role-names";

export const FORMATS = ["json", "csv", "ocsf", "pdf"] as const;
export type Format = (typeof FORMATS)[number];

export interface ScanArgs {
  demo: boolean;
  /** "all": every enabled region; otherwise the listed ones; undefined: the configured default region. */
  regions?: "all" | string[];
  services: ServiceId[];
  out?: string;
  format: Format;
  help: boolean;
  /** Every ACTIVE account of the caller's organization. */
  org: boolean;
  /** These accounts (12-digit ids, de-duplicated). */
  accounts?: string[];
  /** The member role assumed in every account but the caller's (with --org or --accounts). */
  roleName: string;
  externalId?: string;
  roleSessionName: string;
  /** Team mode: wait for the queued organization scan to end, printing each account's progress. */
  wait: boolean;
  /** Team mode: print the progress of this organization scan, or cancel it. */
  status?: string;
  cancel?: string;
}

const ACCOUNT_ID = /^\d{12}$/;
// AWS's patterns for AssumeRole's parameters (IAM role names; STS RoleSessionName and ExternalId).
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ROLE_SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const ORG_SCAN_ID = /^org-[A-Za-z0-9-]{1,60}$/;

const schema = z.object({
  demo: z.boolean().default(false),
  help: z.boolean().default(false),
  regions: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      if (v === "all") return "all" as const;
      const list = v
        .split(",")
        .map((r) => r.trim())
        .filter(Boolean);
      const bad = list.filter((r) => !REGION_NAME.test(r));
      if (list.length === 0 || bad.length > 0) {
        ctx.addIssue({ code: "custom", message: `--regions: not a region name: ${bad.join(", ") || "(empty)"}` });
        return z.NEVER;
      }
      return [...new Set(list)];
    }),
  services: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return [...SERVICE_IDS];
      const list = v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      const bad = list.filter((s) => !(SERVICE_IDS as readonly string[]).includes(s));
      if (list.length === 0 || bad.length > 0) {
        ctx.addIssue({
          code: "custom",
          message: `--services: unknown service ${bad.join(", ") || "(empty)"}; choose from ${SERVICE_IDS.join(", ")}`,
        });
        return z.NEVER;
      }
      return [...new Set(list)] as ServiceId[];
    }),
  out: z.string().min(1).optional(),
  format: z.enum(FORMATS, { message: `--format must be one of ${FORMATS.join(", ")}` }).optional(),
  org: z.boolean().default(false),
  wait: z.boolean().default(false),
  status: z.string().regex(ORG_SCAN_ID, "--status: not an organization scan id (org-…)").optional(),
  cancel: z.string().regex(ORG_SCAN_ID, "--cancel: not an organization scan id (org-…)").optional(),
  accounts: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      const list = v
        .split(",")
        .map((a) => a.trim())
        .filter(Boolean);
      const bad = list.filter((a) => !ACCOUNT_ID.test(a));
      if (list.length === 0 || bad.length > 0) {
        ctx.addIssue({
          code: "custom",
          message: `--accounts: not a 12-digit account id: ${bad.join(", ") || "(empty)"}`,
        });
        return z.NEVER;
      }
      return [...new Set(list)];
    }),
  "role-name": z
    .string()
    .regex(ROLE_NAME, "--role-name: not an IAM role name (1-64 of A-Z a-z 0-9 +=,.@_-)")
    .optional(),
  // The value is a shared secret: the message never repeats it.
  "external-id": z.string().regex(EXTERNAL_ID, "--external-id: 2-1224 of A-Z a-z 0-9 +=,.@:/_-").optional(),
  "role-session-name": z
    .string()
    .regex(ROLE_SESSION_NAME, "--role-session-name: 2-64 of A-Z a-z 0-9 +=,.@_-")
    .optional(),
});

/** Flags that only make sense together, checked once each alone is valid. */
function conflicts(values: z.infer<typeof schema>): string[] {
  const several = values.org || values.accounts !== undefined;
  const problems: string[] = [];
  if (values.org && values.accounts) problems.push("--org and --accounts cannot be combined");
  if (several && values.demo) problems.push("--demo scans no AWS account: drop --org/--accounts");
  if (several && values.out) {
    problems.push("--out writes one snapshot: with several accounts, export each with npm run export -- --id ID");
  }
  if (values.wait && !several) problems.push("--wait applies only with --org or --accounts (team mode)");
  if ((values.status || values.cancel) && (several || values.demo || (values.status && values.cancel))) {
    problems.push("--status and --cancel take one organization scan id and no other scan flags");
  }
  const roleFlags = ["role-name", "external-id", "role-session-name"] as const;
  if (!several && roleFlags.some((flag) => values[flag] !== undefined)) {
    problems.push("--role-name, --external-id and --role-session-name apply only with --org or --accounts");
  }
  return problems;
}

export class ArgumentError extends Error {}

/** Parses `npm run scan -- …`; throws ArgumentError with a message a person can act on. */
export function parseScanArgs(argv: string[]): ScanArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        demo: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        regions: { type: "string" },
        services: { type: "string" },
        out: { type: "string" },
        format: { type: "string" },
        org: { type: "boolean" },
        wait: { type: "boolean" },
        status: { type: "string" },
        cancel: { type: "string" },
        accounts: { type: "string" },
        "role-name": { type: "string" },
        "external-id": { type: "string" },
        "role-session-name": { type: "string" },
      },
    }));
  } catch (error) {
    throw new ArgumentError((error as Error).message);
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw new ArgumentError(parsed.error.issues.map((i) => i.message).join("; "));
  const problems = conflicts(parsed.data);
  if (problems.length > 0) throw new ArgumentError(problems.join("; "));
  const {
    "role-name": roleName,
    "external-id": externalId,
    "role-session-name": roleSessionName,
    ...rest
  } = parsed.data;
  const format = rest.format ?? formatFromFileName(rest.out) ?? "json";
  return {
    ...rest,
    format,
    roleName: roleName ?? DEFAULT_ROLE_NAME,
    ...(externalId === undefined ? {} : { externalId }),
    roleSessionName: roleSessionName ?? DEFAULT_ROLE_SESSION_NAME,
  };
}

function formatFromFileName(file: string | undefined): Format | undefined {
  const ext = file?.split(".").pop()?.toLowerCase();
  return (FORMATS as readonly string[]).includes(ext ?? "") ? (ext as Format) : undefined;
}

export const USAGE = `Usage: npm run scan -- [options]

Scans the AWS account of the default credential chain (AWS_PROFILE, SSO, environment, assume-role),
stores the snapshot and prints a summary. With --org or --accounts, scans several accounts, each
into its own snapshot: the caller's account with its own credentials, the others through a role.

  --demo                 evaluate the shipped demo account instead of AWS
  --regions r1,r2|all    regions to scan (default: the configured region)
  --services s1,s2       ${SERVICE_IDS.join(", ")} (default: all)
  --out FILE             also write the snapshot to FILE
  --format FORMAT        ${FORMATS.join(" | ")} (default: from FILE's extension, else json)
  --org                  every ACTIVE account of the caller's AWS Organization (suspended ones are listed)
  --accounts ID,ID       these accounts (12-digit ids)
  --role-name NAME       role assumed in each other account (default: ${DEFAULT_ROLE_NAME})
  --external-id X        external id the role's trust policy requires, if any
  --role-session-name S  session name shown in the accounts' CloudTrail (default: ${DEFAULT_ROLE_SESSION_NAME})

Team mode (SAFEKEEP_REDIS_URL and SAFEKEEP_DATABASE_URL set): --org and --accounts queue the scan for
the workers (npm run worker) and print its id; the workers hold the external id (SAFEKEEP_EXTERNAL_ID).
  --wait                 wait for the queued scan to end, printing each account's progress
  --status ORG_SCAN_ID   print a queued scan's progress
  --cancel ORG_SCAN_ID   cancel a queued scan (accounts already stored stay)
  -h, --help             this help

Exit codes: 0 scan finished (with or without findings; with several accounts, failed accounts are
listed), 1 could not start (with several accounts: no account could be scanned), 2 bad arguments.`;
