/**
 * FIPS endpoint availability (xc.fips-endpoints), copied from the SDK endpoint metadata
 * (botocore `data/endpoints.json`, 1.43.x: the "fips" variants of each service's endpoints) for the
 * partitions Safekeep scans. Static data: no API call tells which FIPS endpoints exist.
 *
 * Regenerate when AWS adds FIPS endpoints; a Region missing here is reported as "no FIPS endpoint
 * listed", never as a failure.
 */
import type { ServiceId } from "@/lib/inventory";

export type FipsServiceId =
  | "elasticache"
  | "cognito-idp"
  | "cognito-identity"
  | "personalize"
  | "connect"
  | "iam"
  | "sts"
  | "cloudtrail"
  | "macie2"
  | "kms";

export interface FipsService {
  id: FipsServiceId;
  name: string;
  /** CloudTrail `eventSource` of calls to the service, to count callers seen on its FIPS endpoint. */
  eventSource: string;
  /** Which scanned Safekeep service the row belongs to. */
  scannedAs: ServiceId;
  /** One endpoint per partition (IAM), keyed "global" below. */
  global: boolean;
  /**
   * Regions where the service is offered, per partition, for services not offered everywhere
   * (docs/controls.md#regions; newer Regions may be missing). Undefined: every Region of the partition.
   */
  offeredIn?: Readonly<Record<string, readonly string[]>>;
  /** FIPS hostname per partition and Region ("global" for a global service). */
  fipsEndpoints: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export const FIPS_SERVICES: readonly FipsService[] = [
  {
    id: "elasticache",
    name: "Amazon ElastiCache",
    eventSource: "elasticache.amazonaws.com",
    scannedAs: "elasticache",
    global: false,
    fipsEndpoints: {
      aws: {
        "us-east-1": "elasticache-fips.us-east-1.amazonaws.com",
        "us-east-2": "elasticache-fips.us-east-2.amazonaws.com",
        "us-west-1": "elasticache-fips.us-west-1.amazonaws.com",
        "us-west-2": "elasticache-fips.us-west-2.amazonaws.com",
      },
      "aws-us-gov": {
        "us-gov-west-1": "elasticache.us-gov-west-1.amazonaws.com",
      },
    },
  },
  {
    id: "cognito-idp",
    name: "Amazon Cognito user pools",
    eventSource: "cognito-idp.amazonaws.com",
    scannedAs: "cognito",
    global: false,
    fipsEndpoints: {
      aws: {
        "us-east-1": "cognito-idp-fips.us-east-1.amazonaws.com",
        "us-east-2": "cognito-idp-fips.us-east-2.amazonaws.com",
        "us-west-1": "cognito-idp-fips.us-west-1.amazonaws.com",
        "us-west-2": "cognito-idp-fips.us-west-2.amazonaws.com",
      },
      "aws-us-gov": {
        "us-gov-west-1": "cognito-idp-fips.us-gov-west-1.amazonaws.com",
      },
    },
  },
  {
    id: "cognito-identity",
    name: "Amazon Cognito identity pools",
    eventSource: "cognito-identity.amazonaws.com",
    scannedAs: "cognito",
    global: false,
    fipsEndpoints: {
      aws: {
        "us-east-1": "cognito-identity-fips.us-east-1.amazonaws.com",
        "us-east-2": "cognito-identity-fips.us-east-2.amazonaws.com",
        "us-west-1": "cognito-identity-fips.us-west-1.amazonaws.com",
        "us-west-2": "cognito-identity-fips.us-west-2.amazonaws.com",
      },
      "aws-us-gov": {
        "us-gov-west-1": "cognito-identity-fips.us-gov-west-1.amazonaws.com",
      },
    },
  },
  {
    id: "personalize",
    name: "Amazon Personalize",
    eventSource: "personalize.amazonaws.com",
    scannedAs: "personalize",
    global: false,
    offeredIn: {
      aws: [
        "ap-northeast-1",
        "ap-northeast-2",
        "ap-south-1",
        "ap-southeast-1",
        "ap-southeast-2",
        "ca-central-1",
        "eu-central-1",
        "eu-west-1",
        "us-east-1",
        "us-east-2",
        "us-west-2",
      ],
      "aws-us-gov": [],
      "aws-cn": ["cn-north-1"],
    },
    fipsEndpoints: {},
  },
  {
    id: "connect",
    name: "Amazon Connect",
    eventSource: "connect.amazonaws.com",
    scannedAs: "connect",
    global: false,
    offeredIn: {
      aws: [
        "af-south-1",
        "ap-northeast-1",
        "ap-northeast-2",
        "ap-southeast-1",
        "ap-southeast-2",
        "ca-central-1",
        "eu-central-1",
        "eu-west-2",
        "us-east-1",
        "us-west-2",
      ],
      "aws-us-gov": ["us-gov-west-1"],
      "aws-cn": [],
    },
    fipsEndpoints: {
      aws: {
        "ca-central-1": "connect-fips.ca-central-1.amazonaws.com",
        "us-east-1": "connect-fips.us-east-1.amazonaws.com",
        "us-west-2": "connect-fips.us-west-2.amazonaws.com",
      },
      "aws-us-gov": {
        "us-gov-west-1": "connect.us-gov-west-1.amazonaws.com",
      },
    },
  },
  {
    id: "iam",
    name: "AWS IAM",
    eventSource: "iam.amazonaws.com",
    scannedAs: "iam",
    global: true,
    fipsEndpoints: {
      aws: {
        global: "iam-fips.amazonaws.com",
      },
      "aws-us-gov": {
        global: "iam.us-gov.amazonaws.com",
      },
    },
  },
  {
    id: "sts",
    name: "AWS STS",
    eventSource: "sts.amazonaws.com",
    scannedAs: "iam",
    global: false,
    fipsEndpoints: {
      aws: {
        "us-east-1": "sts-fips.us-east-1.amazonaws.com",
        "us-east-2": "sts-fips.us-east-2.amazonaws.com",
        "us-west-1": "sts-fips.us-west-1.amazonaws.com",
        "us-west-2": "sts-fips.us-west-2.amazonaws.com",
      },
      "aws-us-gov": {
        "us-gov-east-1": "sts.us-gov-east-1.amazonaws.com",
        "us-gov-west-1": "sts.us-gov-west-1.amazonaws.com",
      },
    },
  },
  {
    id: "cloudtrail",
    name: "AWS CloudTrail",
    eventSource: "cloudtrail.amazonaws.com",
    scannedAs: "account",
    global: false,
    fipsEndpoints: {
      aws: {
        "us-east-1": "cloudtrail-fips.us-east-1.amazonaws.com",
        "us-east-2": "cloudtrail-fips.us-east-2.amazonaws.com",
        "us-west-1": "cloudtrail-fips.us-west-1.amazonaws.com",
        "us-west-2": "cloudtrail-fips.us-west-2.amazonaws.com",
      },
      "aws-us-gov": {
        "us-gov-east-1": "cloudtrail.us-gov-east-1.amazonaws.com",
        "us-gov-west-1": "cloudtrail.us-gov-west-1.amazonaws.com",
      },
    },
  },
  {
    id: "macie2",
    name: "Amazon Macie",
    eventSource: "macie2.amazonaws.com",
    scannedAs: "account",
    global: false,
    offeredIn: {
      aws: [
        "af-south-1",
        "ap-east-1",
        "ap-northeast-1",
        "ap-northeast-2",
        "ap-northeast-3",
        "ap-south-1",
        "ap-southeast-1",
        "ap-southeast-2",
        "ca-central-1",
        "eu-central-1",
        "eu-north-1",
        "eu-south-1",
        "eu-west-1",
        "eu-west-2",
        "eu-west-3",
        "il-central-1",
        "me-south-1",
        "sa-east-1",
        "us-east-1",
        "us-east-2",
        "us-west-1",
        "us-west-2",
      ],
      "aws-us-gov": [],
      "aws-cn": [],
    },
    fipsEndpoints: {
      aws: {
        "us-east-1": "macie2-fips.us-east-1.amazonaws.com",
        "us-east-2": "macie2-fips.us-east-2.amazonaws.com",
        "us-west-1": "macie2-fips.us-west-1.amazonaws.com",
        "us-west-2": "macie2-fips.us-west-2.amazonaws.com",
      },
    },
  },
  {
    id: "kms",
    name: "AWS KMS",
    eventSource: "kms.amazonaws.com",
    scannedAs: "account",
    global: false,
    fipsEndpoints: {
      aws: {
        "af-south-1": "kms-fips.af-south-1.amazonaws.com",
        "ap-east-1": "kms-fips.ap-east-1.amazonaws.com",
        "ap-northeast-1": "kms-fips.ap-northeast-1.amazonaws.com",
        "ap-northeast-2": "kms-fips.ap-northeast-2.amazonaws.com",
        "ap-northeast-3": "kms-fips.ap-northeast-3.amazonaws.com",
        "ap-south-1": "kms-fips.ap-south-1.amazonaws.com",
        "ap-south-2": "kms-fips.ap-south-2.amazonaws.com",
        "ap-southeast-1": "kms-fips.ap-southeast-1.amazonaws.com",
        "ap-southeast-2": "kms-fips.ap-southeast-2.amazonaws.com",
        "ap-southeast-3": "kms-fips.ap-southeast-3.amazonaws.com",
        "ap-southeast-4": "kms-fips.ap-southeast-4.amazonaws.com",
        "ap-southeast-5": "kms-fips.ap-southeast-5.amazonaws.com",
        "ap-southeast-7": "kms-fips.ap-southeast-7.amazonaws.com",
        "ca-central-1": "kms-fips.ca-central-1.amazonaws.com",
        "ca-west-1": "kms-fips.ca-west-1.amazonaws.com",
        "eu-central-1": "kms-fips.eu-central-1.amazonaws.com",
        "eu-central-2": "kms-fips.eu-central-2.amazonaws.com",
        "eu-north-1": "kms-fips.eu-north-1.amazonaws.com",
        "eu-south-1": "kms-fips.eu-south-1.amazonaws.com",
        "eu-south-2": "kms-fips.eu-south-2.amazonaws.com",
        "eu-west-1": "kms-fips.eu-west-1.amazonaws.com",
        "eu-west-2": "kms-fips.eu-west-2.amazonaws.com",
        "eu-west-3": "kms-fips.eu-west-3.amazonaws.com",
        "il-central-1": "kms-fips.il-central-1.amazonaws.com",
        "me-central-1": "kms-fips.me-central-1.amazonaws.com",
        "me-south-1": "kms-fips.me-south-1.amazonaws.com",
        "mx-central-1": "kms-fips.mx-central-1.amazonaws.com",
        "sa-east-1": "kms-fips.sa-east-1.amazonaws.com",
        "us-east-1": "kms-fips.us-east-1.amazonaws.com",
        "us-east-2": "kms-fips.us-east-2.amazonaws.com",
        "us-west-1": "kms-fips.us-west-1.amazonaws.com",
        "us-west-2": "kms-fips.us-west-2.amazonaws.com",
      },
      "aws-us-gov": {
        "us-gov-east-1": "kms-fips.us-gov-east-1.amazonaws.com",
        "us-gov-west-1": "kms-fips.us-gov-west-1.amazonaws.com",
      },
    },
  },
];
