/**
 * Reading a stored snapshot back, the same way in every store: a record that is not JSON or does not
 * match the schema is reported (with a short reason, never its content) and read as missing, so one
 * damaged record never breaks a page or a listing.
 */
import { snapshotSchema, type Snapshot } from "./schema";

export type OnCorrupt = (id: string, problem: string) => void;

export function parseStoredSnapshot(id: string, body: string, onCorrupt: OnCorrupt): Snapshot | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    onCorrupt(id, "not valid JSON");
    return undefined;
  }
  const parsed = snapshotSchema.safeParse(json);
  if (!parsed.success) {
    onCorrupt(id, parsed.error.issues[0]?.message ?? "does not match the snapshot schema");
    return undefined;
  }
  return parsed.data;
}
