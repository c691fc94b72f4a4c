import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { upstreamError } from "@/lib/openai/errors";
import { realtimeSocketURL } from "@/lib/openai/realtime";
import { assistantSettingsSchema, DEFAULT_SETTINGS } from "./policy";
import { buildSessionConfig } from "./session-config";

describe("buildSessionConfig", () => {
  it("takes everything from the policy; the client only picks the voice", () => {
    const config = buildSessionConfig({ ...DEFAULT_SETTINGS, turnDetection: "none", enabledTools: ["get_proxy_health"] }, { voice: "ash" });
    expect(config.instructions).toBe(DEFAULT_SETTINGS.instructions);
    expect(config.audio.output.voice).toBe("ash");
    expect(config.audio.input.turn_detection).toBeNull();
    expect(config.tools.map((t) => t.name)).toEqual(["get_proxy_health"]);
  });
});

describe("assistantSettingsSchema", () => {
  it("refuses values outside the allow-lists and bounds", () => {
    expect(assistantSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, model: "gpt-5" }).success).toBe(false);
    expect(assistantSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, expiresAfterSeconds: 59 }).success).toBe(false);
    expect(assistantSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, enabledTools: ["rm_rf"] }).success).toBe(false);
    expect(
      assistantSettingsSchema.parse({ ...DEFAULT_SETTINGS, enabledTools: ["get_proxy_health", "get_proxy_health"] }).enabledTools,
    ).toEqual(["get_proxy_health"]);
  });
});

describe("upstreamError", () => {
  const apiError = (status: number, headers: Record<string, string> = {}) =>
    OpenAI.APIError.generate(status, { error: { message: "Incorrect API key provided: sk-abc***wxyz" } }, undefined, new Headers(headers));
  it("maps upstream statuses to our codes without the upstream message", () => {
    const rejected = upstreamError(apiError(401), "sk-…wxyz");
    expect([rejected.status, rejected.code]).toEqual([424, "upstream_key_rejected"]);
    expect(rejected.message).toContain("sk-…wxyz");
    const limited = upstreamError(apiError(429, { "retry-after": "7" }), "sk-…wxyz");
    expect([limited.status, limited.code, limited.headers?.["Retry-After"]]).toEqual([429, "upstream_rate_limited", "7"]);
    expect(upstreamError(apiError(503), "h").status).toBe(502);
    expect(upstreamError(new SyntaxError("Unexpected end of JSON"), "h").code).toBe("upstream_malformed");
    expect(upstreamError(new OpenAI.APIConnectionTimeoutError(), "h").status).toBe(504);
  });
});

describe("realtimeSocketURL", () => {
  it("derives ws(s) from OPENAI_BASE_URL", () => {
    process.env.OPENAI_BASE_URL = "http://127.0.0.1:4010/v1";
    expect(realtimeSocketURL({ call_id: "rtc_1" })).toBe("ws://127.0.0.1:4010/v1/realtime?call_id=rtc_1");
    process.env.OPENAI_BASE_URL = "https://gateway.internal/openai/v1/";
    expect(realtimeSocketURL({ model: "gpt-realtime" })).toBe("wss://gateway.internal/openai/v1/realtime?model=gpt-realtime");
    delete process.env.OPENAI_BASE_URL;
  });
});
