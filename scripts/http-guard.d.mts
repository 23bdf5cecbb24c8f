// Types for http-guard.mjs (see there).
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";

export interface HttpGuardHook {
  /** True when the hook answered the request itself and Next.js must not see it. */
  request(server: Server, request: IncomingMessage, response: ServerResponse): boolean;
  connect(request: IncomingMessage, socket: Duplex): void;
  clientError(error: Error & { code?: string }, socket: Duplex): void;
}

export function rawResponse(status: number, headers: Record<string, string>, body?: string): string;
export function holdRequestsUntilGuarded(): void;
export function installHttpGuard(hook: HttpGuardHook): void;
