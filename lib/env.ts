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
  })
  .superRefine((source, context) => {
    for (const message of authSettingsProblems(source)) context.addIssue({ code: "custom", message });
  });

export type SafekeepEnv = {
  dataDir: string;
  /** Undefined: no authentication (the server then answers loopback host names only). */
  auth?: AuthConfig;
};

let cached: SafekeepEnv | undefined;

export function parseEnv(source: Record<string, string | undefined>): SafekeepEnv {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
      .join("; ");
    throw new Error(`Invalid Safekeep configuration: ${problems}`);
  }
  return { dataDir: path.resolve(parsed.data.SAFEKEEP_DATA_DIR), auth: authConfig(parsed.data) };
}

export function env(): SafekeepEnv {
  cached ??= parseEnv(process.env);
  return cached;
}
