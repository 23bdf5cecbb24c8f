import type { CacheUser, UserGroup } from "@/lib/inventory";
import type { Control, ResourceResult } from "../types";
import {
  ACTIONS,
  elasticacheRegions,
  isAttached,
  isLive,
  isOpenFullAccessUser,
  lookupsIn,
  parseAccessString,
  userLabel,
} from "./scope";

const RESOURCE_TYPE = "User group";

function judgeGroup(group: UserGroup, usersById: Map<string, CacheUser>): ResourceResult {
  const members = group.userIds.flatMap((id) => usersById.get(id) ?? []);
  // A member missing from the user list may be the open default user: it is never taken as safe.
  const unread = group.userIds.filter((id) => !usersById.has(id));
  const open = members.filter(isOpenFullAccessUser);
  const restricted = members.filter(
    (user) =>
      user.authenticationType === "no-password" &&
      parseAccessString(user.accessString).enabled &&
      !isOpenFullAccessUser(user),
  );
  const caches = [...group.replicationGroups, ...group.serverlessCaches];
  const base = {
    resourceArn: group.arn,
    resourceType: RESOURCE_TYPE,
    region: group.region,
    evidence: {
      engine: group.engine ?? null,
      attachedTo: caches,
      userIds: group.userIds,
      openFullAccessUserIds: open.map((user) => user.id),
      noPasswordUserIds: restricted.map((user) => user.id),
      unreadUserIds: unread,
    },
    dependsOn: lookupsIn(group.region, ACTIONS.userGroups, ACTIONS.users),
  };
  const where = `User group ${group.id} (used by ${caches.join(", ")})`;
  if (open.length > 0) {
    // Every group must keep a user named "default", so the fix is a swap rather than a removal.
    return {
      ...base,
      status: "fail",
      reason: `${where} contains ${open.map(userLabel).join(", ")}, which anyone can log in as without a password with access to every key and command; swap in a "default" user that is off or has a password.`,
    };
  }
  if (unread.length > 0) {
    return {
      ...base,
      status: "warn",
      reason: `${where} lists ${unread.join(", ")}, which could not be read, so it cannot be confirmed that no member logs in without a password.`,
    };
  }
  if (restricted.length > 0) {
    return {
      ...base,
      status: "warn",
      reason: `${where} contains enabled users without a password (${restricted.map(userLabel).join(", ")}), though their access is restricted.`,
    };
  }
  return {
    ...base,
    status: "pass",
    reason: `${where} has no enabled user that logs in without a password.`,
  };
}

export const control: Control = {
  meta: {
    id: "elasticache.rbac-default-user",
    service: "elasticache",
    title: "Attached user groups have no open, password-less full-access user",
    severity: "high",
    responsibility: "customer",
    recommendation: "least-privilege",
    seed: {
      file: "000_1318394cfcef3e54.txt",
      quote: "In this approach, each user is given only the permissions necessary to fulfill their job duties.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Create a replacement user with user name default that is disabled or password-protected with a least-privilege access string, and swap it into the user group in place of the open default user.",
      url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html",
    },
    docs: [],
    requires: [ACTIONS.userGroups, ACTIONS.users],
    related: [],
    verdicts: [
      "pass: a live user group that a cache uses has no enabled user that logs in without a password.",
      "warn: it holds enabled password-less users with restricted access, or lists a member missing from the user list that was read.",
      "fail: it holds an enabled, password-less user with every key and command (the AWS-created default user): anyone who reaches the cache can log in.",
      "error: DescribeUserGroups or DescribeUsers failed in that Region (groups no cache uses are not judged).",
    ],
  },
  evaluate(inventory) {
    return elasticacheRegions(inventory).flatMap((region) => {
      // User ids are unique per region, so members resolve within the group's own region.
      const usersById = new Map(region.users.map((user) => [user.id, user]));
      return region.userGroups
        .filter((group) => isLive(group.status) && isAttached(group))
        .map((group) => judgeGroup(group, usersById));
    });
  },
};
