import { KMSClient } from "@aws-sdk/client-kms";
import type { KeyReference } from "@/lib/inventory/references";
import { withRegionClients, type CollectScope } from "../harness";
import { collectReferencedKeys, type KmsKeysResult } from "./collect";

export type { KmsKeysResult } from "./collect";

/**
 * Describes every referenced key (each names its Region) with one client of the scope per key Region (created on first
 * use). The scope's account is the scanned one: keys of other accounts may be refused without it
 * being an error. Makes no call when nothing refers to a key.
 */
export function collectKmsKeys(refs: readonly KeyReference[], scope: CollectScope): Promise<KmsKeysResult> {
  return withRegionClients(KMSClient, scope, "kms", (clientFor) =>
    collectReferencedKeys(refs, scope.accountId, clientFor),
  );
}
