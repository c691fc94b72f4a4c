import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeOpenAI, startFakeOpenAI } from "./index";

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterEach(async () => {
  await fetch(`${fake.url}/_fake/reset`, { method: "POST" });
});
afterAll(() => fake.close());

const KEY = "sk-proj-faulty-key-0123456789abcd";
const models = (fault?: string, signal?: AbortSignal) =>
  fetch(`${fake.baseURL}/models`, {
    headers: { authorization: `Bearer ${KEY}`, ...(fault ? { "x-fake-fault": fault } : {}) },
    ...(signal ? { signal } : {}),
  });

describe("per-request faults (x-fake-fault)", () => {
  it("429 carries retry-after and OpenAI's rate-limit JSON", async () => {
    const res = await models("429");
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("1");
    expect((await res.json()).error).toMatchObject({ type: "requests", code: "rate_limit_exceeded" });
  });

  it("the SDK surfaces 429 as RateLimitError", async () => {
    const openai = new OpenAI({ apiKey: KEY, baseURL: fake.baseURL, maxRetries: 0 });
    await expect(openai.models.list({ headers: { "x-fake-fault": "429" } })).rejects.toBeInstanceOf(OpenAI.RateLimitError);
  });

  it.each(["500", "503"])("%s is a server_error", async (code) => {
    const res = await models(code);
    expect(res.status).toBe(Number(code));
    expect((await res.json()).error.type).toBe("server_error");
  });

  it("slow:N delays the answer", async () => {
    const started = Date.now();
    const res = await models("slow:300");
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("timeout never answers until the client aborts", async () => {
    const started = Date.now();
    await expect(models("timeout", AbortSignal.timeout(400))).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    const openai = new OpenAI({ apiKey: KEY, baseURL: fake.baseURL, maxRetries: 0, timeout: 300 });
    await expect(openai.models.list({ headers: { "x-fake-fault": "timeout" } })).rejects.toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
  });

  it("malformed answers 200 with invalid JSON", async () => {
    const res = await models("malformed");
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toThrow();
  });
});

describe("global faults (control API)", () => {
  const addFault = (rule: object) => fetch(`${fake.url}/_fake/faults`, { method: "POST", body: JSON.stringify(rule) });

  it("applies to a path prefix for count requests", async () => {
    expect((await addFault({ fault: "500", path: "/v1/models", count: 2 })).status).toBe(201);
    expect((await models()).status).toBe(500);
    expect((await models()).status).toBe(500);
    expect((await models()).status).toBe(200);
  });

  it("a rule with a key hits only requests with that key, and is not used up by others", async () => {
    expect((await addFault({ fault: "500", path: "/v1/models", key: "faulty-key", count: 1 })).status).toBe(201);
    const other = () => fetch(`${fake.baseURL}/models`, { headers: { authorization: "Bearer sk-proj-someone-else-fake-0000" } });
    expect((await other()).status).toBe(200);
    expect((await models()).status).toBe(500);
    expect((await models()).status).toBe(200);
    expect((await addFault({ fault: "500", key: "" })).status).toBe(400);
  });

  it("matches a regex path and leaves other paths alone", async () => {
    await addFault({ fault: "503", path: "^/v1/organization/" });
    const usage = await fetch(`${fake.baseURL}/organization/costs?start_time=0`, { headers: { authorization: "Bearer sk-admin-x-1234" } });
    expect(usage.status).toBe(503);
    expect((await models()).status).toBe(200);
  });

  it("supports every fault kind and clears via POST {clear:true} and DELETE", async () => {
    await addFault({ fault: "429" });
    expect((await models()).status).toBe(429);
    await fetch(`${fake.url}/_fake/faults`, { method: "POST", body: JSON.stringify({ clear: true }) });
    expect((await models()).status).toBe(200);

    await addFault({ fault: "malformed", count: 1 });
    await expect((await models()).json()).rejects.toThrow();

    await addFault({ fault: "slow:200", count: 1 });
    const started = Date.now();
    expect((await models()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);

    await addFault({ fault: "timeout" });
    await expect(models(undefined, AbortSignal.timeout(200))).rejects.toThrow();
    await fetch(`${fake.url}/_fake/faults`, { method: "DELETE" });
    expect((await models()).status).toBe(200);
  });

  it("rejects unknown faults", async () => {
    expect((await addFault({ fault: "418" })).status).toBe(400);
  });
});

describe("request log", () => {
  it("records requests with secrets redacted", async () => {
    await models();
    const openai = new OpenAI({ apiKey: KEY, baseURL: fake.baseURL, maxRetries: 0 });
    const secret = await openai.realtime.clientSecrets.create({
      session: { type: "realtime", model: "gpt-realtime", instructions: `never log ${KEY}` },
    });
    await fetch(`${fake.baseURL}/models`, { headers: { authorization: `Bearer ${secret.value}` } });
    const log = await (await fetch(`${fake.url}/_fake/requests`)).json();
    const text = JSON.stringify(log);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(secret.value);
    const first = log.data[0];
    expect(first).toMatchObject({ method: "GET", path: "/v1/models", status: 200 });
    expect(first.headers.authorization).toBe("Bearer sk-…abcd");
    const create = log.data.find((r: { path: string }) => r.path === "/v1/realtime/client_secrets");
    expect(create.body.session.instructions).toBe("never log sk-…abcd");
    expect(log.data.at(-1).headers.authorization).toBe(`Bearer ek_…${secret.value.slice(-4)}`);
  });

  it("records the fault applied", async () => {
    await models("503");
    const log = await (await fetch(`${fake.url}/_fake/requests?path=/v1/models`)).json();
    expect(log.data.at(-1)).toMatchObject({ status: 503, fault: "503" });
  });
});
