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

export function startOwnServer(port: number, env: Record<string, string>): OwnServer {
  let output = "";
  const child = spawn(process.execPath, ["scripts/start-standalone.mjs"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
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
    base: `http://127.0.0.1:${port}`,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
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
