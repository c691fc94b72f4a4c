import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { FAKE_OPENAI_URL } from "./support/env";
import { allowClientSecrets, relayCall, userWithKey } from "./support/realtime";

// Every option of the assistant's session policy reaches the session OpenAI receives, from the
// client_secrets body (token route) and the relay's multipart `session` part alike, and a key's
// OpenAI project and organization go with every call made with it.

interface Logged {
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/** The double's logged requests to `path` that carried this project header (other specs share the double). */
async function requestsFor(path: string, project: string): Promise<Logged[]> {
  const res = await fetch(`${FAKE_OPENAI_URL}/_fake/requests?path=${encodeURIComponent(path)}`);
  const { data } = (await res.json()) as { data: Logged[] };
  return data.filter((r) => r.path === path && r.headers["openai-project"] === project);
}

const scope = () => ({ project: `proj_e2e${randomBytes(6).toString("hex")}`, organization: `org-e2e${randomBytes(6).toString("hex")}` });

test("an admin saves semantic VAD eagerness low, language de and speed 1.1 in Settings → Assistant; the next client secret carries them", async ({
  browser,
}) => {
  const admin = await userWithKey(browser, "Policy");
  const { project, organization } = scope();
  const saved = await admin.api.put("/api/v1/llm/keys/openai", {
    data: { workspaceId: admin.workspaceId, apiKey: admin.apiKey, project, organization },
  });
  expect(saved.status()).toBe(200);
  expect(await saved.json()).toMatchObject({ openaiProject: project, openaiOrganization: organization });
  await allowClientSecrets(admin.api);

  await admin.page.goto("/settings/assistant");
  await admin.page.getByLabel("Turn detection").selectOption("semantic_vad");
  await admin.page.getByLabel("Eagerness").selectOption("low");
  await admin.page.getByLabel("Language").fill("de");
  await admin.page.getByLabel(/Speech speed/).fill("1.1");
  await admin.page.getByRole("button", { name: "Save assistant settings" }).click();
  await expect(admin.page.getByRole("status")).toContainText("Assistant settings saved");

  // The policy is cached for up to 10 s per server bundle: poll until a secret carries the save.
  await expect
    .poll(
      async () => {
        expect((await admin.api.post("/api/v1/realtime/token", { data: {} })).status()).toBe(200);
        const last = (await requestsFor("/v1/realtime/client_secrets", project)).at(-1);
        const session = (last?.body as { session?: { audio?: Record<string, Record<string, unknown>> } })?.session;
        return {
          turnDetection: session?.audio?.input?.turn_detection,
          language: (session?.audio?.input?.transcription as { language?: string })?.language,
          speed: session?.audio?.output?.speed,
          organization: last?.headers["openai-organization"],
        };
      },
      { timeout: 15_000 },
    )
    .toEqual({
      turnDetection: { type: "semantic_vad", eagerness: "low", create_response: true, interrupt_response: true },
      language: "de",
      speed: 1.1,
      organization,
    });

  // The page shows what was saved.
  await admin.page.reload();
  await expect(admin.page.getByLabel("Eagerness")).toHaveValue("low");
  await expect(admin.page.getByLabel("Language")).toHaveValue("de");
  await expect(admin.page.getByLabel(/Speech speed/)).toHaveValue("1.1");
  await admin.page.goto("/settings/keys");
  await expect(admin.page.getByTestId("slot-openai-workspace").getByTestId("key-project")).toHaveText(project);
});

test("every policy option reaches both the client_secrets body and the relay's session part; bad values are refused with the field named", async ({
  browser,
}) => {
  const admin = await userWithKey(browser, "PolicyAll");
  const { project, organization } = scope();
  expect(
    (
      await admin.api.put("/api/v1/llm/keys/openai", {
        data: { workspaceId: admin.workspaceId, apiKey: admin.apiKey, project, organization },
      })
    ).status(),
  ).toBe(200);
  await allowClientSecrets(admin.api);
  const current = (await (await admin.api.get("/api/v1/realtime/settings")).json()).settings;
  const { updatedAt: _u, ...settings } = current;

  const refused = await admin.api.put("/api/v1/realtime/settings", { data: { ...settings, speed: 2 } });
  expect(refused.status()).toBe(400);
  expect(JSON.stringify(await refused.json())).toContain("Speed is 1.5 at most.");
  const notEnabled = await admin.api.put("/api/v1/realtime/settings", {
    data: { ...settings, enabledTools: ["list_openai_models"], toolChoice: "get_proxy_health" },
  });
  expect(notEnabled.status()).toBe(400);
  expect(JSON.stringify(await notEnabled.json())).toContain("Tool choice names get_proxy_health, which is not enabled.");

  const policy = {
    ...settings,
    voice: "cedar",
    speed: 0.9,
    instructions: "Answer in German, briefly.",
    turnDetection: "server_vad",
    vadThreshold: 0.65,
    vadPrefixPaddingMs: 200,
    vadSilenceDurationMs: 700,
    transcriptionModel: "gpt-4o-transcribe",
    transcriptionLanguage: "de",
    transcriptionPrompt: "OpenCTO, Kubernetes",
    noiseReduction: "near_field",
    inputAudioFormat: "audio/pcmu",
    outputAudioFormat: "audio/pcma",
    truncation: "retention_ratio",
    truncationRetentionRatio: 0.7,
    promptId: "pmpt_e2epolicy",
    promptVersion: "3",
    maxOutputTokens: 600,
    toolChoice: "get_proxy_health",
  };
  expect((await admin.api.put("/api/v1/realtime/settings", { data: policy })).status()).toBe(200);
  const expected = {
    type: "realtime",
    instructions: "Answer in German, briefly.",
    audio: {
      input: {
        format: { type: "audio/pcmu" },
        transcription: { model: "gpt-4o-transcribe", language: "de", prompt: "OpenCTO, Kubernetes" },
        noise_reduction: { type: "near_field" },
        turn_detection: { type: "server_vad", threshold: 0.65, prefix_padding_ms: 200, silence_duration_ms: 700 },
      },
      output: { format: { type: "audio/pcma" }, voice: "cedar", speed: 0.9 },
    },
    truncation: { type: "retention_ratio", retention_ratio: 0.7 },
    prompt: { id: "pmpt_e2epolicy", version: "3" },
    max_output_tokens: 600,
    tool_choice: { type: "function", name: "get_proxy_health" },
  };

  await expect
    .poll(
      async () => {
        expect((await admin.api.post("/api/v1/realtime/token", { data: {} })).status()).toBe(200);
        return ((await requestsFor("/v1/realtime/client_secrets", project)).at(-1)?.body as { session?: unknown })?.session;
      },
      { timeout: 15_000 },
    )
    .toMatchObject(expected);

  await relayCall(admin.api);
  const call = (await requestsFor("/v1/realtime/calls", project)).at(-1);
  expect(call?.headers["openai-organization"]).toBe(organization);
  expect((call?.body as { session?: unknown })?.session).toMatchObject(expected);
});
