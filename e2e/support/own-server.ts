/**
 * A production server of its own for a spec that needs other settings than the shared one (sign-in,
 * authentication, limits): `node scripts/start-standalone.mjs` on its own port and data directory,
 * its output kept for assertions, stopped by `stop()`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, type APIRequestContext } from "@playwright/test";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const HAS_STANDALONE_BUILD = existsSync(path.join(ROOT, ".next", "standalone", "server.js"));

export interface OwnServer {
  child: ChildProcess;
  base: string;
  output(): string;
  exited: Promise<number>;
  stop(): Promise<void>;
}

/**
 * Node running `args` in `cwd` (a server, started however the spec needs), with no credentials and
 * no instance role unless `env` gives them; an `undefined` in `env` removes the inherited variable.
 */
export function spawnServer(
  args: string[],
  env: Record<string, string | undefined>,
  cwd: string,
  base = "",
): OwnServer {
  let output = "";
  const child = spawn(process.execPath, args, {
    cwd,
    env: {
      ...process.env,
      SAFEKEEP_AUTH_TOKEN: "",
      SAFEKEEP_BASIC_AUTH: "",
      NEXT_TELEMETRY_DISABLED: "1",
      AWS_EC2_METADATA_DISABLED: "true",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? -1)));
  return {
    child,
    base,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** The production server through `scripts/start-standalone.mjs` on `port`. */
export function startOwnServer(port: number, env: Record<string, string | undefined>): OwnServer {
  return spawnServer(
    ["scripts/start-standalone.mjs"],
    { PORT: String(port), ...env },
    ROOT,
    `http://127.0.0.1:${port}`,
  );
}

/** Waits until the server answers its health check (or fails with its output if it exited). */
export async function waitUntilServing(server: OwnServer, request: APIRequestContext): Promise<void> {
  await expect
    .poll(
      async () => {
        if (server.child.exitCode !== null) throw new Error(`server exited: ${server.output()}`);
        return (await request.get(`${server.base}/api/health`).catch(() => undefined))?.status();
      },
      { timeout: 60_000 },
    )
    .toBe(200);
}
