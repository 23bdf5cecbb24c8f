/**
 * Runs once when the server starts, before it answers any request (Next.js listens first, then holds
 * requests until this has run), in the Node.js runtime only:
 * 1. the server's safeguards (lib/security/server-start.ts): structured logging of everything it
 *    prints, the HTTP layer, and exit code 1 when it would serve beyond loopback without
 *    authentication or with a weak secret, however it was started;
 * 2. the embedded mode's schedule timer (recurring scans); a bad team-mode setting is logged, not
 *    fatal, so the pages still serve.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerSafeguards } = await import("@/lib/security/server-start");
  startServerSafeguards();
  const { log } = await import("@/lib/log");
  try {
    const { startEmbeddedSchedules } = await import("@/lib/queue/organization-scans");
    startEmbeddedSchedules();
  } catch (error) {
    log.error("schedules.not-started", { error });
  }
}
