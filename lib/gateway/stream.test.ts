import { describe, expect, it } from "vitest";
import { meterStream } from "./stream";
import { usageOfBody } from "./usage";

const encoder = new TextEncoder();

/** A source that yields each part when told to, so a test can see what was passed on before the end. */
function controlledSource() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  return { stream, push: (text: string) => controller.enqueue(encoder.encode(text)), end: () => controller.close() };
}

const chatChunk = (content: string) =>
  `data: ${JSON.stringify({ object: "chat.completion.chunk", choices: [{ index: 0, delta: { content } }] })}\n\n`;
const usageChunk = `data: ${JSON.stringify({ object: "chat.completion.chunk", choices: [], usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10, prompt_tokens_details: { cached_tokens: 2 } } })}\n\n`;

async function readOne(reader: ReadableStreamDefaultReader<Uint8Array>) {
  const { value } = await reader.read();
  return new TextDecoder().decode(value);
}

describe("meterStream", () => {
  it("passes each chat chunk on as it arrives, before the stream ends, and reads the usage chunk", async () => {
    const source = controlledSource();
    const { stream, usage } = meterStream(source.stream, { endpoint: "chat.completions", hideUsage: false });
    const reader = stream.getReader();
    source.push(chatChunk("Hel"));
    expect(await readOne(reader)).toBe(chatChunk("Hel"));
    source.push(chatChunk("lo"));
    expect(await readOne(reader)).toBe(chatChunk("lo"));
    source.push(usageChunk);
    expect(await readOne(reader)).toBe(usageChunk);
    source.push("data: [DONE]\n\n");
    source.end();
    expect(await readOne(reader)).toBe("data: [DONE]\n\n");
    expect((await reader.read()).done).toBe(true);
    expect(await usage).toMatchObject({ input_tokens: 7, output_tokens: 3, input_tokens_details: { cached_tokens: 2 } });
  });

  it("leaves out the usage chunk the caller did not ask for, even when an event is split across chunks", async () => {
    const source = controlledSource();
    const { stream, usage } = meterStream(source.stream, { endpoint: "chat.completions", hideUsage: true });
    const reader = stream.getReader();
    const first = chatChunk("Hi");
    source.push(first.slice(0, 10));
    source.push(first.slice(10));
    expect(await readOne(reader)).toBe(first);
    source.push(usageChunk.slice(0, 30));
    source.push(`${usageChunk.slice(30)}data: [DONE]\n\n`);
    source.end();
    expect(await readOne(reader)).toBe("data: [DONE]\n\n");
    expect((await reader.read()).done).toBe(true);
    expect((await usage)?.output_tokens).toBe(3);
  });

  it("reads a response's usage from response.completed and settles with null when the caller goes away", async () => {
    const completed = `event: response.completed\ndata: ${JSON.stringify({ type: "response.completed", response: { usage: { input_tokens: 5, output_tokens: 9, input_tokens_details: { cached_tokens: 0 } } } })}\n\n`;
    const done = controlledSource();
    const metered = meterStream(done.stream, { endpoint: "responses", hideUsage: false });
    done.push(`event: response.created\ndata: {"type":"response.created"}\n\n`);
    done.push(completed);
    done.end();
    const reader = metered.stream.getReader();
    while (!(await reader.read()).done);
    expect(await metered.usage).toMatchObject({ input_tokens: 5, output_tokens: 9 });

    const abandoned = controlledSource();
    const cut = meterStream(abandoned.stream, { endpoint: "responses", hideUsage: false });
    abandoned.push(`event: response.created\ndata: {"type":"response.created"}\n\n`);
    await cut.stream.cancel();
    expect(await cut.usage).toBeNull();
  });
});

describe("usageOfBody", () => {
  it("reads both spellings and never throws on a body it cannot read", () => {
    expect(usageOfBody("chat.completions", JSON.stringify({ usage: { prompt_tokens: 4, completion_tokens: 6 } }))).toMatchObject({
      input_tokens: 4,
      output_tokens: 6,
    });
    expect(usageOfBody("responses", JSON.stringify({ usage: { input_tokens: 1, output_tokens: 2 } }))).toMatchObject({ output_tokens: 2 });
    expect(usageOfBody("responses", "not json")).toBeNull();
    expect(usageOfBody("chat.completions", "null")).toBeNull();
  });
});
