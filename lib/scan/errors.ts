/** The scan cannot begin at all (no credentials, endpoint unreachable): the CLI exits 1. */
export class CannotStartError extends Error {
  override name = "CannotStartError";
}
