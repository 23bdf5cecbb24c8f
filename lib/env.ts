import path from "node:path";
import { z } from "zod";
import { authConfig, authSettingsProblems, type AuthConfig } from "@/scripts/listen-policy.mjs";

/**
 * Safekeep's own settings: `SAFEKEEP_*` variables, parsed once. AWS settings (profile, region,
 * endpoints, FIPS) are deliberately not here: the AWS SDK reads them itself, exactly as the CLI does.
 */
const envSchema = z
  .object({
    SAFEKEEP_DATA_DIR: z.string().min(1).default(".data"),
    // Auth settings are checked by the same code as the start script (scripts/listen-policy.mjs), so a
    // server started some other way cannot run with a token the script would have refused.
    SAFEKEEP_AUTH_TOKEN: z.string().optional(),
    SAFEKEEP_BASIC_AUTH: z.string().optional(),
    // The tag key that names a resource's owner in the findings view (`owner`, `team`): an AWS tag key
    // is at most 128 characters. Empty counts as unset, as an exported but blank variable means.
    SAFEKEEP_OWNER_TAG: z
      .string()
      .max(128, "must be a tag key of at most 128 characters")
      .regex(/^[^\u0000-\u001f\u007f]*$/, "must not hold control characters")
      .optional(),
  })
  .superRefine((source, context) => {
    for (const message of authSettingsProblems(source)) context.addIssue({ code: "custom", message });
  });

export type SafekeepEnv = {
  dataDir: string;
  /** Undefined: no authentication (the server then answers loopback host names only). */
  auth?: AuthConfig;
  /** The tag key whose value is a finding's owner (`owner=` filter, owner column and grouping). */
  ownerTag: string;
};

/** The same default as the findings query's (lib/snapshot/findings-query.ts), kept here so settings import nothing heavy. */
const DEFAULT_OWNER_TAG = "owner";

let cached: SafekeepEnv | undefined;

export function parseEnv(source: Record<string, string | undefined>): SafekeepEnv {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
      .join("; ");
    throw new Error(`Invalid Safekeep configuration: ${problems}`);
  }
  return {
    dataDir: path.resolve(parsed.data.SAFEKEEP_DATA_DIR),
    auth: authConfig(parsed.data),
    ownerTag: parsed.data.SAFEKEEP_OWNER_TAG || DEFAULT_OWNER_TAG,
  };
}

export function env(): SafekeepEnv {
  cached ??= parseEnv(process.env);
  return cached;
}
