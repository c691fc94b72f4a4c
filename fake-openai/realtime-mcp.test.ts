import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { CUSTOMER, startMcpServer } from "../test-support/mcp-server";
import { type FakeOpenAI, startFakeOpenAI } from "./index";

// The double's remote MCP tools: tools/list when a session gains an `mcp` tool, an
// mcp_approval_request when the policy asks, tools/call once approved (with the authorization).

let fake: FakeOpenAI;
let mcp: Awaited<ReturnType<typeof startMcpServer>>;
beforeAll(async () => {
  fake = await startFakeOpenAI();
  mcp = await startMcpServer();
});
afterAll(async () => {
  await fake.close();
  await mcp.close();
});

type Event = Record<string, unknown> & { type: string; item?: Record<string, unknown> };

async function openSession(requireApproval: unknown) {
  const ws = new WebSocket(`${fake.url.replace("http", "ws")}/v1/realtime?model=gpt-realtime`, {
    headers: { authorization: "Bearer sk-proj-mcp-test-1234" },
  });
  const events: Event[] = [];
  ws.on("message", (d) => events.push(JSON.parse(d.toString())));
  await new Promise((resolve) => ws.once("open", resolve));
  const send = (event: Record<string, unknown>) => ws.send(JSON.stringify(event));
  send({
    type: "session.update",
    session: {
      type: "realtime",
      output_modalities: ["text"],
      tools: [
        {
          type: "mcp",
          server_label: "crm",
          server_url: mcp.url,
          authorization: "crm-token-secret-9876",
          allowed_tools: ["lookup_customer"],
          require_approval: requireApproval,
        },
      ],
    },
  });
  const waitFor = async (match: (e: Event) => boolean, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = events.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`timed out; saw ${events.map((e) => e.type).join(", ")}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await waitFor((e) => e.type === "mcp_list_tools.completed");
  const ask = (text: string) => {
    send({ type: "conversation.item.create", item: { type: "message", role: "user", content: [{ type: "input_text", text }] } });
    send({ type: "response.create" });
  };
  return { ws, events, send, waitFor, ask };
}

describe("remote MCP tools in a Realtime session", () => {
  it("lists the allowed tools, never reports the authorization, asks for approval, and calls the tool once approved", async () => {
    const { ws, events, send, waitFor, ask } = await openSession("always");
    const listed = await waitFor((e) => e.type === "conversation.item.done" && e.item?.type === "mcp_list_tools");
    expect(listed.item).toMatchObject({ server_label: "crm", tools: [expect.objectContaining({ name: "lookup_customer" })] });
    expect(listed.item?.tools).toHaveLength(1);
    const updated = events.find((e) => e.type === "session.updated");
    expect(updated?.session).toMatchObject({ tools: [{ type: "mcp", server_label: "crm" }] });
    expect(JSON.stringify(events)).not.toContain("crm-token-secret-9876");

    ask("please lookup customer cus_4711");
    const request = await waitFor((e) => e.type === "response.output_item.done" && e.item?.type === "mcp_approval_request");
    expect(request.item).toMatchObject({ server_label: "crm", name: "lookup_customer" });
    expect(JSON.parse(String(request.item?.arguments))).toEqual({ customerId: "cus_4711" }); // the id the user said
    expect(mcp.requests.some((r) => r.method === "tools/call")).toBe(false);

    send({
      type: "conversation.item.create",
      item: { type: "mcp_approval_response", approval_request_id: request.item?.id, approve: true },
    });
    const call = await waitFor((e) => e.type === "response.output_item.done" && e.item?.type === "mcp_call");
    expect(call.item).toMatchObject({ server_label: "crm", name: "lookup_customer", approval_request_id: request.item?.id, error: null });
    expect(JSON.parse(String(call.item?.output))).toEqual(CUSTOMER);
    expect(events.some((e) => e.type === "response.mcp_call.completed")).toBe(true);
    const toolCall = mcp.requests.find((r) => r.method === "tools/call");
    expect(toolCall?.authorization).toBe("Bearer crm-token-secret-9876");

    // The model's next turn speaks from the tool's output.
    send({ type: "response.create" });
    const spoken = await waitFor((e) => e.type === "response.output_text.done");
    expect(spoken.text).toBe(`Here is what I found: ${CUSTOMER.id}.`);
    ws.close();
  });

  it("a denied request calls nothing, and a second answer to it is refused", async () => {
    const calls = mcp.requests.filter((r) => r.method === "tools/call").length;
    const { ws, events, send, waitFor, ask } = await openSession({ always: { tool_names: ["lookup_customer"] } });
    ask("lookup customer");
    const request = await waitFor((e) => e.type === "response.output_item.done" && e.item?.type === "mcp_approval_request");
    send({
      type: "conversation.item.create",
      item: { type: "mcp_approval_response", approval_request_id: request.item?.id, approve: false },
    });
    await waitFor((e) => e.type === "conversation.item.added" && e.item?.type === "mcp_approval_response");
    send({
      type: "conversation.item.create",
      event_id: "again",
      item: { type: "mcp_approval_response", approval_request_id: request.item?.id, approve: true },
    });
    const refused = await waitFor((e) => e.type === "error");
    expect(refused.error).toMatchObject({ param: "item.approval_request_id", event_id: "again" });
    await new Promise((r) => setTimeout(r, 200));
    expect(mcp.requests.filter((r) => r.method === "tools/call").length).toBe(calls);
    expect(events.some((e) => e.item?.type === "mcp_call")).toBe(false);
    ws.close();
  });

  it("calls a tool that needs no approval at once", async () => {
    const { ws, waitFor, ask } = await openSession("never");
    ask("lookup customer");
    const call = await waitFor((e) => e.type === "response.output_item.done" && e.item?.type === "mcp_call");
    expect(call.item?.approval_request_id).toBeNull();
    expect(JSON.parse(String(call.item?.output))).toEqual(CUSTOMER);
    ws.close();
  });

  it("rejects an mcp tool without a server_url or connector_id", async () => {
    const res = await fetch(`${fake.url}/v1/realtime/client_secrets`, {
      method: "POST",
      headers: { authorization: "Bearer sk-proj-mcp-test-1234", "content-type": "application/json" },
      body: JSON.stringify({ session: { type: "realtime", model: "gpt-realtime", tools: [{ type: "mcp", server_label: "crm" }] } }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.param).toBe("session.tools[0].server_url");
  });
});
