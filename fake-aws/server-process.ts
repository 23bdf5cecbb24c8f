/**
 * The real production server (`node scripts/start-standalone.mjs`, serving `.next/standalone`) as a
 * child process, for tests that must kill it the hard way. It gets its own port and data directory,
 * dummy credentials, and reaches AWS only through `awsEndpoint` (a fake endpoint).
 *
 * Shared by fake-aws/kill.integration.test.ts and e2e/kill.spec.ts (plain Node APIs only, so both
 * vitest and Playwright can load it).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const STANDALONE_SERVER = path.join(ROOT, ".next", "standalone", "server.js");
const START_SCRIPT = path.join(ROOT, "scripts", "start-standalone.mjs");

export function hasStandaloneBuild(): boolean {
  return existsSync(STANDALONE_SERVER);
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== "object" || address === null) throw new Error("no port assigned");
  return address.port;
}

export interface ServerProcess {
  url: string;
  /** The last lines the server printed, for failure messages. */
  output(): string;
  /** Sends `signal` to the wrapper script and the Next.js server it started, and waits for them to exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

export interface ServerOptions {
  port: number;
  dataDir: string;
  awsEndpoint: string;
}

/** Only what the server needs: no inherited SAFEKEEP_*, AWS_* or test-runner settings. */
function serverEnvironment({ port, dataDir, awsEndpoint }: ServerOptions): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(SAFEKEEP_|AWS_|NODE_ENV$|VITEST|PW_|NEXT_)/.test(name)),
  );
  return {
    ...inherited,
    NODE_ENV: "production",
    PORT: String(port),
    SAFEKEEP_HOST: "127.0.0.1",
    SAFEKEEP_DATA_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: "1",
    AWS_ENDPOINT_URL: awsEndpoint,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_REGION: "us-east-1",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** Starts the server and resolves once GET /api/health answers; rejects if it exits or stays silent. */
export async function startServerProcess(options: ServerOptions, readyWithinMs = 30_000): Promise<ServerProcess> {
  // Its own process group, so a kill reaches the Next.js server the wrapper script spawned as well.
  const child = spawn(process.execPath, [START_SCRIPT], {
    cwd: ROOT,
    env: serverEnvironment(options),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString("utf8")).slice(-4_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const url = `http://127.0.0.1:${options.port}`;
  const server: ServerProcess = {
    url,
    output: () => log,
    kill: async (signal) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // The group is already gone.
      }
      await exited(child);
    },
  };

  const deadline = Date.now() + readyWithinMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited before it was ready (${child.exitCode ?? child.signalCode}):\n${log}`);
    }
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return server;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  await server.kill("SIGKILL");
  throw new Error(`the server did not answer /api/health within ${readyWithinMs} ms:\n${log}`);
}
