/**
 * A throw-away PostgreSQL server for tests: its own cluster in a temporary directory, listening on
 * 127.0.0.1 on a free port with trust authentication for loopback connections only, stopped and
 * deleted by `stop()`. It never touches the system's PostgreSQL service. The server binaries come
 * from Debian's `postgresql` package (`bash scripts/setup.sh` installs it); without them this throws
 * rather than letting the tests skip silently.
 */
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, readdirSync, rmSync } from "node:fs";
import { appendFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "./free-port";

const run = promisify(execFile);
const BIN_ROOT = "/usr/lib/postgresql";
const MIN_VERSION = 15;

export interface TestPostgres {
  /** The cluster's own `postgres` database. */
  url: string;
  /** A new, empty database on this server; its URL. */
  createDatabase(name?: string): Promise<string>;
  stop(): Promise<void>;
}

/** The newest server binaries Debian installed (15 or later). */
export function postgresBinDir(root = BIN_ROOT): string {
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v) && Number(v) >= MIN_VERSION)
        .filter((v) => ["initdb", "pg_ctl", "postgres"].every((b) => existsSync(path.join(root, v, "bin", b))))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0])
    throw new Error(
      `PostgreSQL ${MIN_VERSION}+ server binaries (initdb, pg_ctl, postgres) not found under ${root}/*/bin: run \`bash scripts/setup.sh\`, which installs Debian's postgresql package`,
    );
  return path.join(root, versions[0], "bin");
}

/**
 * initdb refuses to run as root, so as root the cluster belongs to (and the server runs as) the
 * `postgres` user Debian's package creates.
 */
function asOwner(): { wrap: (cmd: string, args: string[]) => [string, string[]]; uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return { wrap: (cmd, args) => [cmd, args] };
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  } catch {
    throw new Error(
      "Running as root, a test PostgreSQL must run as the `postgres` user, which does not exist: run `bash scripts/setup.sh`",
    );
  }
  return { wrap: (cmd, args) => ["runuser", ["-u", "postgres", "--", cmd, ...args]], uid, gid };
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  const owner = asOwner();
  const dir = await mkdtemp(path.join(tmpdir(), "safekeep-pg-"));
  const data = path.join(dir, "data");
  if (owner.uid !== undefined) chownSync(dir, owner.uid, owner.gid!);
  const exec = (tool: string, args: string[]) => {
    const [cmd, argv] = owner.wrap(path.join(bin, tool), args);
    return run(cmd, argv, { env: { ...process.env, LC_ALL: "C" }, timeout: 60_000 });
  };
  let started = false;
  const stopNow = () => {
    if (started) {
      const [cmd, argv] = owner.wrap(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      spawnSync(cmd, argv, { stdio: "ignore", timeout: 30_000 });
      started = false;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // A test run that ends without calling stop() (a crash, an interrupted run) still stops the server.
  process.once("exit", stopNow);
  try {
    // Trust authentication, and only the loopback lines initdb writes into pg_hba.conf. A linguistic
    // (ICU, English) default collation, as most production databases have, so a query that relies on
    // byte order without saying so fails here too.
    await exec(
      "initdb",
      [
        ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"],
        ["--locale=C", "--locale-provider=icu", "--icu-locale=en-US"],
      ].flat(),
    );
    // Durability is pointless for a throw-away cluster and costs most of a test's time.
    await appendFile(
      path.join(data, "postgresql.conf"),
      ["fsync = off", "synchronous_commit = off", "full_page_writes = off", `unix_socket_directories = '${dir}'`]
        .map((l) => `${l}\n`)
        .join(""),
    );
    let port = 0;
    let lastError: unknown;
    // Another process may take the free port between the probe and the server's start: try again.
    for (let attempt = 0; attempt < 3 && !started; attempt++) {
      port = await freePort();
      try {
        await exec("pg_ctl", [
          "-D",
          data,
          "-l",
          path.join(dir, "server.log"),
          "-w",
          "-t",
          "30",
          "-o",
          `-c listen_addresses=127.0.0.1 -p ${port}`,
          "start",
        ]);
        started = true;
      } catch (error) {
        lastError = error;
      }
    }
    if (!started) throw lastError;
    const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
    let count = 0;
    return {
      url,
      async createDatabase(name = `test_${++count}`) {
        if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE ${name}`);
        } finally {
          await client.end();
        }
        return `postgresql://postgres@127.0.0.1:${port}/${name}`;
      },
      async stop() {
        process.off("exit", stopNow);
        if (started) await exec("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]).catch(() => undefined);
        started = false;
        stopNow();
      },
    };
  } catch (error) {
    process.off("exit", stopNow);
    stopNow();
    throw new Error(`Could not start a test PostgreSQL: ${(error as Error).message}`, { cause: error });
  }
}
