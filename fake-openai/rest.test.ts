import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeOpenAI, MODELS, startFakeOpenAI } from "./index";

let fake: FakeOpenAI;
let openai: OpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
  openai = new OpenAI({ apiKey: "sk-proj-test-1234", baseURL: fake.baseURL, maxRetries: 0 });
});
afterAll(() => fake.close());

describe("models", () => {
  it("lists a fixed realistic list", async () => {
    const ids: string[] = [];
    for await (const model of openai.models.list()) ids.push(model.id);
    expect(ids).toEqual(MODELS.map((m) => m.id));
    expect(ids).toEqual(expect.arrayContaining(["gpt-realtime", "gpt-realtime-mini", "gpt-4o-mini", "gpt-4.1"]));
  });

  it("retrieves one model and 404s an unknown one", async () => {
    expect((await openai.models.retrieve("gpt-4.1")).owned_by).toBe("system");
    await expect(openai.models.retrieve("gpt-nope")).rejects.toMatchObject({ status: 404, code: "model_not_found" });
  });
});

describe("client secrets", () => {
  it("mints an ek_ that expires per expires_after and remembers the session", async () => {
    const before = Math.floor(Date.now() / 1000);
    const secret = await openai.realtime.clientSecrets.create({
      expires_after: { anchor: "created_at", seconds: 120 },
      session: {
        type: "realtime",
        model: "gpt-realtime-mini",
        instructions: "Be brief.",
        audio: { output: { voice: "cedar" } },
      },
    });
    expect(secret.value).toMatch(/^ek_/);
    expect(secret.expires_at - before).toBeGreaterThanOrEqual(119);
    expect(secret.expires_at - before).toBeLessThanOrEqual(121);
    expect(secret.session).toMatchObject({ type: "realtime", object: "realtime.session", model: "gpt-realtime-mini" });
    const issued = await (await fetch(`${fake.url}/_fake/issued`)).json();
    expect(issued.data.map((s: { value: string }) => s.value)).toContain(secret.value);
    expect(fake.state.issued.get(secret.value)?.session).toMatchObject({
      instructions: "Be brief.",
      audio: { output: { voice: "cedar" } },
    });
  });

  it("defaults to 600 s", async () => {
    const secret = await openai.realtime.clientSecrets.create({ session: { type: "realtime", model: "gpt-realtime" } });
    expect(secret.expires_at - Math.floor(Date.now() / 1000)).toBeGreaterThanOrEqual(599);
  });

  it.each([
    [{}, "session", "missing_required_parameter"],
    [{ session: { model: "gpt-realtime" } }, "session.type", "missing_required_parameter"],
    [{ session: { type: "chat", model: "gpt-realtime" } }, "session.type", "invalid_value"],
    [{ session: { type: "realtime" } }, "session.model", "missing_required_parameter"],
    [{ session: { type: "realtime", model: "gpt-4.1" } }, "session.model", "invalid_value"],
    [
      { session: { type: "realtime", model: "gpt-realtime", audio: { output: { voice: "robot" } } } },
      "session.audio.output.voice",
      "invalid_value",
    ],
    [
      { expires_after: { anchor: "created_at", seconds: 5 }, session: { type: "realtime", model: "gpt-realtime" } },
      "expires_after.seconds",
      "integer_below_min_value",
    ],
    [
      { expires_after: { anchor: "created_at", seconds: 7201 }, session: { type: "realtime", model: "gpt-realtime" } },
      "expires_after.seconds",
      "integer_above_max_value",
    ],
    [
      { expires_after: { anchor: "now", seconds: 60 }, session: { type: "realtime", model: "gpt-realtime" } },
      "expires_after.anchor",
      "invalid_value",
    ],
  ])("rejects %j", async (body, param, code) => {
    const res = await fetch(`${fake.baseURL}/realtime/client_secrets`, {
      method: "POST",
      headers: { authorization: "Bearer sk-proj-test-1234", "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ type: "invalid_request_error", param, code });
  });
});

describe("realtime call control", () => {
  it("404s actions on unknown calls", async () => {
    await expect(openai.realtime.calls.hangup("rtc_missing")).rejects.toMatchObject({ status: 404 });
    await expect(openai.realtime.calls.accept("rtc_missing", { type: "realtime" })).rejects.toMatchObject({ status: 404 });
    await expect(openai.realtime.calls.refer("rtc_missing", { target_uri: "tel:+1555" })).rejects.toMatchObject({ status: 404 });
    await expect(openai.realtime.calls.reject("rtc_missing")).rejects.toMatchObject({ status: 404 });
  });
});

describe("chat and responses", () => {
  it("answers chat completions as JSON", async () => {
    const completion = await openai.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "ping" }],
    });
    expect(completion.choices[0]?.message.content).toBe("You said: ping");
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
  });

  it("streams chat completions as SSE", async () => {
    const stream = await openai.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "stream this please" }],
      stream: true,
    });
    let text = "";
    let chunks = 0;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      chunks++;
    }
    expect(text).toBe("You said: stream this please");
    expect(chunks).toBeGreaterThan(3);
  });

  it("answers responses, streamed and not", async () => {
    const response = await openai.responses.create({ model: "gpt-4.1", input: "hello" });
    expect(response.output_text).toBe("You said: hello");
    const stream = await openai.responses.create({ model: "gpt-4.1", input: "hello", stream: true });
    let text = "";
    for await (const event of stream) if (event.type === "response.output_text.delta") text += event.delta;
    expect(text).toBe("You said: hello");
  });

  it("responses: a natural question calls the declared function (streamed), and its output comes back as one sentence", async () => {
    const tools = [
      {
        type: "function" as const,
        name: "get_openai_costs",
        parameters: {
          type: "object",
          properties: { startDate: { type: "string" }, endDate: { type: "string" } },
          required: ["startDate", "endDate"],
          additionalProperties: false,
        },
        strict: true,
      },
      {
        type: "function" as const,
        name: "get_proxy_health",
        parameters: { type: "object", properties: {}, required: [], additionalProperties: false },
        strict: true,
      },
    ];
    const stream = await openai.responses.create({ model: "gpt-4.1", input: "how much did we spend this week?", tools, stream: true });
    const types: string[] = [];
    let call: { name: string; arguments: string; call_id: string } | undefined;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === "response.output_item.done" && event.item.type === "function_call") call = event.item;
    }
    expect(types).toContain("response.function_call_arguments.done");
    expect(call?.name).toBe("get_openai_costs");
    const today = new Date().toISOString().slice(0, 10);
    expect(JSON.parse(call?.arguments ?? "{}")).toMatchObject({ endDate: today });
    const answer = await openai.responses.create({
      model: "gpt-4.1",
      tools,
      input: [
        { role: "user", content: "how much did we spend this week?" },
        { type: "function_call", call_id: call?.call_id ?? "", name: "get_openai_costs", arguments: call?.arguments ?? "{}" },
        {
          type: "function_call_output",
          call_id: call?.call_id ?? "",
          output: JSON.stringify({ start: "2026-11-15", end: "2026-11-22", totalUsd: 12.345 }),
        },
      ],
    });
    expect(answer.output_text).toBe("You spent $12.35 between 2026-11-15 and 2026-11-22.");
    const health = await openai.responses.create({ model: "gpt-4.1", input: "any 429s?", tools });
    expect(health.output[0]).toMatchObject({ type: "function_call", name: "get_proxy_health", arguments: "{}" });
  });

  it("responses: a drip fault spaces a streamed answer's deltas", async () => {
    const started = Date.now();
    const stream = await openai.responses.create(
      { model: "gpt-4.1", input: "one two three four", stream: true },
      { headers: { "x-fake-fault": "drip:60" } },
    );
    const gaps: number[] = [];
    let last = Date.now();
    for await (const event of stream) {
      if (event.type !== "response.output_text.delta") continue;
      gaps.push(Date.now() - last);
      last = Date.now();
    }
    expect(gaps).toHaveLength(6); // "You said: one two three four"
    expect(Date.now() - started).toBeGreaterThanOrEqual(6 * 55);
  });

  it("responses: 400 for a function tool without a valid name", async () => {
    await expect(
      openai.responses.create({
        model: "gpt-4.1",
        input: "x",
        tools: [{ type: "function", name: "bad name!", parameters: {}, strict: true }],
      }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it("404s unknown models", async () => {
    await expect(
      openai.chat.completions.create({ model: "gpt-unknown", messages: [{ role: "user", content: "x" }] }),
    ).rejects.toMatchObject({ status: 404, code: "model_not_found" });
  });
});
