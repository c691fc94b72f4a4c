import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import OpenAI from "openai";
import { build } from "vite";
import { type FakeOpenAI, startFakeOpenAI } from "../fake-openai";
import type { HarnessState } from "../fake-openai/harness/main";
import { fakeMicLaunchOptions } from "./support/fake-mic";

test.use({
  permissions: ["microphone"],
  launchOptions: fakeMicLaunchOptions("webrtc"),
});

let fake: FakeOpenAI;
let harnessDir: string;

test.beforeAll(async () => {
  harnessDir = mkdtempSync(path.join(os.tmpdir(), "fake-openai-harness-"));
  await build({
    configFile: false,
    logLevel: "error",
    root: path.join(import.meta.dirname, "..", "fake-openai", "harness"),
    base: "/_fake/static/",
    build: { outDir: harnessDir, emptyOutDir: true },
  });
  fake = await startFakeOpenAI({ staticDir: harnessDir });
});

test.afterAll(async () => {
  await fake?.close();
  rmSync(harnessDir, { recursive: true, force: true });
});

type HarnessWindow = {
  harness: {
    state: HarnessState;
    start(opts: { apiKey: string; url: string }): Promise<void>;
    inboundAudio(): Promise<{ packetsReceived: number; totalAudioEnergy: number }>;
  };
};

test("Agents SDK over WebRTC: data channel events, spoken question, tool call, remote audio", async ({ page }) => {
  test.setTimeout(90_000);
  const openai = new OpenAI({ apiKey: "sk-proj-e2e-1234", baseURL: fake.baseURL });
  const secret = await openai.realtime.clientSecrets.create({ session: { type: "realtime", model: "gpt-realtime" } });

  await page.goto(`${fake.url}/_fake/static/index.html`);
  await page.waitForFunction(() => "harness" in window);
  await page.evaluate(({ apiKey, url }) => (window as unknown as HarnessWindow).harness.start({ apiKey, url }), {
    apiKey: secret.value,
    url: `${fake.baseURL}/realtime/calls`,
  });
  const state = () => page.evaluate(() => (window as unknown as HarnessWindow).harness.state);
  expect((await state()).status, (await state()).error).toBe("connected");

  const types = async () => (await state()).events.map((e) => e.type);
  await expect.poll(types).toContain("session.created");
  expect(await types()).toContain("session.updated");

  await expect.poll(types, { timeout: 20_000 }).toContain("input_audio_buffer.speech_started");
  await expect.poll(types, { timeout: 20_000 }).toContain("conversation.item.input_audio_transcription.completed");
  const transcript = (await state()).events.find((e) => e.type === "conversation.item.input_audio_transcription.completed");
  expect(transcript?.transcript).toBe("which models do we have?");

  await expect.poll(async () => (await state()).toolCalls).toEqual(["list_openai_models"]);
  await expect
    .poll(async () => JSON.stringify((await state()).history), { timeout: 15_000 })
    .toContain("Here is what I found: gpt-realtime.");
  await expect.poll(types).toContain("output_audio_buffer.started");

  expect((await state()).remoteTracks).toBeGreaterThan(0);
  const inboundAudio = () => page.evaluate(() => (window as unknown as HarnessWindow).harness.inboundAudio());
  await expect.poll(async () => (await inboundAudio()).packetsReceived, { timeout: 10_000 }).toBeGreaterThan(50);
  // Energy is counted as decoded audio plays out, which can trail packet arrival under load.
  await expect.poll(async () => (await inboundAudio()).totalAudioEnergy, { timeout: 10_000 }).toBeGreaterThan(0);

  const issued = (await (await fetch(`${fake.url}/_fake/issued`)).json()) as { data: Array<{ value: string }> };
  expect(issued.data.map((s) => s.value)).toContain(secret.value);
});
