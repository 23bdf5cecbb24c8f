/**
 * Page tests that render as a caller holding the API token: a fresh embedded store (SQLite in a
 * temporary folder, no PostgreSQL), the token as the only credential, and the request headers the
 * page reads its caller from (the test mocks next/headers to return `request.headers`).
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { vi } from "vitest";

/** Sets up the environment and headers; the data folder. Call in beforeEach, then `vi.unstubAllEnvs()` after. */
export async function asTokenCaller(request: { headers: Headers }, token: string, prefix: string): Promise<string> {
  const dataDir = await mkdtemp(path.join(tmpdir(), prefix));
  vi.stubEnv("SAFEKEEP_DATA_DIR", dataDir);
  vi.stubEnv("SAFEKEEP_DATABASE_URL", "");
  vi.stubEnv("SAFEKEEP_AUTH_TOKEN", token);
  vi.stubEnv("SAFEKEEP_BASIC_AUTH", "");
  request.headers = new Headers({ authorization: `Bearer ${token}` });
  vi.resetModules();
  return dataDir;
}
