import type { Control } from "../types";
import { control as cloudtrailKms } from "./cloudtrail-kms";
import { control as cloudtrailLogFileValidation } from "./cloudtrail-log-file-validation";
import { control as cloudtrailMultiregionLogging } from "./cloudtrail-multiregion-logging";
import { control as credentialsInUrls } from "./credentials-in-urls";
import { control as fipsEndpoints } from "./fips-endpoints";
import { control as iamUserConsoleMfa } from "./iam-user-console-mfa";
import { control as kmsKeyRotation } from "./kms-key-rotation";
import { control as kmsKeyUsable } from "./kms-key-usable";
import { control as macieAutomatedDiscovery } from "./macie-automated-discovery";
import { control as macieEnabled } from "./macie-enabled";
import { control as piiInNamesTags } from "./pii-in-names-tags";
import { control as rootAccessKeys } from "./root-access-keys";
import { control as rootMfa } from "./root-mfa";
import { control as tlsClientVersions } from "./tls-client-versions";

/** Account-level (`xc.*`) controls: the recommendations every seed page repeats. */
export const accountControls: readonly Control[] = [
  cloudtrailKms,
  cloudtrailLogFileValidation,
  cloudtrailMultiregionLogging,
  credentialsInUrls,
  fipsEndpoints,
  iamUserConsoleMfa,
  kmsKeyRotation,
  kmsKeyUsable,
  macieAutomatedDiscovery,
  macieEnabled,
  piiInNamesTags,
  rootAccessKeys,
  rootMfa,
  tlsClientVersions,
];
