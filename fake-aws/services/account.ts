/**
 * AWS Account (restJson1): account:ListRegions, the inverse of lib/aws/account/regions.ts. The
 * scenario's `inventory.regions` are the account's Regions, all ENABLED_BY_DEFAULT; the
 * RegionOptStatusContains filter and MaxResults/NextToken paging are honoured. ListRegions is a POST
 * with a JSON body, so its members arrive under their own (PascalCase) names.
 */
import * as schemas from "@aws-sdk/client-account";
import { page } from "../paging";
import { FakeAwsError, type FakeService } from "../types";

const OPT_STATUS = "ENABLED_BY_DEFAULT";
const MAX_PAGE_SIZE = 50;

export const account: FakeService = {
  model: { signingName: "account", actionPrefix: "account", protocol: "rest-json", schemas },
  responders: {
    ListRegions: (request) => {
      const { MaxResults, NextToken, RegionOptStatusContains } = request.params;
      if (MaxResults !== undefined && !(Number(MaxResults) >= 1 && Number(MaxResults) <= MAX_PAGE_SIZE)) {
        throw new FakeAwsError(
          "ValidationException",
          `1 validation error detected: Value '${String(MaxResults)}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and ${MAX_PAGE_SIZE}`,
          400,
        );
      }
      const wanted = Array.isArray(RegionOptStatusContains) ? RegionOptStatusContains.map(String) : undefined;
      const regions = wanted && !wanted.includes(OPT_STATUS) ? [] : request.scenario.inventory.regions;
      const { items, next } = page(regions, NextToken, MaxResults, 20);
      return {
        Regions: items.map((name) => ({ RegionName: name, RegionOptStatus: OPT_STATUS })),
        NextToken: next,
      };
    },
  },
};
