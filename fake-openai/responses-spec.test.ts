import fs from "node:fs";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMcpServer } from "../test-support/mcp-server";
import { startFakeOpenAI } from "./index";

// POST /v1/responses against OpenAI's OpenAPI spec: the response object and every streamed event
// of a function call and of a text answer satisfy their schemas (required fields, types, enums).

const SPEC_PATH = "/work/shared/openai-openapi/openapi.json";
const spec = fs.existsSync(SPEC_PATH)
  ? (JSON.parse(fs.readFileSync(SPEC_PATH, "utf8")) as { components: { schemas: Record<string, Schema> } })
  : null;

interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
}

const named = (ref: string) => spec!.components.schemas[ref.split("/").pop()!]!;

function violations(value: unknown, schema: Schema, at = "$"): string[] {
  if (schema.$ref) return violations(value, named(schema.$ref), at);
  if (schema.allOf) return schema.allOf.flatMap((s) => violations(value, s, at));
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return alternatives.some((s) => violations(value, s, at).length === 0) ? [] : [`${at}: matches no alternative`];
  if (schema.enum && !schema.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} not in enum`];
  const type = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
  if (schema.type === "integer" && !Number.isInteger(value)) return [`${at}: not an integer`];
  if (schema.type && schema.type !== "integer" && schema.type !== type) return [`${at}: ${type}, want ${schema.type}`];
  if (type === "array" && schema.items) return (value as unknown[]).flatMap((v, i) => violations(v, schema.items!, `${at}[${i}]`));
  if (type === "object") {
    const obj = value as Record<string, unknown>;
    return [
      ...(schema.required ?? []).filter((k) => !(k in obj)).map((k) => `${at}.${k}: missing`),
      ...Object.entries(schema.properties ?? {}).flatMap(([k, s]) => (k in obj ? violations(obj[k], s, `${at}.${k}`) : [])),
    ];
  }
  return [];
}

const EVENT_SCHEMAS: Record<string, string> = {
  "response.created": "ResponseCreatedEvent",
  "response.in_progress": "ResponseInProgressEvent",
  "response.output_item.added": "ResponseOutputItemAddedEvent",
  "response.output_item.done": "ResponseOutputItemDoneEvent",
  "response.function_call_arguments.delta": "ResponseFunctionCallArgumentsDeltaEvent",
  "response.function_call_arguments.done": "ResponseFunctionCallArgumentsDoneEvent",
  "response.content_part.added": "ResponseContentPartAddedEvent",
  "response.content_part.done": "ResponseContentPartDoneEvent",
  "response.output_text.delta": "ResponseTextDeltaEvent",
  "response.output_text.done": "ResponseTextDoneEvent",
  "response.completed": "ResponseCompletedEvent",
  "response.mcp_list_tools.in_progress": "ResponseMCPListToolsInProgressEvent",
  "response.mcp_list_tools.completed": "ResponseMCPListToolsCompletedEvent",
  "response.mcp_call_arguments.delta": "ResponseMCPCallArgumentsDeltaEvent",
  "response.mcp_call_arguments.done": "ResponseMCPCallArgumentsDoneEvent",
  "response.mcp_call.in_progress": "ResponseMCPCallInProgressEvent",
  "response.mcp_call.completed": "ResponseMCPCallCompletedEvent",
};

let fake: Awaited<ReturnType<typeof startFakeOpenAI>>;
let openai: OpenAI;
let mcp: Awaited<ReturnType<typeof startMcpServer>>;
beforeAll(async () => {
  fake = await startFakeOpenAI({ port: 0, seed: 3 });
  mcp = await startMcpServer();
  openai = new OpenAI({ apiKey: "sk-spec-check-abcdefgh", baseURL: fake.baseURL, maxRetries: 0 });
});
afterAll(async () => {
  await fake.close();
  await mcp.close();
});

const tools = [
  {
    type: "function" as const,
    name: "get_proxy_health",
    parameters: { type: "object", properties: {}, required: [], additionalProperties: false },
    strict: true,
  },
];

describe.skipIf(!spec)("POST /v1/responses against the OpenAPI spec", () => {
  it("a function call and a text answer, whole and streamed", async () => {
    for (const input of ["any 429s?", "hello there"]) {
      const whole = await openai.responses.create({ model: "gpt-4.1", input, tools });
      expect(violations(whole, { $ref: "Response" })).toEqual([]);
      const stream = await openai.responses.create({ model: "gpt-4.1", input, tools, stream: true });
      const seen: string[] = [];
      for await (const event of stream) {
        seen.push(event.type);
        const schema = EVENT_SCHEMAS[event.type];
        expect(schema, `${event.type} is an event we check`).toBeDefined();
        expect(violations(event, { $ref: schema! }), event.type).toEqual([]);
      }
      expect(seen.at(0)).toBe("response.created");
      expect(seen.at(-1)).toBe("response.completed");
    }
  });

  it("a remote MCP tool's approval request, and its call once approved, streamed", async () => {
    const crm = { type: "mcp" as const, server_label: "crm", server_url: mcp.url, require_approval: "always" as const };
    const question = { role: "user" as const, content: "lookup customer cus_4711" };
    const check = async (input: OpenAI.Responses.ResponseInput) => {
      const stream = await openai.responses.create({ model: "gpt-4.1", input, tools: [crm], stream: true, store: false });
      let output: OpenAI.Responses.ResponseOutputItem[] = [];
      for await (const event of stream) {
        const schema = EVENT_SCHEMAS[event.type];
        expect(schema, `${event.type} is an event we check`).toBeDefined();
        expect(violations(event, { $ref: schema! }), event.type).toEqual([]);
        if (event.type === "response.completed") output = event.response.output;
      }
      return output;
    };
    const asked = await check([question]);
    const request = asked.find((i) => i.type === "mcp_approval_request");
    const approval = { type: "mcp_approval_response", approval_request_id: String(request?.id), approve: true };
    const answered = await check([question, ...asked, approval] as unknown as OpenAI.Responses.ResponseInput);
    expect(answered.map((i) => i.type)).toEqual(["mcp_call", "message"]);
  });
});
