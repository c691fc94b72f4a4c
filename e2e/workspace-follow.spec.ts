import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { currentWorkspaceId } from "./support/keys";
import { signedUpContext } from "./support/users";

// Switching workspace in the sidebar re-renders the page for the new workspace without a reload:
// server-rendered parts through router.refresh, client views because every request they make
// names the page's workspace (app/_components/shell/workspace-context.tsx, api/use-api.ts).
// Two workspaces with different data: Usage mapped to different OpenAI projects of the fake,
// Ops with routes only one of them called, Calls with an OpenAI request only one of them made,
// Settings with different names and keys.

// A switch is a POST, a server re-render and the client views' requests: slow on a loaded machine.
const SWITCH = { timeout: 20_000 };
const random = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

async function setUpWorkspace(api: APIRequestContext, workspaceId: string, project: string, tail: string) {
  // Key-shaped strings in tests say "fake"; the tails differ, so the two hints do too.
  const saved = await api.put("/api/v1/llm/keys/openai-admin", {
    data: { workspaceId, apiKey: `sk-admin-fake-${random()}${tail}`, verify: false },
  });
  expect(saved.status()).toBe(200);
  const mapped = await api.put("/api/v1/workspace/openai-projects", { data: { workspaceId, projectIds: [project] } });
  expect(mapped.status()).toBe(200);
}

/** Set before a switch and read after it: still there means the page was not reloaded. */
const markPage = (page: Page) => page.evaluate(() => Object.assign(window, { __sameDocument: true }));
const samePage = (page: Page) => page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);

test("switching workspace on Usage, Ops, Calls and Settings shows the new workspace's figures without a reload", async ({ browser }) => {
  test.setTimeout(120_000);
  const { page, api, user } = await signedUpContext(browser, "Follow");
  const alphaName = `${user.name.split(" ")[0]}'s workspace`;
  const alpha = await currentWorkspaceId(api);
  const created = await api.post("/api/v1/workspaces", { data: { name: "Beta team" } });
  expect(created.status()).toBe(201);
  const beta = (await created.json()).workspace.id as string;
  await setUpWorkspace(api, alpha, "proj_fake_alpha", "alfa");
  await setUpWorkspace(api, beta, "proj_fake_beta", "beta");
  // Traffic only one workspace made, for Ops to tell them apart.
  for (let i = 0; i < 3; i++) expect((await api.get(`/api/v1/realtime/settings?workspaceId=${alpha}`)).status()).toBe(200);
  for (let i = 0; i < 2; i++) expect((await api.get(`/api/v1/workspace/invites?workspaceId=${beta}`)).status()).toBe(200);
  // …and a request to OpenAI only the other made, for Calls' list of API requests.
  expect((await api.get(`/api/v1/cto/openai/projects?workspaceId=${beta}`)).status()).toBe(200);
  expect((await api.post("/api/v1/workspaces/switch", { data: { workspaceId: alpha } })).status()).toBe(200);

  const switcher = page.getByLabel("Workspace", { exact: true });
  const switchTo = async (label: string) => {
    await markPage(page);
    await switcher.selectOption({ label });
  };

  // Usage: the figures come from the client view's own request.
  await page.goto("/usage");
  const scope = page.getByTestId("usage-scope");
  await expect(scope).toContainText("proj_fake_alpha", SWITCH);
  const requests = page.getByTestId("total-Requests");
  await expect(requests).toHaveText(/\d/);
  const alphaRequests = await requests.textContent();
  await switchTo("Beta team (owner)");
  await expect(scope).toContainText("proj_fake_beta", SWITCH);
  await expect(scope).not.toContainText("proj_fake_alpha");
  await expect(requests).not.toHaveText(alphaRequests ?? "");
  expect(await samePage(page)).toBe(true);
  await switchTo(`${alphaName} (owner)`);
  await expect(scope).toContainText("proj_fake_alpha", SWITCH);
  await expect(requests).toHaveText(alphaRequests ?? "", SWITCH);
  expect(await samePage(page)).toBe(true);

  // Ops: each workspace's own routes.
  await page.goto("/ops");
  await expect(page.getByTestId("ops-route-realtime_settings")).toBeVisible();
  await expect(page.getByTestId("ops-route-workspace_invites")).toHaveCount(0);
  await switchTo("Beta team (owner)");
  await expect(page.getByTestId("ops-route-workspace_invites")).toBeVisible(SWITCH);
  await expect(page.getByTestId("ops-route-realtime_settings")).toHaveCount(0);
  expect(await samePage(page)).toBe(true);

  // Calls: each workspace's own API requests (only Beta read its OpenAI projects).
  await page.goto("/calls");
  await page.getByRole("tab", { name: "API requests" }).click();
  const requestsTable = page.getByTestId("requests-table");
  const projectReads = requestsTable.getByRole("cell", { name: "cto_openai_projects", exact: true });
  const usageReads = requestsTable.getByRole("cell", { name: "cto_openai_usage", exact: true });
  await expect(projectReads.first()).toBeVisible();
  await switchTo(`${alphaName} (owner)`);
  await expect(usageReads.first()).toBeVisible(SWITCH);
  await expect(projectReads).toHaveCount(0, SWITCH);
  expect(await samePage(page)).toBe(true);
  await switchTo("Beta team (owner)");
  await expect(projectReads.first()).toBeVisible(SWITCH);
  expect(await samePage(page)).toBe(true);

  // Settings: the workspace's name and its keys.
  await page.goto("/settings");
  await expect(page.getByLabel("Workspace name")).toHaveValue("Beta team");
  await switchTo(`${alphaName} (owner)`);
  await expect(page.getByLabel("Workspace name")).toHaveValue(alphaName, SWITCH);
  expect(await samePage(page)).toBe(true);
  await page.goto("/settings/keys");
  const hint = page.getByTestId("slot-openai-admin-workspace").getByTestId("key-hint");
  await expect(hint).toHaveText(/alfa$/);
  await switchTo("Beta team (owner)");
  await expect(hint).toHaveText(/beta$/, SWITCH);
  expect(await samePage(page)).toBe(true);
});

test("a tab never shows one workspace's figures under another's name after another tab switches", async ({ browser }) => {
  const { context, page, api } = await signedUpContext(browser, "Tabs");
  const alpha = await currentWorkspaceId(api);
  await setUpWorkspace(api, alpha, "proj_fake_alpha", "alfa");
  await page.goto("/settings");
  await expect(page.getByLabel("Workspace name")).not.toHaveValue("Keyless");
  // Another tab creates (and so switches to) a workspace with no traffic.
  const other = await context.newPage();
  await other.goto("/settings");
  await other.getByLabel("New workspace").fill("Keyless");
  await other.getByRole("button", { name: "Create", exact: true }).click();
  await expect(other.getByText("Workspace created and selected.")).toBeVisible();
  // The first tab moves on within the app: whichever workspace its switcher names, Ops shows that one's routes.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Ops" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ops" })).toBeVisible();
  await expect(page.getByRole("status", { name: "Loading metrics" })).toHaveCount(0, { timeout: 15_000 });
  const shown = await page.getByLabel("Workspace", { exact: true }).inputValue();
  if (shown === alpha) await expect(page.getByTestId("ops-route-workspace_openai_projects")).toBeVisible();
  else await expect(page.getByTestId("ops-route-workspace_openai_projects")).toHaveCount(0);
});
