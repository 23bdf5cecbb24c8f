import { describe, expect, it } from "vitest";
import {
  isPolicyKept,
  parsePolicyDocument,
  toAccountSummary,
  toIamGroup,
  toIamRole,
  toIamUser,
  toManagedPolicy,
  toOidcProvider,
  toPasswordPolicy,
  toVirtualMfaDevice,
} from "./reshape";

const ACCOUNT = "111122223333";
/** What the API sends: RFC 3986 URL-encoded JSON. */
const encode = (document: object) => encodeURIComponent(JSON.stringify(document));

describe("parsePolicyDocument", () => {
  it("URL-decodes, parses, and turns single strings into lists", () => {
    const document = encode({
      Version: "2012-10-17",
      Statement: { Effect: "Allow", Action: "*", Resource: "*" },
    });
    expect(parsePolicyDocument(document)).toEqual([
      {
        effect: "Allow",
        actions: ["*"],
        notActions: undefined,
        resources: ["*"],
        notResources: undefined,
        hasCondition: false,
      },
    ]);
  });

  it("keeps NotAction, NotResource and whether a Condition applies", () => {
    const document = encode({
      Statement: [
        { Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: ["*"] },
        {
          Effect: "Deny",
          Action: ["s3:*"],
          NotResource: "arn:aws:s3:::logs/*",
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
        { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: {} },
      ],
    });
    expect(parsePolicyDocument(document)).toEqual([
      {
        effect: "Allow",
        actions: undefined,
        notActions: ["iam:*", "organizations:*"],
        resources: ["*"],
        notResources: undefined,
        hasCondition: false,
      },
      {
        effect: "Deny",
        actions: ["s3:*"],
        notActions: undefined,
        resources: undefined,
        notResources: ["arn:aws:s3:::logs/*"],
        hasCondition: true,
      },
      {
        effect: "Allow",
        actions: ["s3:GetObject"],
        notActions: undefined,
        resources: ["*"],
        notResources: undefined,
        hasCondition: false,
      },
    ]);
  });

  it("decodes characters the encoding escapes, such as spaces and slashes in ARNs", () => {
    const document = encode({
      Statement: [
        { Sid: "Read logs", Effect: "Allow", Action: "logs:Get*", Resource: "arn:aws:logs:*:*:log-group:/app/*" },
      ],
    });
    expect(document).toContain("%2F");
    expect(parsePolicyDocument(document)[0]?.resources).toEqual(["arn:aws:logs:*:*:log-group:/app/*"]);
  });

  it("accepts a document that is already plain JSON", () => {
    expect(parsePolicyDocument('{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}')).toHaveLength(1);
  });

  it.each([
    ["undefined", undefined],
    ["empty", ""],
    ["not JSON", "%7Bnot json"],
    ["bad escape", "%E0%A4%A"],
  ])("yields no statements for a %s document", (_name, document) => {
    expect(parsePolicyDocument(document)).toEqual([]);
  });

  it("skips statements without a valid Effect", () => {
    const document = encode({
      Statement: [{ Action: "*", Resource: "*" }, "junk", { Effect: "Allow", Action: "s3:*" }],
    });
    expect(parsePolicyDocument(document).map((s) => s.actions)).toEqual([["s3:*"]]);
  });
});

describe("IAM entities", () => {
  const inline = {
    PolicyName: "read",
    PolicyDocument: encode({ Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*" } }),
  };
  const attached = { PolicyName: "AdministratorAccess", PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" };

  it("maps a user with inline, attached, group and tag data", () => {
    expect(
      toIamUser({
        UserName: "deploy",
        UserId: "AIDAEXAMPLE",
        Arn: `arn:aws:iam::${ACCOUNT}:user/ci/deploy`,
        Path: "/ci/",
        GroupList: ["admins"],
        UserPolicyList: [inline],
        AttachedManagedPolicies: [attached, { PolicyName: "no-arn" }],
        Tags: [{ Key: "team", Value: "platform" }],
      }),
    ).toEqual({
      name: "deploy",
      arn: `arn:aws:iam::${ACCOUNT}:user/ci/deploy`,
      path: "/ci/",
      groups: ["admins"],
      inlinePolicies: [{ name: "read", statements: [expect.objectContaining({ actions: ["s3:GetObject"] })] }],
      attachedPolicies: [{ name: "AdministratorAccess", arn: "arn:aws:iam::aws:policy/AdministratorAccess" }],
      tags: [{ key: "team", value: "platform" }],
    });
  });

  it("maps groups and roles, missing lists becoming empty", () => {
    expect(toIamGroup({ GroupName: "ops", Arn: `arn:aws:iam::${ACCOUNT}:group/ops` })).toEqual({
      name: "ops",
      arn: `arn:aws:iam::${ACCOUNT}:group/ops`,
      path: undefined,
      inlinePolicies: [],
      attachedPolicies: [],
    });
    expect(
      toIamRole({
        RoleName: "AWSServiceRoleForElastiCache",
        Arn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/elasticache.amazonaws.com/AWSServiceRoleForElastiCache`,
        Path: "/aws-service-role/elasticache.amazonaws.com/",
        AssumeRolePolicyDocument: encode({ Statement: [] }),
        RolePolicyList: [inline],
      }),
    ).toMatchObject({
      name: "AWSServiceRoleForElastiCache",
      path: "/aws-service-role/elasticache.amazonaws.com/",
      inlinePolicies: [{ name: "read" }],
      attachedPolicies: [],
      tags: [],
    });
  });

  it("reads a managed policy's default version only", () => {
    const policy = toManagedPolicy({
      PolicyName: "Legacy",
      Arn: `arn:aws:iam::${ACCOUNT}:policy/Legacy`,
      Path: "/",
      Description: "old",
      AttachmentCount: 2,
      DefaultVersionId: "v2",
      PolicyVersionList: [
        {
          VersionId: "v1",
          IsDefaultVersion: false,
          Document: encode({ Statement: { Effect: "Allow", Action: "*", Resource: "*" } }),
        },
        {
          VersionId: "v2",
          IsDefaultVersion: true,
          Document: encode({ Statement: { Effect: "Allow", Action: "s3:*", Resource: "*" } }),
        },
      ],
    });
    expect(policy).toMatchObject({
      name: "Legacy",
      description: "old",
      attachmentCount: 2,
      awsManaged: false,
      statements: [{ actions: ["s3:*"] }],
    });
  });

  it("falls back to DefaultVersionId when no version is flagged default", () => {
    const policy = toManagedPolicy({
      Arn: "arn:aws-us-gov:iam::aws:policy/AdministratorAccess",
      DefaultVersionId: "v1",
      PolicyVersionList: [
        { VersionId: "v1", Document: encode({ Statement: { Effect: "Allow", Action: "*", Resource: "*" } }) },
      ],
    });
    expect(policy).toMatchObject({ awsManaged: true, attachmentCount: 0, statements: [{ actions: ["*"] }] });
  });

  it("keeps customer policies and only the AWS managed policies something is attached to", () => {
    const base = { name: "p", arn: "arn", statements: [] };
    expect(isPolicyKept({ ...base, awsManaged: false, attachmentCount: 0 })).toBe(true);
    expect(isPolicyKept({ ...base, awsManaged: true, attachmentCount: 1 })).toBe(true);
    expect(isPolicyKept({ ...base, awsManaged: true, attachmentCount: 0 })).toBe(false);
  });
});

describe("account-level shapes", () => {
  it("reads the root user's part of the account summary", () => {
    expect(
      toAccountSummary({ AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, AccountPasswordPresent: 1, Users: 30 }),
    ).toEqual({ accountMfaEnabled: true, accountAccessKeysPresent: false, accountPasswordPresent: true });
    expect(toAccountSummary({ AccountMFAEnabled: 0, AccountAccessKeysPresent: 2 })).toEqual({
      accountMfaEnabled: false,
      accountAccessKeysPresent: true,
      accountPasswordPresent: undefined,
    });
  });

  it("maps the password policy", () => {
    expect(
      toPasswordPolicy({
        MinimumPasswordLength: 14,
        RequireSymbols: true,
        RequireNumbers: true,
        RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: false,
        PasswordReusePrevention: 24,
        MaxPasswordAge: 90,
        ExpirePasswords: true,
        HardExpiry: false,
        AllowUsersToChangePassword: true,
      }),
    ).toEqual({
      minimumPasswordLength: 14,
      requireSymbols: true,
      requireNumbers: true,
      requireUppercaseCharacters: true,
      requireLowercaseCharacters: false,
      passwordReusePrevention: 24,
      maxPasswordAge: 90,
      expirePasswords: true,
      hardExpiry: false,
      allowUsersToChangePassword: true,
    });
  });

  it("keeps only the serial number and user of a virtual MFA device, never its seed or QR code", () => {
    const device = toVirtualMfaDevice({
      SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/root-account-mfa-device`,
      Base32StringSeed: new TextEncoder().encode("SECRETSEED"),
      QRCodePNG: new Uint8Array([1, 2, 3]),
      User: {
        Arn: `arn:aws:iam::${ACCOUNT}:root`,
        UserName: "root",
        UserId: ACCOUNT,
        Path: "/",
        CreateDate: new Date(),
      },
      EnableDate: new Date(),
    });
    expect(device).toEqual({
      serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/root-account-mfa-device`,
      userArn: `arn:aws:iam::${ACCOUNT}:root`,
    });
    expect(JSON.stringify(device)).not.toContain("SECRETSEED");
  });

  it.each([
    ["token.actions.githubusercontent.com", "https://token.actions.githubusercontent.com"],
    ["oidc.eks.us-east-1.amazonaws.com/id/ABC", "https://oidc.eks.us-east-1.amazonaws.com/id/ABC"],
    ["https://already.example.com", "https://already.example.com"],
  ])("puts the scheme back on OIDC provider URL %s", (url, expected) => {
    expect(toOidcProvider("arn:oidc", { Url: url })).toEqual({ arn: "arn:oidc", url: expected });
  });

  it("drops an OIDC provider without a URL", () => {
    expect(toOidcProvider("arn:oidc", {})).toBeUndefined();
  });
});
