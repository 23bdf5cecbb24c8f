/**
 * A throw-away Redis server for tests: a `redis-server` child process listening on 127.0.0.1 on a
 * free port, working in a temporary directory, with no persistence (nothing is ever written there),
 * stopped and deleted by `stop()`. It never touches the system's Redis service. The binary comes
 * from Debian's `redis-server` package (`bash scripts/setup.sh` installs it); without it this
 * throws rather than letting the tests skip silently.
 *
 * `kill()` and `restart()` are for fault tests: the server dies as if it crashed, and comes back
 * empty on the same port, so clients that reconnect by address find it again.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { mkdtemp, realpath } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./free-port";

const FALLBACK_BINARY = "/usr/bin/redis-server";
const START_TIMEOUT_MS = 10_000;

export interface TestRedis {
  /** `redis://127.0.0.1:<port>`. */
  url: string;
  port: number;
  /** Kills the server (SIGKILL, as a crash would) and leaves the port closed until `restart()`. */
  kill(): Promise<void>;
  /** Kills the server if it runs and starts an empty one on the same port; resolves once it answers PING. */
  restart(): Promise<void>;
  /** Kills the server and deletes its directory. */
  stop(): Promise<void>;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `redis-server` from PATH, else Debian's location. */
export function redisServerBinary(
  env: Record<string, string | undefined> = process.env,
  fallback = FALLBACK_BINARY,
): string {
  const candidates = [
    ...(env.PATH ?? "")
      .split(path.delimiter)
      .filter(Boolean)
      .map((dir) => path.join(dir, "redis-server")),
    fallback,
  ];
  const found = candidates.find(isExecutable);
  if (!found)
    throw new Error(
      `redis-server not found on PATH nor at ${fallback}: run \`bash scripts/setup.sh\`, which installs Debian's redis-server package`,
    );
  return found;
}

/**
 * One command over a raw socket (no client library, no reconnects): the reply's first `lines` lines,
 * or undefined when nothing answers within `timeoutMs`.
 */
function request(port: number, args: string[], lines: number, timeoutMs: number): Promise<string[] | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    let reply = "";
    const done = (result: string[] | undefined) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(undefined));
    socket.once("error", () => done(undefined));
    socket.once("connect", () =>
      socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join("")}`),
    );
    socket.on("data", (chunk) => {
      reply += chunk.toString("utf8");
      const got = reply.split("\r\n");
      // An error reply is one line whatever was expected.
      if (got.length > lines || (got.length > 1 && got[0]!.startsWith("-"))) done(got.slice(0, lines));
    });
  });
}

/** True when a server answers PING on the port within `timeoutMs`. */
export async function pingRedis(port: number, timeoutMs = 500): Promise<boolean> {
  return (await request(port, ["PING"], 1, timeoutMs))?.[0] === "+PONG";
}

/**
 * True when the server on the port is the one working in `dir`: a server that another process
 * started on the port (taken between the free-port probe and our start) answers PING too.
 */
async function servesFrom(port: number, dir: string): Promise<boolean> {
  const reply = await request(port, ["CONFIG", "GET", "dir"], 5, 500);
  return reply?.[4] === dir;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs redis-server under a small shell that ties its life to ours: the shell's stdin is a pipe from
 * this process, and a watcher kills the server (and deletes its directory) when that pipe reaches
 * end of file, which happens however this process ends: stop(), a test that forgets it, or a vitest
 * worker killed by a signal, where no 'exit' handler runs (measured: without the watcher a forgotten
 * server outlived the run). The shell exits when the server does, so its exit is the server's.
 */
const WATCHDOG = [
  "dir=$1; shift",
  "exec 3<&0",
  '"$@" </dev/null &',
  "server=$!",
  // The shell itself writes nothing to this process's pipes: once they are closed, the "Killed" job
  // notice would raise SIGPIPE and end the shell before it deletes the directory.
  "exec >/dev/null 2>&1",
  '( while read -r _; do :; done; kill -9 "$server" 2>/dev/null ) <&3 &',
  "watcher=$!",
  "exec 3<&-",
  'wait "$server"; code=$?',
  'kill "$watcher" 2>/dev/null',
  'rm -rf "$dir"',
  'exit "$code"',
].join("\n");

/** Starts redis-server on `port`; resolves once it answers PING, rejects (with its output) if it exits or hangs. */
async function launch(binary: string, port: number): Promise<ChildProcess> {
  // The server reports its directory resolved (CONFIG GET dir), so compare it with the real path.
  const dir = await realpath(await mkdtemp(path.join(tmpdir(), "safekeep-redis-")));
  const child = spawn(
    "/bin/sh",
    [
      ["-c", WATCHDOG, "sh", dir, binary],
      ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--daemonize", "no"],
      // A test server keeps nothing: no RDB snapshots, no append-only file.
      ["--save", "", "--appendonly", "no"],
      ["--logfile", "", "--loglevel", "warning"],
    ].flat(),
    { stdio: ["pipe", "pipe", "pipe"] },
  );
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-4_000);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  // The pipe stays open as long as the server should live; this process never writes to it.
  child.stdin?.on("error", () => undefined);
  const state: { exited?: string } = {};
  child.once("exit", (code, signal) => {
    state.exited = `exited (${signal ?? `code ${code}`})`;
  });
  child.once("error", (error) => {
    state.exited = `failed to start (${error.message})`;
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (state.exited === undefined && Date.now() < deadline) {
    if (await servesFrom(port, dir)) return child;
    await sleep(20);
  }
  await shutDown(child);
  throw new Error(`redis-server on port ${port} ${state.exited ?? "did not answer PING in time"}: ${output.trim()}`);
}

/** Closes the watchdog's pipe and waits until the server is gone (its port is then free for a restart). */
function shutDown(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.stdin?.end();
  });
}

export async function startRedis(): Promise<TestRedis> {
  const binary = redisServerBinary();
  let child: ChildProcess | undefined;
  let port = 0;
  let lastError: unknown;
  // Another process may take the free port between the probe and the server's start: try again.
  for (let attempt = 0; attempt < 3 && !child; attempt++) {
    port = await freePort();
    try {
      child = await launch(binary, port);
    } catch (error) {
      lastError = error;
    }
  }
  if (!child) throw new Error(`Could not start a test Redis: ${(lastError as Error).message}`, { cause: lastError });
  const kill = async () => {
    if (child) await shutDown(child);
    child = undefined;
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill,
    async restart() {
      await kill();
      child = await launch(binary, port);
    },
    stop: kill,
  };
}
