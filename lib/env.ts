import path from "node:path";
import { z } from "zod";

/**
 * Safekeep's own settings: `SAFEKEEP_*` variables, parsed once. AWS settings (profile, region,
 * endpoints, FIPS) are deliberately not here: the AWS SDK reads them itself, exactly as the CLI does.
 */
const envSchema = z.object({
  SAFEKEEP_DATA_DIR: z.string().min(1).default(".data"),
});

export type SafekeepEnv = { dataDir: string };

let cached: SafekeepEnv | undefined;

export function parseEnv(source: Record<string, string | undefined>): SafekeepEnv {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid Safekeep configuration: ${problems}`);
  }
  return { dataDir: path.resolve(parsed.data.SAFEKEEP_DATA_DIR) };
}

export function env(): SafekeepEnv {
  cached ??= parseEnv(process.env);
  return cached;
}
