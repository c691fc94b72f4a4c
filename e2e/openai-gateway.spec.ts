import fs from "node:fs";
import { type APIRequestContext, expect, test } from "@playwright/test";
import OpenAI, { type APIError } from "openai";
import type { TokenScope } from "@/db/enums";
import { APP_URL, E2E_DATA_DIR } from "./support/env";
import { allowClientSecrets, fake, userWithKey } from "./support/realtime";

// The OpenAI-compatible endpoints (/api/openai/v1) driven by the official `openai` SDK, exactly as
// a script would use them: a personal access token as the API key, the dashboard as the base URL.

const BASE_URL = `${APP_URL}/api/openai/v1`;

async function makeToken(api: APIRequestContext, workspaceId: string, scopes: TokenScope[]) {
  const res = await api.post("/api/v1/tokens", { data: { workspaceId, name: `Gateway ${scopes.join(" ")}`, scopes, expiresInDays: 7 } });
  expect(res.status()).toBe(201);
  return (await res.json()).token as { token: string; id: string };
}

const sdk = (apiKey: string, headers: Record<string, string> = {}) =>
  new OpenAI({ apiKey, baseURL: BASE_URL, maxRetries: 0, defaultHeaders: headers });

/** Words enough that the fake (10 ms a word) streams for a good while after its first chunk. */
const longPrompt = (tag: string) => `${tag} ${Array.from({ length: 40 }, (_, i) => `word${i}`).join(" ")}`;

interface LedgerRow {
  route: string;
  model: string | null;
  status: number;
  inputTokens: number;
  outputTokens: number;
  apiTokenId: string | null;
  userId: string;
}

async function ledger(api: APIRequestContext, workspaceId: string): Promise<LedgerRow[]> {
  const res = await api.get(`/api/v1/proxy-requests?workspaceId=${workspaceId}&limit=50`);
  expect(res.status()).toBe(200);
  return (await res.json()).requests;
}

test.describe("OpenAI-compatible endpoints", () => {
  test("the openai SDK works unchanged with a token: chat, streaming chat, responses, models, client secret; all in the ledger", async ({
    browser,
  }) => {
    const owner = await userWithKey(browser, "Gateway");
    await allowClientSecrets(owner.api);
    const { token, id: tokenId } = await makeToken(owner.api, owner.workspaceId, ["chat", "realtime:mint"]);
    const client = sdk(token);
    const seen: string[] = [];

    const { data: completion, response } = await client.chat.completions
      .create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "gateway hello" }] })
      .withResponse();
    expect(completion.choices[0]!.message.content).toBe("You said: gateway hello");
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get("x-opencto-trace-id")).toMatch(/^[0-9a-f]{32}$/);
    seen.push(JSON.stringify(completion));

    // Streaming: chunks arrive while the fake is still writing (10 ms a word), not all at the end.
    const started = Date.now();
    const stream = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: longPrompt("stream") }],
      stream: true,
    });
    const arrivals: number[] = [];
    let text = "";
    for await (const chunk of stream) {
      arrivals.push(Date.now() - started);
      // The gateway asks OpenAI for a usage chunk (for the ledger) but passes none the caller did not ask for.
      expect(chunk.choices.length, "no usage-only chunk").toBe(1);
      text += chunk.choices[0]!.delta.content ?? "";
      seen.push(JSON.stringify(chunk));
    }
    expect(text).toBe(`You said: ${longPrompt("stream")}`);
    expect(arrivals.length).toBeGreaterThan(40);
    expect(arrivals.at(-1)! - arrivals[0]!, `first chunk at ${arrivals[0]} ms, last at ${arrivals.at(-1)} ms`).toBeGreaterThan(250);

    const withUsage = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "count me" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let reported: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of withUsage) reported = chunk.usage ?? reported;
    expect(reported?.completion_tokens).toBeGreaterThan(0);

    const answer = await client.responses.create({ model: "gpt-4o-mini", input: "respond please" });
    expect(answer.output_text).toBe("You said: respond please");
    seen.push(JSON.stringify(answer));

    const events: string[] = [];
    let streamedText = "";
    for await (const event of await client.responses.create({ model: "gpt-4o-mini", input: longPrompt("events"), stream: true })) {
      events.push(event.type);
      if (event.type === "response.output_text.delta") streamedText += event.delta;
      seen.push(JSON.stringify(event));
    }
    expect(events[0]).toBe("response.created");
    expect(events.at(-1)).toBe("response.completed");
    expect(streamedText).toBe(`You said: ${longPrompt("events")}`);

    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toContain("gpt-4o-mini");
    seen.push(JSON.stringify(models.data));

    const secret = await client.realtime.clientSecrets.create({ session: { type: "realtime", audio: { output: { voice: "marin" } } } });
    expect(secret.value).toMatch(/^ek_/);
    expect(secret.expires_at).toBeGreaterThan(Date.now() / 1000);
    expect(await fake.issued()).toContain(secret.value);

    for (const body of seen) expect(body).not.toContain(owner.apiKey);

    // One ledger row per request, under the token and its member, with the tokens OpenAI reported.
    await expect.poll(async () => (await ledger(owner.api, owner.workspaceId)).filter((r) => r.apiTokenId === tokenId).length).toBe(7);
    const rows = (await ledger(owner.api, owner.workspaceId)).filter((r) => r.apiTokenId === tokenId);
    const byRoute = (route: string) => rows.filter((r) => r.route === route);
    expect(byRoute("openai_chat_completions")).toHaveLength(3);
    expect(byRoute("openai_responses")).toHaveLength(2);
    expect(byRoute("openai_models")).toHaveLength(1);
    expect(byRoute("openai_client_secrets")).toHaveLength(1);
    for (const row of [...byRoute("openai_chat_completions"), ...byRoute("openai_responses")]) {
      expect(row).toMatchObject({ status: 200, model: "gpt-4o-mini" });
      expect(row.inputTokens, row.route).toBeGreaterThan(0);
      expect(row.outputTokens, row.route).toBeGreaterThan(0);
    }
  });

  test("refusals come in OpenAI's error shape: no token, a session, an out-of-scope or revoked token, a bad request", async ({
    browser,
  }) => {
    const owner = await userWithKey(browser, "GatewayRefusals");
    const { token: usageOnly } = await makeToken(owner.api, owner.workspaceId, ["usage:read"]);
    const { token, id } = await makeToken(owner.api, owner.workspaceId, ["chat"]);
    const ask = (client: OpenAI) => client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });

    const notOurs = await ask(sdk("sk-not-an-opencto-token")).catch((e: unknown) => e);
    expect(notOurs).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((notOurs as APIError).message).toContain("OpenCTO API token");
    expect((notOurs as APIError).requestID).toMatch(/^[0-9a-f-]{36}$/);

    // A signed-in browser session is no credential here: these endpoints are for code.
    const session = await owner.api.post("/api/openai/v1/chat/completions", {
      data: { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] },
    });
    expect(session.status()).toBe(401);
    expect((await session.json()).error).toMatchObject({ type: "authentication_error", code: "unauthorized" });

    const scoped = await ask(sdk(usageOnly)).catch((e: unknown) => e);
    expect(scoped).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect((scoped as APIError).code).toBe("insufficient_scope");
    expect((scoped as APIError).message).toContain("chat");
    const secretScope = await sdk(token)
      .realtime.clientSecrets.create({})
      .catch((e: unknown) => e);
    expect((secretScope as APIError).status).toBe(403);

    const unknownModel = await sdk(token)
      .chat.completions.create({ model: "gpt-nonexistent", messages: [{ role: "user", content: "hi" }] })
      .catch((e: unknown) => e);
    expect(unknownModel).toBeInstanceOf(OpenAI.NotFoundError);
    expect((unknownModel as APIError).code).toBe("model_not_found");
    const noMessages = await sdk(token)
      .chat.completions.create({ model: "gpt-4o-mini", messages: [] })
      .catch((e: unknown) => e);
    expect(noMessages).toBeInstanceOf(OpenAI.BadRequestError);
    expect((noMessages as APIError).message).toContain("messages needs at least one message");

    expect((await owner.api.delete(`/api/v1/tokens/${id}?workspaceId=${owner.workspaceId}`)).status()).toBe(200);
    const revoked = await ask(sdk(token)).catch((e: unknown) => e);
    expect(revoked).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((revoked as APIError).message).toContain("revoked");
    for (const error of [notOurs, scoped, unknownModel, revoked]) expect(JSON.stringify(error)).not.toContain(owner.apiKey);
  });

  test("privacy mode: OpenAI is told not to store, and neither prompt nor completion reaches the server's log", async ({ browser }) => {
    const owner = await userWithKey(browser, "GatewayPrivacy");
    const { token } = await makeToken(owner.api, owner.workspaceId, ["chat"]);
    const marker = `privatemarker${Date.now().toString(36)}`;
    const client = sdk(token, { "x-opencto-privacy": "on" });
    const { data, response } = await client.chat.completions
      .create({ model: "gpt-4o-mini", messages: [{ role: "user", content: `${marker} secret plans` }], store: true })
      .withResponse();
    expect(data.choices[0]!.message.content).toContain(marker);
    expect(response.headers.get("x-opencto-privacy")).toBe("on");
    expect(await fake.lastRequestBody("/v1/chat/completions")).toMatchObject({ store: false });
    for await (const event of await client.responses.create({ model: "gpt-4o-mini", input: `${marker} streamed`, stream: true }))
      expect(event.type).toBeTruthy();
    expect(await fake.lastRequestBody("/v1/responses")).toMatchObject({ store: false });
    // Failures too: an upstream fault mid-request must not log what was asked.
    await fake.fault("500", "/v1/chat/completions");
    const failed = await client.chat.completions
      .create({ model: "gpt-4o-mini", messages: [{ role: "user", content: `${marker} failing` }] })
      .catch((e: unknown) => e);
    expect((failed as APIError).status).toBe(502);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const log = fs.readFileSync(`${E2E_DATA_DIR}/server.log`, "utf8");
    expect(log).toContain("request_failed");
    expect(log).not.toContain(marker);
  });
});
