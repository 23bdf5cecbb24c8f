import { parseArgs } from "node:util";
import { z } from "zod";
import { SERVICE_IDS, type ServiceId } from "@/lib/inventory/common";

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
}

const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

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
      const bad = list.filter((r) => !REGION.test(r));
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
});

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
      },
    }));
  } catch (error) {
    throw new ArgumentError((error as Error).message);
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw new ArgumentError(parsed.error.issues.map((i) => i.message).join("; "));
  const format = parsed.data.format ?? formatFromFileName(parsed.data.out) ?? "json";
  return { ...parsed.data, format };
}

function formatFromFileName(file: string | undefined): Format | undefined {
  const ext = file?.split(".").pop()?.toLowerCase();
  return (FORMATS as readonly string[]).includes(ext ?? "") ? (ext as Format) : undefined;
}

export const USAGE = `Usage: npm run scan -- [options]

Scans the AWS account of the default credential chain (AWS_PROFILE, SSO, environment, assume-role),
stores the snapshot and prints a summary.

  --demo                 evaluate the shipped demo account instead of AWS
  --regions r1,r2|all    regions to scan (default: the configured region)
  --services s1,s2       ${SERVICE_IDS.join(", ")} (default: all)
  --out FILE             also write the snapshot to FILE
  --format FORMAT        ${FORMATS.join(" | ")} (default: from FILE's extension, else json)
  -h, --help             this help

Exit codes: 0 scan finished (with or without findings), 1 could not start, 2 bad arguments.`;
