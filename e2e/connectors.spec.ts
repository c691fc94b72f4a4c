import { expect, test } from "@playwright/test";
import { CUSTOMER, startMcpServer } from "../test-support/mcp-server";
import { fakeMicLaunchOptions } from "./support/fake-mic";
import { startSession, voiceStatus, voiceUser } from "./support/voice";

// Remote MCP servers end to end: an admin registers one in Settings → Connectors; on the Voice
// page the assistant wants one of its tools, which needs approval, so the page shows a card;
// Approve sends the mcp_approval_response, OpenAI (the double) calls the server with the saved
// token, the assistant answers from the result, and the call is in the audit with who approved it.

const SHOTS = "test-results/screenshots";
const TOKEN = "crm-e2e-access-token-24680";

test.use({ launchOptions: fakeMicLaunchOptions("connectors") });

let mcp: Awaited<ReturnType<typeof startMcpServer>>;
test.beforeAll(async () => {
  mcp = await startMcpServer();
});
test.afterAll(async () => mcp?.close());

test("a remote MCP tool needing approval shows a card; approving completes the call and audits it", async ({ browser }) => {
  test.setTimeout(120_000);
  const { page, user, api } = await voiceUser(browser);

  await page.goto("/settings/connectors");
  await expect(page.getByText("No connectors yet.")).toBeVisible();
  const form = page.getByRole("form", { name: "Add a connector" });
  await form.getByLabel("Label").fill("crm");
  await form.getByLabel("Server URL").fill(mcp.url);
  await form.getByLabel("Description (optional)").fill("Customer records");
  await form.getByLabel("Approval").selectOption("per_tool");
  await form.getByLabel("Tools that ask first").fill("lookup_customer");
  await form.getByLabel("Access token (optional)").fill(TOKEN);
  await form.getByRole("button", { name: "Add connector" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Connector crm added." })).toBeVisible();
  const listed = page.getByTestId("connectors");
  await expect(listed).toContainText("Asks first for: lookup_customer");
  await expect(listed).toContainText("Token …4680");
  await expect(page.locator("body")).not.toContainText(TOKEN);
  await page.screenshot({ path: `${SHOTS}/settings-connectors.png`, fullPage: true });

  // A label already taken is refused with a sentence.
  await form.getByLabel("Label").fill("crm");
  await form.getByLabel("Server URL").fill(mcp.url);
  await expect(form.getByLabel("Approval")).toHaveValue("always"); // the form starts over after an add
  await form.getByRole("button", { name: "Add connector" }).click();
  await expect(form.getByRole("alert")).toContainText('already has a connector labelled "crm"');

  await page.goto("/voice");
  await startSession(page);
  // The fake microphone asks about models first; once that is answered, the typed question goes.
  await expect(page.locator('[data-role="assistant"]').last()).toContainText("Here is what I found", { timeout: 20_000 });
  await page.getByLabel("Message").fill("please lookup customer cus_4711");
  await page.getByRole("button", { name: "Send" }).click();

  const card = page.getByTestId("approval-card");
  await expect(card).toHaveAttribute("data-status", "pending", { timeout: 15_000 });
  await expect(card).toContainText("lookup_customer");
  await expect(card).toContainText("crm");
  await expect(card).toContainText('"customerId": "cus_4711"');
  expect(mcp.requests.some((r) => r.method === "tools/call")).toBe(false); // nothing sent before approval
  await page.screenshot({ path: `${SHOTS}/voice-approval-card.png`, fullPage: true });

  await card.getByRole("button", { name: "Approve" }).click();
  await expect(card).toHaveAttribute("data-status", "done", { timeout: 15_000 });
  await expect(page.locator('[data-role="assistant"]').last()).toContainText(`Here is what I found: ${CUSTOMER.id}.`, {
    timeout: 15_000,
  });
  await card.getByRole("button", { name: "Show the answer" }).click();
  await expect(card).toContainText(CUSTOMER.name);
  await page.screenshot({ path: `${SHOTS}/voice-approval-done.png`, fullPage: true });
  expect(mcp.requests.find((r) => r.method === "tools/call")?.authorization).toBe(`Bearer ${TOKEN}`);

  await page.getByRole("button", { name: "Stop" }).click();
  await expect(voiceStatus(page)).toHaveAttribute("data-status", "idle");

  await expect
    .poll(async () => (await (await api.get("/api/v1/workspace/connectors")).json()).activity, { timeout: 10_000 })
    .toEqual([
      expect.objectContaining({
        action: "mcp.called",
        detail: expect.stringMatching(/^server crm, tool lookup_customer, \d+ bytes sent, \d+ bytes back, approved by the caller$/),
        actor: expect.objectContaining({ email: user.email }),
      }),
    ]);
  await page.goto("/settings/connectors");
  await expect(page.getByTestId("connector-activity")).toContainText("server crm, tool lookup_customer");
  await expect(page.getByTestId("connector-activity")).toContainText(user.name);
  await page.screenshot({ path: `${SHOTS}/settings-connectors-activity.png`, fullPage: true });
});

test("chat: a remote MCP tool asks first; approve completes the answer, deny sends nothing, both audited", async ({ browser }) => {
  test.setTimeout(90_000);
  const { page, user, api, workspaceId } = await voiceUser(browser);
  const saved = await api.post("/api/v1/workspace/connectors", {
    data: { workspaceId, label: "crm", url: mcp.url, approval: "always", authorization: TOKEN },
  });
  expect(saved.status()).toBe(201);
  const callsBefore = mcp.requests.filter((r) => r.method === "tools/call").length;

  await page.goto("/chat");
  await page.getByLabel("Message").fill("please lookup customer cus_4711");
  await page.getByRole("button", { name: "Send" }).click();
  const card = page.getByTestId("approval-card");
  await expect(card).toHaveAttribute("data-status", "pending", { timeout: 15_000 });
  await expect(card).toContainText("lookup_customer");
  await expect(card).toContainText("crm");
  await expect(card).toContainText('"customerId": "cus_4711"');
  expect(mcp.requests.filter((r) => r.method === "tools/call").length).toBe(callsBefore); // nothing sent before approval
  await expect(page.locator("body")).not.toContainText(TOKEN);
  await page.screenshot({ path: `${SHOTS}/chat-approval-card.png`, fullPage: true });

  // By keyboard: focus Approve and press Enter.
  await card.getByRole("button", { name: "Approve" }).focus();
  await page.keyboard.press("Enter");
  await expect(card).toHaveAttribute("data-status", "done", { timeout: 15_000 });
  await expect(page.locator('[data-role="assistant"]').last()).toHaveText(`Assistant: Here is what I found: ${CUSTOMER.id}.`);
  await card.getByRole("button", { name: "Show the answer" }).click();
  await expect(card).toContainText(CUSTOMER.name);
  await page.screenshot({ path: `${SHOTS}/chat-approval-done.png`, fullPage: true });
  expect(mcp.requests.filter((r) => r.method === "tools/call").at(-1)?.authorization).toBe(`Bearer ${TOKEN}`);

  // Deny: nothing goes to the server, and the assistant says it did not use the tool.
  await page.getByLabel("Message").fill("lookup customer cus_0815");
  await page.getByRole("button", { name: "Send" }).click();
  const second = page.getByTestId("approval-card").nth(1);
  await expect(second).toHaveAttribute("data-status", "pending", { timeout: 15_000 });
  await second.getByRole("button", { name: "Deny" }).click();
  await expect(second).toHaveAttribute("data-status", "denied");
  await expect(page.locator('[data-role="assistant"]').last()).toHaveText(
    "Assistant: You declined, so I did not use lookup_customer on crm.",
    { timeout: 15_000 },
  );
  expect(mcp.requests.filter((r) => r.method === "tools/call").length).toBe(callsBefore + 1);

  await expect
    .poll(async () => (await (await api.get("/api/v1/workspace/connectors")).json()).activity, { timeout: 10_000 })
    .toEqual([
      expect.objectContaining({
        action: "mcp.denied",
        detail: expect.stringMatching(/^server crm, tool lookup_customer, \d+ bytes not sent, denied by the caller$/),
        actor: expect.objectContaining({ email: user.email }),
      }),
      expect.objectContaining({
        action: "mcp.called",
        detail: expect.stringMatching(/^server crm, tool lookup_customer, \d+ bytes sent, \d+ bytes back, approved by the caller$/),
        actor: expect.objectContaining({ email: user.email }),
      }),
    ]);
});
