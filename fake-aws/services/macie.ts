/**
 * Amazon Macie (restJson1): the inverse of lib/aws/macie/reshape.ts, answering per Region from the
 * scenario's `inventory.accountWide.macie`. Macie reports "not enabled" and "you are a member
 * account" as AccessDeniedException, and so does the fake. A Region missing from the list has no
 * Macie session, as in an account that never enabled Macie there.
 */
import * as schemas from "@aws-sdk/client-macie2";
import type { MacieRegion } from "@/lib/inventory";
import { FakeAwsError, type FakeRequest, type FakeService } from "../types";

function regionOf(request: FakeRequest): MacieRegion | undefined {
  return request.scenario.inventory.accountWide?.macie?.find((m) => m.region === request.region);
}

/** The session of a Region where Macie is enabled or paused; Macie's own refusal otherwise. */
function sessionOf(request: FakeRequest): MacieRegion & { status: "ENABLED" | "PAUSED" } {
  const macie = regionOf(request);
  if (macie?.status === "ENABLED" || macie?.status === "PAUSED") return { ...macie, status: macie.status };
  throw new FakeAwsError("AccessDeniedException", "Macie is not enabled.", 403);
}

export const macie: FakeService = {
  model: { signingName: "macie2", actionPrefix: "macie2", protocol: "rest-json", schemas },
  responders: {
    GetMacieSession: (request) => {
      const session = sessionOf(request);
      const { account, startedAt } = request.scenario.inventory;
      const createdAt = new Date(startedAt);
      return {
        status: session.status,
        createdAt,
        updatedAt: createdAt,
        findingPublishingFrequency: "SIX_HOURS",
        serviceRole: `arn:${account.partition}:iam::${account.id}:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie`,
      };
    },
    GetAutomatedDiscoveryConfiguration: (request) => {
      const session = sessionOf(request);
      if (session.memberAccount) {
        throw new FakeAwsError(
          "AccessDeniedException",
          "Only the Macie administrator account can perform this action.",
          403,
        );
      }
      if (!session.automatedDiscovery) return {};
      const firstEnabledAt = new Date(request.scenario.inventory.startedAt);
      return { status: session.automatedDiscovery, firstEnabledAt, lastUpdatedAt: firstEnabledAt };
    },
  },
};
