/**
 * The argument handling the stored-snapshot commands share (`diff`, `export`, `snapshots`): strict
 * parsing of the options, then validation with a zod schema. On any problem the command's name, what
 * is wrong and the usage line go to stderr, and the caller exits with 2.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { z } from "zod";

export function parseCommandLine<Schema extends z.ZodType>(
  command: string,
  argv: string[],
  options: NonNullable<ParseArgsConfig["options"]>,
  schema: Schema,
  usage: string,
  err: (line: string) => void,
): z.infer<Schema> | undefined {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, options }));
  } catch (error) {
    err(`safekeep ${command}: ${(error as Error).message}\n${usage}`);
    return undefined;
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    err(`safekeep ${command}: ${parsed.error.issues.map((issue) => issue.message).join("; ")}\n${usage}`);
    return undefined;
  }
  return parsed.data;
}
