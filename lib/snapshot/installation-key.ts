/**
 * The installation's secret key: 32 random bytes in `<data dir>/installation.key` (mode 0600), created
 * on first use and then kept for good. It keys the HMAC stored beside each masked personal-data value
 * (xc.pii-in-names-tags evidence), so the same value gets the same hash in every scan of this
 * installation while a snapshot, export or log alone does not let anyone recover the value by hashing
 * every candidate the masked form allows (a masked SSN leaves about 10^5).
 *
 * The key never leaves this module's callers: it is not part of a snapshot, an export or a log line,
 * and errors name the file, never its content. Losing the file only means later hashes no longer
 * match earlier ones.
 */
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import path from "node:path";

export const INSTALLATION_KEY_FILE = "installation.key";
export const INSTALLATION_KEY_BYTES = 32;

/** How long a reader waits for a key file another process is still writing (only without hard links). */
const SHORT_READ_WAIT_MS = 2_000;
const OWNER_ONLY = 0o600;

export class InstallationKeyError extends Error {
  override name = "InstallationKeyError";
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * The key in `file`, or undefined when there is none yet. Refuses a symbolic link and anything but
 * exactly 32 bytes (after waiting out a writer that has not finished); tightens looser permissions.
 */
function readKey(file: string): Buffer | undefined {
  const deadline = Date.now() + SHORT_READ_WAIT_MS;
  for (;;) {
    let fd: number;
    try {
      fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch (error) {
      if (errorCode(error) === "ENOENT") return undefined;
      if (errorCode(error) === "ELOOP")
        throw new InstallationKeyError(`${file} is a symbolic link; refusing to use it as the installation key`);
      throw error;
    }
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile()) throw new InstallationKeyError(`${file} is not a regular file`);
      if ((stat.mode & 0o077) !== 0) chmodSync(file, OWNER_ONLY);
      const key = Buffer.alloc(INSTALLATION_KEY_BYTES);
      const read = readSync(fd, key, 0, INSTALLATION_KEY_BYTES, 0);
      if (read === INSTALLATION_KEY_BYTES && stat.size === INSTALLATION_KEY_BYTES) return key;
      if (stat.size > INSTALLATION_KEY_BYTES || Date.now() > deadline) {
        throw new InstallationKeyError(
          `${file} is not a Safekeep installation key (${INSTALLATION_KEY_BYTES} bytes expected); move it away to start a new key`,
        );
      }
    } finally {
      closeSync(fd);
    }
    sleep(20);
  }
}

/** Writes `key` to a new file at `target` that must not exist yet (O_EXCL), readable by the owner only. */
function writeExclusive(target: string, key: Buffer): void {
  const fd = openSync(target, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, OWNER_ONLY);
  try {
    writeSync(fd, key);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Creates the key unless another process got there first, and returns whichever key the file holds:
 * two processes racing on a fresh data directory end up with the same key. The key is written in full
 * to a private temporary file (O_EXCL) and then published with link(2), which fails if the key file
 * exists, so no reader ever sees a partial key. Where hard links are not supported the key file itself
 * is created with O_EXCL and readers wait for its 32 bytes.
 */
export function createInstallationKey(dataDir: string): Buffer {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, INSTALLATION_KEY_FILE);
  const temporary = path.join(dataDir, `.${INSTALLATION_KEY_FILE}.${process.pid}.${randomBytes(6).toString("hex")}`);
  writeExclusive(temporary, randomBytes(INSTALLATION_KEY_BYTES));
  try {
    linkSync(temporary, file);
  } catch (error) {
    if (errorCode(error) !== "EEXIST") {
      try {
        writeExclusive(file, readKey(temporary)!);
      } catch (fallbackError) {
        if (errorCode(fallbackError) !== "EEXIST") throw fallbackError;
      }
    }
  } finally {
    unlinkSync(temporary);
  }
  const key = readKey(file);
  if (!key) throw new InstallationKeyError(`${file} disappeared while it was being created`);
  return key;
}

/** The installation key of `dataDir`, created on first use. Reads the file on every call. */
export function readOrCreateInstallationKey(dataDir: string): Buffer {
  return readKey(path.join(dataDir, INSTALLATION_KEY_FILE)) ?? createInstallationKey(dataDir);
}

const loaded = new Map<string, Buffer>();

/** The installation key of `dataDir` (normally `env().dataDir`), read once per process. */
export function installationKey(dataDir: string): Buffer {
  const resolved = path.resolve(dataDir);
  let key = loaded.get(resolved);
  if (!key) {
    key = readOrCreateInstallationKey(resolved);
    loaded.set(resolved, key);
  }
  // A copy: a caller that zeroes or reuses its buffer must not change every later hash.
  return Buffer.from(key);
}
