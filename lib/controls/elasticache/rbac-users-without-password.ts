import type { CacheUser, UserGroup } from "@/lib/inventory";
import type { Control, Lookup, ResourceResult, Status } from "../types";
import {
  ACTIONS,
  elasticacheRegions,
  isAttached,
  isLive,
  isOpenFullAccessUser,
  lookupsIn,
  parseAccessString,
} from "./scope";

const RESOURCE_TYPE = "Cache user";

interface Verdict {
  status: Status;
  reason: string;
  /** Whether the verdict read the user groups (attachment), not only the user itself. */
  readGroups?: boolean;
}

/**
 * `attachedGroups`: the live groups that hold the user and are used by a cache. `unreadGroupIds`:
 * groups the user says it is in that the inventory does not hold, which may be attached.
 */
function verdict(user: CacheUser, attachedGroups: UserGroup[], unreadGroupIds: string[]): Verdict {
  const name = `User ${user.id}`;
  if (user.authenticationType === "iam") return { status: "pass", reason: `${name} authenticates with IAM.` };
  if (user.authenticationType === "password" && (user.passwordCount ?? 0) >= 1) {
    return { status: "pass", reason: `${name} authenticates with a password.` };
  }
  if (!parseAccessString(user.accessString).enabled) {
    return { status: "pass", reason: `${name} is disabled (off), so nobody can log in as it.` };
  }
  if (user.authenticationType === "no-password") {
    // Same condition as elasticache.rbac-default-user, so the two controls never disagree on one user.
    if (isOpenFullAccessUser(user)) {
      if (attachedGroups.length > 0) {
        return {
          status: "fail",
          reason: `${name} is enabled, has no password and has access to every key and command in attached user group ${attachedGroups.map((g) => g.id).join(", ")}.`,
          readGroups: true,
        };
      }
      if (unreadGroupIds.length > 0) {
        return {
          status: "warn",
          reason: `${name} is enabled, has no password and has access to every key and command; its user group ${unreadGroupIds.join(", ")} could not be read, so whether a cache uses it is unknown.`,
          readGroups: true,
        };
      }
      // Not attached: the user's own group list (or the groups that list it) says so.
      return {
        status: "warn",
        reason: `${name} is enabled but logs in without a password.`,
        readGroups: user.userGroupIds.length > 0,
      };
    }
    return { status: "warn", reason: `${name} is enabled but logs in without a password.` };
  }
  return {
    status: "warn",
    reason: `${name} is enabled but has no password on record (authentication ${user.authenticationType ?? "unknown"}).`,
  };
}

function dependsOn(user: CacheUser, readGroups: boolean | undefined): Lookup[] {
  return readGroups ? lookupsIn(user.region, ACTIONS.users, ACTIONS.userGroups) : lookupsIn(user.region, ACTIONS.users);
}

export const control: Control = {
  meta: {
    id: "elasticache.rbac-users-without-password",
    service: "elasticache",
    title: "Enabled RBAC users authenticate with a password or IAM",
    severity: "medium",
    responsibility: "customer",
    recommendation: "credentials",
    seed: {
      file: "000_1318394cfcef3e54.txt",
      quote:
        "For data protection purposes, we recommend that you protect AWS account credentials and set up individual user accounts with AWS Identity and Access Management (IAM).",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Set passwords or IAM authentication on enabled users, and keep users without a password switched off.",
      url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html",
    },
    docs: [],
    requires: [ACTIONS.users, ACTIONS.userGroups],
    related: [],
    verdicts: [
      "pass: a live RBAC user authenticates with IAM or a password, or is switched off.",
      "fail: an enabled, password-less user with every key and command is in a user group a cache uses.",
      "warn: an enabled user logs in without a password but has restricted access, or is in no user group a cache uses (or its group could not be found); or a password user has no password on record.",
      "error: DescribeUsers (or DescribeUserGroups, when attachment matters) failed in that Region.",
    ],
  },
  evaluate(inventory) {
    return elasticacheRegions(inventory).flatMap((region) => {
      const attached = region.userGroups.filter((group) => isLive(group.status) && isAttached(group));
      const known = new Set(region.userGroups.map((group) => group.id));
      return region.users
        .filter((user) => isLive(user.status))
        .map((user): ResourceResult => {
          const attachedGroups = attached.filter((group) => group.userIds.includes(user.id));
          const unreadGroupIds = user.userGroupIds.filter((id) => !known.has(id));
          const { readGroups, ...judged } = verdict(user, attachedGroups, unreadGroupIds);
          return {
            resourceArn: user.arn,
            resourceType: RESOURCE_TYPE,
            region: user.region,
            ...judged,
            dependsOn: dependsOn(user, readGroups),
            evidence: {
              authenticationType: user.authenticationType ?? null,
              passwordCount: user.passwordCount ?? null,
              accessString: user.accessString ?? null,
              attachedUserGroupIds: attachedGroups.map((group) => group.id),
              unreadUserGroupIds: unreadGroupIds,
            },
          };
        });
    });
  },
};
