import { describe, expect, it } from "vitest";
import { CONNECT_INSTANCE_ID, connectInstance, connectInventory } from "@/lib/inventory/builders";
import type { ConnectInstance } from "@/lib/inventory";
import { control } from "./identity-mfa";

const now = new Date("2026-06-01T00:00:00Z");

function evaluate(instance: Partial<ConnectInstance>) {
  return control.evaluate(connectInventory({ instances: [connectInstance(instance)] }), { now });
}

describe("connect.identity-mfa", () => {
  it.each([
    {
      type: "SAML",
      status: "pass",
      reason: /SAML 2.0 federation; verify that the identity provider or RADIUS server enforces MFA/,
    },
    { type: "EXISTING_DIRECTORY", status: "pass", reason: /existing AWS Directory Service directory; verify/ },
    {
      type: "CONNECT_MANAGED",
      status: "warn",
      reason: /stores users in Connect itself, so no external MFA enforcement is visible/,
    },
    { type: "SOMETHING_NEW", status: "warn", reason: /uses identity management type SOMETHING_NEW/ },
  ])("$type → $status", ({ type, status, reason }) => {
    const [result] = evaluate({ identityManagementType: type });
    expect(result?.status).toBe(status);
    expect(result?.reason).toMatch(reason);
    expect(result?.reason).toContain(CONNECT_INSTANCE_ID);
    expect(result?.evidence).toEqual({ identityManagementType: type });
  });

  it("says a new instance is needed to change the identity type", () => {
    expect(evaluate({ identityManagementType: "CONNECT_MANAGED" })[0]?.reason).toMatch(/new instance/);
  });

  it("marks a failed instance not-applicable and skips an unreported type", () => {
    expect(evaluate({ status: "CREATION_FAILED", identityManagementType: "CONNECT_MANAGED" })[0]?.status).toBe(
      "not-applicable",
    );
    expect(evaluate({ identityManagementType: undefined })).toEqual([]);
  });

  it("yields nothing without instances", () => {
    expect(control.evaluate(connectInventory({}), { now })).toEqual([]);
  });
});
