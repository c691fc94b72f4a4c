import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CUSTOMER, startMcpServer } from "../test-support/mcp-server";
import { type FakeOpenAI, startFakeOpenAI } from "./index";

// Remote MCP tools in POST /v1/responses: tools/list, an mcp_approval_request when the policy
// asks, and the answer to it in the next request (stateless input or previous_response_id).

let fake: FakeOpenAI;
let mcp: Awaited<ReturnType<typeof startMcpServer>>;
let openai: OpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
  mcp = await startMcpServer();
  openai = new OpenAI({ apiKey: "sk-proj-responses-mcp-1234", baseURL: fake.baseURL, maxRetries: 0 });
});
afterAll(async () => {
  await fake.close();
  await mcp.close();
});

const TOKEN = "crm-token-secret-5555";
const crm = (requireApproval: "always" | "never") => ({
  type: "mcp" as const,
  server_label: "crm",
  server_url: mcp.url,
  authorization: TOKEN,
  allowed_tools: ["lookup_customer"],
  require_approval: requireApproval,
});
const calls = () => mcp.requests.filter((r) => r.method === "tools/call").length;
type Item = { type: string; id?: string } & Record<string, unknown>;

async function streamed(body: OpenAI.Responses.ResponseCreateParamsStreaming) {
  const events: Array<{ type: string; item?: Item }> = [];
  for await (const event of await openai.responses.create(body)) events.push(event as (typeof events)[number]);
  const completed = events.at(-1) as unknown as { type: string; response: OpenAI.Responses.Response };
  expect(completed.type).toBe("response.completed");
  return { events, response: completed.response, output: completed.response.output as unknown as Item[] };
}

describe("remote MCP tools in POST /v1/responses", () => {
  it("asks for approval first, then calls the tool with the authorization once the next request approves", async () => {
    const before = calls();
    const question = { role: "user" as const, content: "please lookup customer cus_4711" };
    const first = await streamed({ model: "gpt-4.1", input: [question], tools: [crm("always")], stream: true, store: false });
    expect(first.output.map((i) => i.type)).toEqual(["mcp_list_tools", "mcp_approval_request"]);
    expect(first.output[0]).toMatchObject({ server_label: "crm", tools: [expect.objectContaining({ name: "lookup_customer" })] });
    const request = first.output[1] as Item;
    expect(request).toMatchObject({ server_label: "crm", name: "lookup_customer" });
    expect(JSON.parse(String(request.arguments))).toEqual({ customerId: "cus_4711" });
    expect(first.events.map((e) => e.type)).toContain("response.mcp_list_tools.completed");
    expect(first.events.some((e) => e.type === "response.output_item.done" && e.item?.type === "mcp_approval_request")).toBe(true);
    expect(first.response.output_text).toBe("");
    expect(JSON.stringify(first.events)).not.toContain(TOKEN);
    expect(calls()).toBe(before); // nothing sent before approval

    // Stateless: the earlier items come back in the input, then the answer.
    const approval = { type: "mcp_approval_response" as const, approval_request_id: String(request.id), approve: true };
    const input = [question, ...first.output, approval] as OpenAI.Responses.ResponseInput;
    const second = await streamed({ model: "gpt-4.1", input, tools: [crm("always")], stream: true, store: false });
    expect(second.output.map((i) => i.type)).toEqual(["mcp_call", "message"]);
    expect(second.output[0]).toMatchObject({ name: "lookup_customer", approval_request_id: request.id, error: null });
    expect(String(second.output[0]?.output)).toContain(CUSTOMER.name);
    expect(second.response.output_text).toBe(`Here is what I found: ${CUSTOMER.id}.`);
    expect(second.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(["response.mcp_call.in_progress", "response.mcp_call.completed"]),
    );
    expect(calls()).toBe(before + 1);
    expect(mcp.requests.filter((r) => r.method === "tools/call").at(-1)?.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("a denial over previous_response_id calls nothing and says it was declined", async () => {
    const before = calls();
    const first = await openai.responses.create({ model: "gpt-4.1", input: "lookup customer cus_9", tools: [crm("always")] });
    const request = first.output.find((i) => i.type === "mcp_approval_request");
    expect(request).toBeDefined();
    const denied = await openai.responses.create({
      model: "gpt-4.1",
      previous_response_id: first.id,
      input: [{ type: "mcp_approval_response", approval_request_id: String(request?.id), approve: false }],
      tools: [crm("always")],
    });
    expect(denied.output.map((i) => i.type)).toEqual(["message"]);
    expect(denied.output_text).toBe("You declined, so I did not use lookup_customer on crm.");
    expect(calls()).toBe(before);
  });

  it("a tool that needs no approval is called at once; an unknown approval or previous response is a 400", async () => {
    const direct = await openai.responses.create({ model: "gpt-4.1", input: "lookup customer cus_4711", tools: [crm("never")] });
    expect(direct.output.map((i) => i.type)).toEqual(["mcp_list_tools", "mcp_call", "message"]);
    expect(direct.output[1]).toMatchObject({ approval_request_id: null });
    expect(direct.output_text).toBe(`Here is what I found: ${CUSTOMER.id}.`);

    const plain = await openai.responses.create({ model: "gpt-4.1", input: "hello there", tools: [crm("always")] });
    expect(plain.output.map((i) => i.type)).toEqual(["mcp_list_tools", "message"]);

    const unknown = openai.responses.create({
      model: "gpt-4.1",
      input: [{ type: "mcp_approval_response", approval_request_id: "mcpr_nope", approve: true }],
      tools: [crm("always")],
    });
    await expect(unknown).rejects.toMatchObject({ status: 400, message: expect.stringContaining("mcpr_nope") });
    const gone = openai.responses.create({ model: "gpt-4.1", previous_response_id: "resp_nope", input: "hi" });
    await expect(gone).rejects.toMatchObject({ status: 400, code: "previous_response_not_found" });
    const bad = openai.responses.create({ model: "gpt-4.1", input: "hi", tools: [{ ...crm("always"), server_label: "9bad" }] });
    await expect(bad).rejects.toMatchObject({ status: 400, param: "tools[0].server_label" });
  });
});
