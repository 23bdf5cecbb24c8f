/**
 * Reading back the Terraform blocks of a fix, so the catalog test can hold each resource type and
 * argument against the vetted list. Only the HCL the catalog writes is read: `resource "type"
 * "label" {` blocks holding `name = value` lines (a value on one line) and nested `name {` blocks.
 */

export interface HclResource {
  type: string;
  label: string;
  /** Argument paths: `kms_key_id`, `rule.apply_server_side_encryption_by_default.sse_algorithm`. */
  arguments: string[];
}

export function parseHclResources(code: string): HclResource[] {
  const resources: HclResource[] = [];
  let current: HclResource | undefined;
  const path: string[] = [];
  for (const [index, raw] of code.split("\n").entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const where = `line ${index + 1}: ${line}`;
    if (!current) {
      const m = /^resource "([a-z0-9_]+)" "([A-Za-z0-9_-]+)" \{$/.exec(line);
      if (!m) throw new Error(`expected a resource block at ${where}`);
      current = { type: m[1]!, label: m[2]!, arguments: [] };
      continue;
    }
    if (line === "}") {
      if (path.length === 0) {
        resources.push(current);
        current = undefined;
      } else path.pop();
      continue;
    }
    const block = /^([a-z0-9_]+) \{$/.exec(line);
    if (block) {
      path.push(block[1]!);
      current.arguments.push(path.join("."));
      continue;
    }
    const arg = /^([a-z0-9_]+)\s*=\s*(.+)$/.exec(line);
    if (!arg) throw new Error(`expected an argument at ${where}`);
    const value = arg[2]!;
    // One-line values only: a string, number, bool, list or reference, balanced on the line.
    if (/^[[{(]/.test(value) && !/[\]})]$/.test(value)) throw new Error(`multi-line value at ${where}`);
    current.arguments.push([...path, arg[1]!].join("."));
  }
  if (current) throw new Error(`unclosed resource ${current.type}.${current.label}`);
  return resources;
}
