/**
 * Runs once when the server starts: the embedded mode's schedule timer (recurring scans). Only in
 * the Node.js runtime; a bad team-mode setting is logged, not fatal, so the pages still serve.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  try {
    const { startEmbeddedSchedules } = await import("@/lib/queue/organization-scans");
    startEmbeddedSchedules();
  } catch (error) {
    console.error(`safekeep: schedules not started: ${(error as Error).message}`);
  }
}
