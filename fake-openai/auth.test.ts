import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeOpenAI, startFakeOpenAI } from "./index";

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI({ revokedKeys: ["sk-configured-old-1234"] });
});
afterAll(() => fake.close());

const client = (apiKey: string) => new OpenAI({ apiKey, baseURL: fake.baseURL, maxRetries: 0 });
const admin = (adminAPIKey: string) => new OpenAI({ adminAPIKey, baseURL: fake.baseURL, maxRetries: 0 });

async function statusOf(promise: Promise<unknown>) {
  try {
    await promise;
    return { status: 200, error: undefined };
  } catch (error) {
    const e = error as InstanceType<typeof OpenAI.APIError>;
    return { status: e.status, error: e.error as { message: string; type: string; code: string | null; param: string | null } };
  }
}

describe("auth", () => {
  it("requires a bearer key", async () => {
    const res = await fetch(`${fake.baseURL}/models`);
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body.error).toMatchObject({ type: "invalid_request_error", param: null, code: null });
    expect(body.error.message).toContain("You didn't provide an API key");
  });

  it("accepts a standard key", async () => {
    expect((await statusOf(client("sk-proj-good-1234").models.list())).status).toBe(200);
  });

  it("rejects keys of an unknown shape", async () => {
    const { status, error } = await statusOf(client("not-a-key-12345678").models.list());
    expect(status).toBe(401);
    expect(error?.code).toBe("invalid_api_key");
  });

  it("rejects configured and conventional revoked keys with OpenAI's error JSON", async () => {
    for (const key of ["sk-configured-old-1234", "sk-proj-revoked-abcd"]) {
      const { status, error } = await statusOf(client(key).models.list());
      expect(status).toBe(401);
      expect(error).toMatchObject({ type: "invalid_request_error", param: null, code: "invalid_api_key" });
      expect(error?.message).toMatch(/^Incorrect API key provided: sk-/);
      expect(error?.message).not.toContain(key);
    }
  });

  it("revokes keys at runtime through the control API", async () => {
    await fetch(`${fake.url}/_fake/revoked`, { method: "POST", body: JSON.stringify({ key: "sk-later-9999" }) });
    expect((await statusOf(client("sk-later-9999").models.list())).status).toBe(401);
  });

  it("refuses a standard key on admin endpoints and an admin key elsewhere", async () => {
    const usage = await statusOf(client("sk-proj-good-1234").get("/organization/costs", { query: { start_time: 0 } }));
    expect(usage.status).toBe(401);
    expect(usage.error?.message).toContain("insufficient permissions");
    expect((await statusOf(admin("sk-admin-good-1234").admin.organization.usage.costs({ start_time: 0, end_time: 86400 }))).status).toBe(
      200,
    );
    const models = await statusOf(client("sk-admin-good-1234").models.list());
    expect(models.status).toBe(401);
  });

  it("refuses an ek_ secret on standard REST endpoints but accepts it for realtime calls", async () => {
    const secret = await client("sk-proj-good-1234").realtime.clientSecrets.create({
      session: { type: "realtime", model: "gpt-realtime" },
    });
    const { status, error } = await statusOf(client(secret.value).models.list());
    expect(status).toBe(401);
    expect(error?.message).toContain("Ephemeral client secrets");
    const call = await fetch(`${fake.baseURL}/realtime/calls`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret.value}`, "content-type": "application/sdp" },
      body: "not an sdp",
    });
    expect(call.status).toBe(400);
  });

  it("refuses unknown and expired ek_ secrets", async () => {
    const unknown = await fetch(`${fake.baseURL}/realtime/calls`, {
      method: "POST",
      headers: { authorization: "Bearer ek_unknown", "content-type": "application/sdp" },
      body: "v=0",
    });
    expect(unknown.status).toBe(401);
    const secret = await client("sk-proj-good-1234").realtime.clientSecrets.create({
      expires_after: { anchor: "created_at", seconds: 10 },
      session: { type: "realtime", model: "gpt-realtime" },
    });
    const issued = fake.state.issued.get(secret.value);
    if (!issued) throw new Error("secret not remembered");
    issued.expiresAt = Math.floor(Date.now() / 1000) - 1;
    const expired = await fetch(`${fake.baseURL}/realtime/calls`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret.value}`, "content-type": "application/sdp" },
      body: "v=0",
    });
    expect(expired.status).toBe(401);
    expect((await expired.json()).error.message).toContain("expired");
  });
});
