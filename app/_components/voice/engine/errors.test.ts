import { describe, expect, it } from "vitest";
import { apiErrorFrom, networkError } from "../../api/errors";
import { toVoiceError } from "./errors";

describe("toVoiceError", () => {
  it("recovers our envelope from the SDK's failed SDP post", () => {
    const error = new Error('Realtime call request failed with status 424: {"error":"No key","code":"no_key_configured","status":424}');
    expect(toVoiceError(error)).toMatchObject({ kind: "no_key", message: "No key" });
    const refused = new Error(
      'Realtime call request failed with status 403: {"error":"Off","code":"client_secrets_disabled","status":403}',
    );
    expect(toVoiceError(refused).kind).toBe("client_secrets_disabled");
    expect(toVoiceError(new Error("ICE failed")).kind).toBe("connection");
  });

  it("sorts API errors into what the page explains", () => {
    const limited = apiErrorFrom(429, { error: "Too many.", code: "rate_limited", details: { retryAfterSeconds: 7 } });
    expect(toVoiceError(limited)).toMatchObject({ kind: "rate_limited", retryAfterSeconds: 7 });
    expect(toVoiceError(apiErrorFrom(424, { error: "Refused.", code: "upstream_key_rejected" })).kind).toBe("key_rejected");
    expect(toVoiceError(apiErrorFrom(503, null)).kind).toBe("upstream");
    expect(toVoiceError(apiErrorFrom(403, { error: "No.", code: "forbidden" })).kind).toBe("other");
    expect(toVoiceError(networkError()).kind).toBe("connection");
  });
});
