/**
 * Reading back the AWS CLI commands of a fix, so the catalog test can hold each one against the SDK
 * model of its service. Only the shapes the catalog writes are read: `aws <service> <operation>`
 * followed by `--flag [value]` pairs, one command per line (a trailing backslash continues it),
 * comment lines starting with #, and an optional `> file` redirection at the end.
 */

export interface CliFlag {
  /** Without the leading dashes: `replication-group-id`. */
  name: string;
  value?: string;
}

export interface CliCommand {
  service: string;
  operation: string;
  flags: CliFlag[];
  /** The command as written, for error messages. */
  text: string;
}

/** Shell-like words of one command: quotes group, and are kept on the word so placement can be checked. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let current = "";
  let quote: '"' | "'" | undefined;
  let inWord = false;
  for (const ch of line) {
    if (quote) {
      current += ch;
      if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      current += ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = "";
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (quote) throw new Error(`unclosed ${quote} in: ${line}`);
  if (inWord) words.push(current);
  return words;
}

/** Every `aws …` command of a snippet; any other non-comment line is an error (nothing unchecked ships). */
export function parseCliSnippet(code: string): CliCommand[] {
  const joined = code.replace(/\\\n/g, " ");
  const commands: CliCommand[] = [];
  for (const raw of joined.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const words = shellWords(line);
    const redirect = words.findIndex((w) => w === ">" || w === ">>");
    const used = redirect >= 0 ? words.slice(0, redirect) : words;
    const [aws, service, operation, ...rest] = used;
    if (aws !== "aws" || !service || !operation) throw new Error(`not an AWS CLI command: ${line}`);
    const flags: CliFlag[] = [];
    for (let i = 0; i < rest.length; i++) {
      const word = rest[i]!;
      if (!word.startsWith("--")) throw new Error(`stray word ${word} in: ${line}`);
      const next = rest[i + 1];
      if (next !== undefined && !next.startsWith("--")) {
        flags.push({ name: word.slice(2), value: next });
        i++;
        // A list parameter takes several words (--explicit-auth-flows A B).
        while (rest[i + 1] !== undefined && !rest[i + 1]!.startsWith("--")) {
          flags[flags.length - 1]!.value += ` ${rest[i + 1]}`;
          i++;
        }
      } else flags.push({ name: word.slice(2) });
    }
    commands.push({ service, operation, flags, text: line });
  }
  return commands;
}

/**
 * The AWS CLI's name for a model name (an operation or a member): botocore's `xform_name` with "-"
 * as separator. It is how `ModifyReplicationGroup` becomes `modify-replication-group` and
 * `AllowedOAuthFlows` becomes `allowed-o-auth-flows`.
 */
export function cliName(name: string): string {
  let n = name;
  // A pluralised acronym at the end (ARNs, ACLs) stays one word.
  const special = /[A-Z]{3,}s$/.exec(n);
  if (special) n = `${n.slice(0, -special[0].length)}-${special[0].toLowerCase()}`;
  n = n.replace(/(.)([A-Z][a-z]+)/g, "$1-$2");
  n = n.replace(/([a-z])([0-9]+)/g, "$1-$2");
  return n.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
}

/**
 * Where the AWS CLI departs from `cliName` for the services the catalog uses: its own renames
 * (awscli's argrename table) and the numbers it no longer splits off. Key: `service.operation.flag`
 * as `cliName` gives it; value: the flag the CLI really takes.
 */
export const CLI_RENAMES: Readonly<Record<string, string>> = {
  "iam.enable-mfa-device.authentication-code-1": "authentication-code1",
  "iam.enable-mfa-device.authentication-code-2": "authentication-code2",
  "iam.resync-mfa-device.authentication-code-1": "authentication-code1",
  "iam.resync-mfa-device.authentication-code-2": "authentication-code2",
  "elasticache.create-replication-group.preferred-cache-cluster-a-zs": "preferred-cache-cluster-azs",
};

/** Options of the CLI itself, valid on every command (not members of the operation's input). */
export const CLI_GLOBAL_OPTIONS = new Set(["region", "profile", "output", "query", "cli-input-json"]);
