/**
 * Every control Safekeep evaluates. Each service folder lists its own controls in its index.ts (an
 * explicit list, no file-system discovery, so the build and the catalog test see the same set);
 * the catalog test checks that every control file on disk is listed.
 */
import { accountControls } from "./account";
import { cognitoControls } from "./cognito";
import { connectControls } from "./connect";
import { elasticacheControls } from "./elasticache";
import { iamControls } from "./iam";
import { personalizeControls } from "./personalize";
import type { Control } from "./types";

export const CONTROLS: readonly Control[] = [
  ...accountControls,
  ...iamControls,
  ...elasticacheControls,
  ...cognitoControls,
  ...personalizeControls,
  ...connectControls,
].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
