// Types for server-output.mjs (see there).
export type OutputLevel = "info" | "warn" | "error";
export type OutputSink = (level: OutputLevel, event: string, args: unknown[]) => void;

export function minimalSink(level: OutputLevel, event: string, args: unknown[]): void;
export function routeServerOutput(sink?: OutputSink): void;
