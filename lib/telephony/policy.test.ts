import { describe, expect, it } from "vitest";
import { maskNumber, matchesPrefix, numberFromHeaders, referUri } from "./numbers";
import { type CallRules, decideCall } from "./policy";
import { telephonySettingsBody } from "./schemas";

const rules = (over: Partial<CallRules> = {}): CallRules => ({
  defaultAction: "accept",
  allowPrefixes: [],
  denyPrefixes: [],
  referTarget: null,
  rejectStatus: 603,
  ...over,
});

describe("numbers from SIP headers", () => {
  it("reads the caller from From and the dialled number from To, in the forms carriers send", () => {
    const headers = [
      { name: "From", value: '"Ann" <sip:+14155550123@sip.example.com>;tag=abc' },
      { name: "To", value: "<tel:+1-800-555-0199>" },
    ];
    expect(numberFromHeaders(headers, "from")).toBe("+14155550123");
    expect(numberFromHeaders(headers, "to")).toBe("+18005550199");
    expect(numberFromHeaders([{ name: "f", value: "sip:4930123456@host" }], "from")).toBe("+4930123456");
    expect(numberFromHeaders([{ name: "From", value: "<sip:anonymous@anonymous.invalid>" }], "from")).toBeNull();
    expect(numberFromHeaders([], "from")).toBeNull();
  });

  it("masks numbers so that no log or page holds one in full", () => {
    expect(maskNumber("+14155554567")).toBe("+1415•••4567");
    expect(maskNumber("+4930")).toBe("+•••30");
    expect(maskNumber("alice")).toBe("al•••");
    expect(maskNumber(null)).toBe("unknown");
  });

  it("matches E.164 prefixes and makes refer URIs", () => {
    expect(matchesPrefix("+14155550123", ["+44", "+1415"])).toBe(true);
    expect(matchesPrefix("+14165550123", ["+1415"])).toBe(false);
    expect(matchesPrefix(null, ["+1"])).toBe(false);
    expect(referUri("+14155550100")).toBe("tel:+14155550100");
    expect(referUri("sip:desk@pbx.example.com")).toBe("sip:desk@pbx.example.com");
  });
});

describe("call policy", () => {
  it("rejects a denied caller with the configured SIP status, even when also allowed", () => {
    expect(
      decideCall({
        from: "+14155550123",
        rules: rules({ denyPrefixes: ["+1415"], allowPrefixes: ["+1"], rejectStatus: 486 }),
        availability: "available",
      }),
    ).toEqual({
      action: "reject",
      statusCode: 486,
      reason: "denied",
    });
  });

  it("with an allow list, only listed callers get through (an anonymous caller is not listed)", () => {
    const allowUk = rules({ allowPrefixes: ["+44"] });
    expect(decideCall({ from: "+442071234567", rules: allowUk, availability: "available" }).action).toBe("accept");
    expect(decideCall({ from: "+14155550123", rules: allowUk, availability: "available" })).toMatchObject({
      action: "reject",
      reason: "not_allowed",
    });
    expect(decideCall({ from: null, rules: allowUk, availability: "available" })).toMatchObject({
      action: "reject",
      reason: "not_allowed",
    });
  });

  it("follows the default action: reject, or refer to the transfer target", () => {
    expect(decideCall({ from: "+1", rules: rules({ defaultAction: "reject", rejectStatus: 403 }), availability: "available" })).toEqual({
      action: "reject",
      statusCode: 403,
      reason: "policy",
    });
    expect(
      decideCall({ from: "+1", rules: rules({ defaultAction: "refer", referTarget: "tel:+14155550100" }), availability: "available" }),
    ).toEqual({ action: "refer", targetUri: "tel:+14155550100", reason: "policy" });
  });

  it("does not accept without budget: 480, or the transfer target when one is set", () => {
    expect(decideCall({ from: "+1", rules: rules(), availability: "over_budget" })).toEqual({
      action: "reject",
      statusCode: 480,
      reason: "unavailable",
    });
    expect(decideCall({ from: "+1", rules: rules({ referTarget: "tel:+14155550100" }), availability: "no_key" })).toEqual({
      action: "refer",
      targetUri: "tel:+14155550100",
      reason: "unavailable",
    });
  });
});

describe("settings body", () => {
  const valid = { defaultAction: "accept", allowPrefixes: [], denyPrefixes: ["+1900"], referTarget: null, rejectStatus: 603 };
  it("takes E.164 prefixes, a SIP status and a whsec_ secret", () => {
    expect(telephonySettingsBody.safeParse({ ...valid, secret: `whsec_${"A".repeat(32)}` }).success).toBe(true);
  });
  it("refuses what would break calls", () => {
    expect(telephonySettingsBody.safeParse({ ...valid, denyPrefixes: ["1900"] }).success).toBe(false);
    expect(telephonySettingsBody.safeParse({ ...valid, rejectStatus: 200 }).success).toBe(false);
    expect(telephonySettingsBody.safeParse({ ...valid, secret: "sk-fake-not-a-secret" }).success).toBe(false);
    // Not base64 (the verifier could not use it): refused on save, not at the first call.
    expect(telephonySettingsBody.safeParse({ ...valid, secret: `whsec_${"A".repeat(17)}` }).success).toBe(false);
    expect(telephonySettingsBody.safeParse({ ...valid, defaultAction: "refer" }).success).toBe(false);
    expect(telephonySettingsBody.safeParse({ ...valid, defaultAction: "refer", referTarget: "+14155550100" }).success).toBe(true);
  });
});
