/** Every service the fake endpoint answers, by the signing name in the request's signature. */
import type { FakeService } from "../types";
import { account } from "./account";
import { cloudtrail } from "./cloudtrail";
import { cognitoIdentity, cognitoIdp } from "./cognito";
import { connect } from "./connect";
import { ec2 } from "./ec2";
import { elasticache } from "./elasticache";
import { firehose } from "./firehose";
import { iam } from "./iam";
import { kinesis } from "./kinesis";
import { kms } from "./kms";
import { macie } from "./macie";
import { organizations } from "./organizations";
import { personalize } from "./personalize";
import { s3 } from "./s3";
import { sts } from "./sts";
import { tagging } from "./tagging";

export const FAKE_SERVICES: Record<string, FakeService> = Object.fromEntries(
  [
    account,
    cloudtrail,
    cognitoIdentity,
    cognitoIdp,
    connect,
    ec2,
    elasticache,
    firehose,
    iam,
    kinesis,
    kms,
    macie,
    organizations,
    personalize,
    s3,
    sts,
    tagging,
  ].map((service) => [service.model.signingName, service]),
);
