import { describe, expect, it } from "vitest";
import {
  connectAllow,
  connectCredentialRow,
  connectIamUser,
  connectInstance,
  connectInventory,
} from "@/lib/inventory/builders";
import type { ConnectInstance, IamGroup, IamInventory, IamUser, ManagedPolicy, PolicyStatement } from "@/lib/inventory";
import { control, grantsConnect } from "./api-access-via-roles";

const now = new Date("2026-06-01T00:00:00Z");
const ADMIN_ARN = "arn:aws:iam::aws:policy/AdministratorAccess";

function iamWith(
  users: IamUser[],
  options: { activeKey?: boolean; policies?: ManagedPolicy[]; groups?: IamGroup[] } = {},
): IamInventory {
  return {
    authorization: { users, groups: options.groups ?? [], roles: [], policies: options.policies ?? [] },
    credentialReport: {
      generatedTime: "2026-05-31T00:00:00Z",
      rows: users.map((user) => connectCredentialRow(user.name, options.activeKey ?? true)),
    },
  };
}

function evaluate(iam: IamInventory | undefined, instances: Partial<ConnectInstance>[] = [{}]) {
  return control.evaluate(connectInventory({ instances: instances.map((i) => connectInstance(i)), iam }), { now });
}

function judgeUser(statements: PolicyStatement[], activeKey = true) {
  const user = connectIamUser("ci-bot", { inlinePolicies: [{ name: "ci", statements }] });
  return evaluate(iamWith([user], { activeKey }))[0];
}

describe("connect.api-access-via-roles", () => {
  it.each([
    {
      name: "no Connect permissions",
      statements: [connectAllow(["s3:GetObject"])],
      status: "pass",
      reason: /no policy allowing Connect actions/,
    },
    {
      name: "connect:* (data access)",
      statements: [connectAllow(["connect:*"])],
      status: "fail",
      reason: /may have access to Connect contact data/,
    },
    { name: "* (administrator)", statements: [connectAllow(["*"])], status: "fail", reason: /contact data/ },
    {
      name: "connect:Get* includes GetContactAttributes",
      statements: [connectAllow(["connect:Get*"])],
      status: "fail",
      reason: /connect:GetContactAttributes/,
    },
    {
      name: "connect:Search* includes SearchContacts",
      statements: [connectAllow(["connect:Search*"])],
      status: "fail",
      reason: /connect:SearchContacts/,
    },
    {
      name: "connect:List* only",
      statements: [connectAllow(["connect:List*"])],
      status: "warn",
      reason: /may call Connect APIs with them/,
    },
    {
      name: "an explicit configuration action",
      statements: [connectAllow(["connect:UpdateUserHierarchy"])],
      status: "warn",
      reason: /may call Connect APIs/,
    },
    {
      name: "NotAction that does not exclude Connect",
      statements: [
        { effect: "Allow", notActions: ["iam:*"], resources: ["*"], hasCondition: false } as PolicyStatement,
      ],
      status: "fail",
      reason: /contact data/,
    },
    {
      name: "NotAction that excludes all of Connect",
      statements: [
        { effect: "Allow", notActions: ["connect:*"], resources: ["*"], hasCondition: false } as PolicyStatement,
      ],
      status: "pass",
      reason: /no policy allowing Connect actions/,
    },
    {
      name: "conditions are ignored (may have access)",
      statements: [{ ...connectAllow(["connect:*"]), hasCondition: true }],
      status: "fail",
      reason: /conditions and denies were not evaluated/,
    },
  ])("$name → $status", ({ statements, status, reason }) => {
    const result = judgeUser(statements);
    expect(result?.status).toBe(status);
    expect(result?.reason).toMatch(reason);
    expect(result?.reason).toContain("IAM user ci-bot");
    expect(result?.region).toBe("global");
  });

  it("passes a user with Connect permissions but no active access key", () => {
    const result = judgeUser([connectAllow(["connect:*"])], false);
    expect(result?.status).toBe("pass");
    expect(result?.reason).toMatch(/no active access keys/);
  });

  it("reads group policies and collected managed policy documents", () => {
    const policy: ManagedPolicy = {
      name: "ConnectOps",
      arn: "arn:aws:iam::111122223333:policy/ConnectOps",
      attachmentCount: 1,
      awsManaged: false,
      statements: [connectAllow(["connect:DescribeContact"])],
    };
    const user = connectIamUser("ops", { groups: ["operators"] });
    const iam = iamWith([user], {
      policies: [policy],
      groups: [
        {
          name: "operators",
          arn: "arn:aws:iam::111122223333:group/operators",
          inlinePolicies: [],
          attachedPolicies: [{ name: "ConnectOps", arn: policy.arn }],
        },
      ],
    });
    const [result] = evaluate(iam);
    expect(result?.status).toBe("fail");
    expect(result?.evidence.policySources).toEqual([`group:operators/managed:${policy.arn}`]);
  });

  it.each([
    { policy: "AdministratorAccess", status: "fail" },
    { policy: "PowerUserAccess", status: "fail" },
    { policy: "AmazonConnect_FullAccess", status: "fail" },
    { policy: "AmazonConnectReadOnlyAccess", status: "fail" },
    { policy: "ReadOnlyAccess", status: "fail" },
    { policy: "AmazonS3ReadOnlyAccess", status: "pass" },
  ])("knows what $policy grants when its document was not collected → $status", ({ policy, status }) => {
    const user = connectIamUser("legacy", {
      attachedPolicies: [{ name: policy, arn: `arn:aws:iam::aws:policy/${policy}` }],
    });
    expect(evaluate(iamWith([user]))[0]?.status).toBe(status);
  });

  it("prefers a collected AWS managed policy document over the built-in knowledge", () => {
    const user = connectIamUser("admin", { attachedPolicies: [{ name: "AdministratorAccess", arn: ADMIN_ARN }] });
    const collected: ManagedPolicy = {
      name: "AdministratorAccess",
      arn: ADMIN_ARN,
      attachmentCount: 1,
      awsManaged: true,
      statements: [connectAllow(["s3:*"])],
    };
    expect(evaluate(iamWith([user], { policies: [collected] }))[0]?.status).toBe("pass");
  });

  it("masks user names that are e-mail addresses", () => {
    const user = connectIamUser("jane.doe@example.com", {
      inlinePolicies: [{ name: "x", statements: [connectAllow(["connect:*"])] }],
    });
    const [result] = evaluate(iamWith([user]));
    expect(result?.reason).toContain("IAM user j***@example.com");
    expect(result?.reason).not.toContain("jane.doe");
  });

  it("is evaluated only when a live Connect instance exists", () => {
    const iam = iamWith([
      connectIamUser("ci-bot", { inlinePolicies: [{ name: "x", statements: [connectAllow(["connect:*"])] }] }),
    ]);
    expect(evaluate(iam, [])).toEqual([]);
    expect(evaluate(iam, [{ status: "CREATION_FAILED" }])).toEqual([]);
    expect(evaluate(iam, [{}])).toHaveLength(1);
  });

  it("yields nothing when IAM data was not collected, and skips users missing from the credential report", () => {
    const user = connectIamUser("ci-bot");
    expect(evaluate(undefined)).toEqual([]);
    expect(evaluate({ authorization: iamWith([user]).authorization })).toEqual([]);
    expect(evaluate({ credentialReport: iamWith([user]).credentialReport })).toEqual([]);
    const late = iamWith([user]);
    late.authorization?.users.push(connectIamUser("created-after-report"));
    expect(evaluate(late).map((r) => r.resourceArn)).toEqual([user.arn]);
  });

  it("requires every call behind the credential report, so a denied report generation is an error, never not-applicable", () => {
    expect(control.meta.requires).toEqual(
      expect.arrayContaining([
        "iam:GetCredentialReport",
        "iam:GenerateCredentialReport",
        "iam:GetAccountAuthorizationDetails",
      ]),
    );
  });

  it("recognises which patterns reach Connect", () => {
    expect(grantsConnect(connectAllow(["conn*:Get*"]))).toBe(true);
    expect(grantsConnect(connectAllow(["connectcases:*"]))).toBe(false);
    expect(grantsConnect({ effect: "Deny", actions: ["connect:*"], hasCondition: false })).toBe(false);
  });
});
