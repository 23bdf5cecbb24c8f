import * as schemas from "@aws-sdk/client-sts";
import type { FakeService } from "../types";

export const sts: FakeService = {
  model: {
    signingName: "sts",
    actionPrefix: "sts",
    protocol: "query",
    schemas,
    xmlNamespace: "https://sts.amazonaws.com/doc/2011-06-15/",
  },
  responders: {
    GetCallerIdentity: ({ scenario }) => ({
      Account: scenario.inventory.account.id,
      Arn: `arn:${scenario.inventory.account.partition}:iam::${scenario.inventory.account.id}:user/safekeep-scanner`,
      UserId: "AIDAFAKESCANNER000001",
    }),
  },
};
