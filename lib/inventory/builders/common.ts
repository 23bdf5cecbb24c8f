/**
 * Small builders for inventories, used by control tests and synthetic accounts. Each returns a
 * complete, valid object with harmless defaults; tests override only the fields they exercise.
 */
import type { Inventory } from "../index";

export const TEST_ACCOUNT = "111122223333";
export const TEST_REGION = "us-east-1";

export function buildInventory(overrides: Partial<Inventory> = {}): Inventory {
  return {
    source: "demo",
    account: { id: TEST_ACCOUNT, partition: "aws" },
    regions: [TEST_REGION],
    services: ["elasticache"],
    startedAt: "2026-01-01T00:00:00.000Z",
    finishedAt: "2026-01-01T00:00:05.000Z",
    errors: [],
    skippedRegions: [],
    stats: { apiCalls: 0, retries: 0, throttled: 0, durationMs: 0 },
    ...overrides,
  };
}
