import type { ConnectInstance } from "@/lib/inventory";
import type { Control, ResourceResult } from "../types";
import { connectInstances, creationFailedResult, isCreationFailed, wasCollected } from "./scope";

const RESOURCE_TYPE = "Security profile";
const LIST_PROFILES = "connect:ListSecurityProfiles";

/**
 * The profiles Connect creates with every instance. Their names are AWS's, so reasons can use them;
 * custom profile names are free text (possibly personal), so reasons use the profile id instead.
 */
const DEFAULT_PROFILES = new Set(["Admin", "Agent", "CallCenterManager", "QualityAnalyst"]);
const ADMIN_PROFILE = "Admin";

/**
 * Per-profile user counts need connect:SearchUsers, which the scanner's read-only policy does not
 * grant (docs/controls.md#permissions), so this control never has counts and never warns about them.
 */
const NO_COUNTS = "user counts are not collected (Safekeep does not call connect:SearchUsers)";

function review(instance: ConnectInstance): ResourceResult[] {
  if (isCreationFailed(instance)) return [creationFailedResult(instance)];
  // Not listed: the runner reports the failed call; an empty list would look like "no profiles".
  if (!wasCollected(instance, LIST_PROFILES)) return [];
  return instance.securityProfiles.map((profile): ResourceResult => {
    const isDefault = DEFAULT_PROFILES.has(profile.name);
    const isAdmin = profile.name === ADMIN_PROFILE;
    const label = isDefault ? `${profile.name} (default)` : `${profile.id} (custom)`;
    const advice = isAdmin
      ? "it grants every permission on the instance: keep its holders to the few administrators who need it"
      : "review its permissions against the job duties of the users who hold it";
    return {
      resourceArn: profile.arn || `${instance.arn}/security-profile/${profile.id}`,
      resourceType: RESOURCE_TYPE,
      region: instance.region,
      status: "pass",
      reason: `Security profile ${label} on Connect instance ${instance.id}: ${advice}; ${NO_COUNTS}.`,
      evidence: {
        instanceId: instance.id,
        profileId: profile.id,
        awsDefaultProfile: isDefault,
        adminProfile: isAdmin,
        userCount: null,
      },
    };
  });
}

export const control: Control = {
  meta: {
    id: "connect.security-profiles-review",
    service: "connect",
    title: "Console access is governed by security profiles reviewed for least privilege",
    severity: "info",
    responsibility: "customer",
    recommendation: "least-privilege",
    seed: {
      file: "004_fb70acf13c3fd86e.txt",
      quote: "To manage who can access the Amazon Connect console, you must assign users security profiles.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Review each security profile's permissions and give agents, supervisors and administrators only the permissions their role needs; keep the Admin profile to a few users.",
      url: "https://docs.aws.amazon.com/connect/latest/adminguide/connect-security-profiles.html",
    },
    docs: ["https://docs.aws.amazon.com/connect/latest/adminguide/security-best-practices.html"],
    requires: ["connect:ListInstances", LIST_PROFILES],
    related: [],
    verdicts: [
      "pass: informational, one row per security profile of a live instance, with the review advice (the Admin profile grants everything); user counts are not collected.",
      "not applicable: the instance failed to create.",
      "error: ListSecurityProfiles failed for the instance.",
    ],
  },
  evaluate(inventory) {
    return connectInstances(inventory).flatMap(review);
  },
};
