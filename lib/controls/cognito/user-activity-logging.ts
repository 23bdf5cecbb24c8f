import type { Control, ResourceResult } from "../types";
import { userPools } from "./scope";

const RESOURCE_TYPE = "User pool";

export const control: Control = {
  meta: {
    id: "cognito.user-activity-logging",
    service: "cognito",
    title: "User pools export user activity logs",
    severity: "low",
    responsibility: "customer",
    recommendation: "logging",
    seed: { file: "001_38261b1fc1dc3dcd.txt", quote: "Set up API and user activity logging with AWS CloudTrail." },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Configure log delivery on the user pool: user notification errors to CloudWatch Logs, and (on the Plus plan) user authentication events to CloudWatch Logs, Amazon S3 or Amazon Data Firehose.",
      url: "https://docs.aws.amazon.com/cognito/latest/developerguide/exporting-quotas-and-usage.html",
    },
    docs: [
      "https://docs.aws.amazon.com/cognito/latest/developerguide/logging-using-cloudtrail.html",
      "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetLogDeliveryConfiguration.html",
    ],
    requires: ["cognito-idp:ListUserPools", "cognito-idp:DescribeUserPool", "cognito-idp:GetLogDeliveryConfiguration"],
    related: [],
    verdicts: [
      "pass: the user pool exports user activity logs (any log delivery configuration).",
      "warn: the pool exports no user activity logs (an empty answer and a not-found answer that does not say the pool is gone both count as none).",
      "error: GetLogDeliveryConfiguration, or the pool itself, could not be read.",
    ],
  },
  evaluate(inventory) {
    return userPools(inventory).flatMap((pool): ResourceResult[] => {
      // Undefined: the call failed, and the runner reports that as an error.
      const configurations = pool.logConfigurations;
      if (configurations === undefined) return [];
      const eventSources = [...new Set(configurations.map((c) => c.eventSource ?? "unknown"))];
      const base = {
        resourceArn: pool.arn,
        resourceType: RESOURCE_TYPE,
        region: pool.region,
        evidence: {
          logConfigurationCount: configurations.length,
          eventSources,
          destinations: [...new Set(configurations.map((c) => c.destination))],
        },
      };
      if (configurations.length === 0) {
        return [
          {
            ...base,
            status: "warn",
            reason: `User pool ${pool.id} exports no user activity logs, so only API calls recorded by CloudTrail show what happens in it.`,
          },
        ];
      }
      return [
        {
          ...base,
          status: "pass",
          reason: `User pool ${pool.id} exports user activity logs (${eventSources.join(", ")}).`,
        },
      ];
    });
  },
};
