/**
 * Quoting of the values a fix is filled with. A resource name comes from the account being scanned,
 * so it is untrusted text: in a shell command it must stay one literal word whatever it holds
 * (spaces, quotes, `$()`, backticks, newlines), and in Terraform one literal string.
 */

/** Characters a shell word may hold bare: no expansion, globbing, splitting or redirection. */
const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * One shell word holding exactly `value`: bare when every character is harmless, otherwise single
 * quoted (inside single quotes the shell expands nothing; a single quote itself is closed, escaped
 * and reopened). The empty string becomes ''.
 */
export function shellQuote(value: string): string {
  if (SHELL_SAFE.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The body of an HCL double-quoted string holding exactly `value`: backslash and quote escaped,
 * control characters escaped, and the template sequences `${` and `%{` doubled so Terraform reads
 * them as literal text, never as an interpolation.
 */
export function hclStringBody(value: string): string {
  return (
    value
      .replace(/\\/g, "\\\\")
      .replace(/"/g, '\\"')
      .replace(/\n/g, "\\n")
      .replace(/\r/g, "\\r")
      .replace(/\t/g, "\\t")
      // A function, not a string: in a replacement string "$$" itself means one "$".
      .replace(/\$\{/g, () => "$${")
      .replace(/%\{/g, () => "%%{")
  );
}

/** A YAML double-quoted scalar holding exactly `value` (for CloudFormation templates). */
export function yamlQuote(value: string): string {
  return JSON.stringify(value);
}
