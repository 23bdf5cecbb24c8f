import type { CollectionError, ServiceId, SkippedRegion } from "./common";
import type { AccountInventory } from "./account";
import type { CognitoInventory } from "./cognito";
import type { ConnectInventory } from "./connect";
import type { ElastiCacheInventory } from "./elasticache";
import type { IamInventory } from "./iam";
import type { PersonalizeInventory } from "./personalize";

export * from "./common";
export { ROOT_ACCOUNT_USER } from "./iam";
export type * from "./account";
export type * from "./cognito";
export type * from "./connect";
export type * from "./elasticache";
export type * from "./iam";
export type * from "./personalize";
export type * from "./policy";

export type InventorySource = "aws" | "demo";

export interface ScanStats {
  apiCalls: number;
  retries: number;
  throttled: number;
  durationMs: number;
}

/**
 * Everything one scan learned about one account. Plain, serialisable data: the demo account is a
 * value of this type, and controls evaluate it without any I/O.
 */
export interface Inventory {
  source: InventorySource;
  /** `name` and `ou` are known when the account was listed from its Organization. */
  account: { id: string; partition: string; name?: string; ou?: string };
  /** Regions the scan covered. */
  regions: string[];
  /** Services whose collectors ran; controls of other services are reported as not scanned. */
  services: ServiceId[];
  startedAt: string;
  finishedAt: string;
  /**
   * What each collector produced. A part is undefined when it was not collected; controls then
   * yield no results and the runner reports the failed calls as errors.
   */
  accountWide?: AccountInventory;
  iam?: IamInventory;
  elasticache?: ElastiCacheInventory;
  cognito?: CognitoInventory;
  personalize?: PersonalizeInventory;
  connect?: ConnectInventory;
  errors: CollectionError[];
  skippedRegions: SkippedRegion[];
  stats: ScanStats;
}
