import { expect, test } from "@playwright/test";
import { newUser, signedUpContext, signIn } from "./support/users";

test("create a workspace, rename it, and switch between workspaces", async ({ browser }) => {
  const { page, user, api } = await signedUpContext(browser, "Switch");
  const personal = `${user.name.split(" ")[0]}'s workspace`;
  await page.goto("/settings");
  await page.getByLabel("New workspace").fill("Platform team");
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByText("Workspace created and selected.")).toBeVisible();
  await expect(page.getByLabel("Workspace", { exact: true })).toHaveValue(/.+/);
  await expect(page.getByLabel("Workspace name")).toHaveValue("Platform team");

  await page.getByLabel("Workspace name").fill("Platform & infra");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Workspace renamed.")).toBeVisible();

  const switcher = page.getByLabel("Workspace", { exact: true });
  await switcher.selectOption({ label: `${personal} (owner)` });
  await expect(page.getByLabel("Workspace name")).toHaveValue(personal);
  const current = await (await api.get("/api/v1/workspace")).json();
  expect(current.workspace.name).toBe(personal);
  const list = await (await api.get("/api/v1/workspaces")).json();
  expect(list.workspaces.map((w: { name: string }) => w.name).sort()).toEqual(["Platform & infra", personal].sort());
});

test("invite, accept, change role, and a member is denied admin actions", async ({ browser }) => {
  const owner = await signedUpContext(browser, "Owner");
  const member = await signedUpContext(browser, "Member");
  const workspaceName = `${owner.user.name.split(" ")[0]}'s workspace`;

  await owner.page.goto("/settings");
  await owner.page.getByLabel("Email", { exact: true }).fill(member.user.email.toUpperCase());
  await owner.page.getByRole("button", { name: "Create invite" }).click();
  const inviteUrl = await owner.page.getByTestId("invite-link").inputValue();
  expect(inviteUrl).toMatch(/\/invite\/[A-Za-z0-9_-]{20,}$/);
  await expect(owner.page.getByText(`${member.user.email} · member`)).toBeVisible();

  // Another signed-in user cannot use an invite addressed to someone else.
  const stranger = await signedUpContext(browser, "Stranger");
  await stranger.page.goto(inviteUrl);
  await expect(stranger.page.locator(".alert-error")).toContainText(`This invite is for ${member.user.email}`);
  await expect(stranger.page.getByRole("button", { name: `Sign out and continue as ${member.user.email}` })).toBeVisible();
  const token = inviteUrl.split("/").pop();
  const refused = await stranger.api.post("/api/v1/invites/accept", { data: { token } });
  expect(refused.status()).toBe(403);

  await member.page.goto(inviteUrl);
  await member.page.getByRole("button", { name: "Accept invite" }).click();
  await expect(member.page).toHaveURL(/\/$/);
  await expect(member.page.getByRole("heading", { level: 1 })).toHaveText(workspaceName);
  const reused = await member.api.post("/api/v1/invites/accept", { data: { token } });
  expect(reused.status()).toBe(410);

  // As a member: the API says 403 and the UI disables the controls.
  const rename = await member.api.patch("/api/v1/workspace", { data: { name: "Hijacked" } });
  expect(rename.status()).toBe(403);
  expect((await rename.json()).code).toBe("forbidden");
  const invite = await member.api.post("/api/v1/workspace/invites", { data: { email: "x@example.com" } });
  expect(invite.status()).toBe(403);
  await member.page.goto("/settings");
  await expect(member.page.getByLabel("Workspace name")).toBeDisabled();
  await expect(member.page.getByLabel(`Role of ${owner.user.email}`)).toBeDisabled();
  await expect(member.page.getByText("Only admins and owners can invite people.")).toBeVisible();

  // The owner promotes the member to admin; the member's rename then works.
  await owner.page.reload();
  await owner.page.getByLabel(`Role of ${member.user.email}`).selectOption("admin");
  await expect(owner.page.getByText(`${member.user.name} is now admin.`)).toBeVisible();
  const renamed = await member.api.patch("/api/v1/workspace", { data: { name: "Renamed by admin" } });
  expect(renamed.status()).toBe(200);

  // An admin cannot demote the owner, and the last owner cannot leave.
  const ownerId = (await (await owner.api.get("/api/v1/workspace/members")).json()).members.find(
    (m: { email: string }) => m.email === owner.user.email,
  ).userId;
  const demote = await member.api.patch(`/api/v1/workspace/members/${ownerId}`, { data: { role: "member" } });
  expect(demote.status()).toBe(403);
  const leave = await owner.api.delete(`/api/v1/workspace/members/${ownerId}`);
  expect(leave.status()).toBe(409);
  expect((await leave.json()).code).toBe("last_owner");
});

test("invite links: inviting again replaces the link, revoked and garbage links say so, a wrong account can switch", async ({
  browser,
}) => {
  const owner = await signedUpContext(browser, "Inviter");
  const workspaceName = `${owner.user.name.split(" ")[0]}'s workspace`;
  const invitee = newUser("Invitee");
  const invite = async () => {
    const res = await owner.api.post("/api/v1/workspace/invites", { data: { email: invitee.email } });
    expect(res.status()).toBe(201);
    return (await res.json()) as { invite: { id: string }; inviteUrl: string };
  };
  const first = await invite();
  const second = await invite();
  expect(second.invite.id).toBe(first.invite.id);
  expect(second.inviteUrl).not.toBe(first.inviteUrl);
  const listed = (await (await owner.api.get("/api/v1/workspace/invites")).json()).invites;
  expect(listed.filter((i: { email: string }) => i.email === invitee.email)).toHaveLength(1);

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(first.inviteUrl);
  await expect(visitor.locator(".alert-error")).toHaveText(/This invite link is not valid/);
  await visitor.goto(second.inviteUrl);
  await expect(visitor.getByRole("heading", { name: `Join ${workspaceName}` })).toBeVisible();
  await expect(visitor.getByRole("link", { name: "Create an account" })).toBeVisible();

  // Signed in as someone else: sign out and come back to the same link, signed out.
  const wrong = await signedUpContext(browser, "Wrong");
  await wrong.page.goto(second.inviteUrl);
  await wrong.page.getByRole("button", { name: `Sign out and continue as ${invitee.email}` }).click();
  await expect(wrong.page).toHaveURL(second.inviteUrl);
  await expect(wrong.page.getByRole("link", { name: `I have an account: sign in as ${invitee.email}` })).toBeVisible();
  await wrong.page.getByRole("link", { name: `I have an account: sign in as ${invitee.email}` }).click();
  await expect(wrong.page.getByText(`Sign in as ${invitee.email} to join ${workspaceName}.`)).toBeVisible();
  await expect(wrong.page.getByLabel("Email")).toHaveValue(invitee.email);

  const revoked = await owner.api.delete(`/api/v1/workspace/invites/${second.invite.id}`);
  expect(revoked.status()).toBe(200);
  await visitor.goto(second.inviteUrl);
  await expect(visitor.locator(".alert-error")).toHaveText(`This invite was revoked. Ask an admin of ${workspaceName} for a new one.`);
  await visitor.goto("/invite/this-is-not-a-real-invite-token");
  await expect(visitor.locator(".alert-error")).toHaveText(/This invite link is not valid/);
});

test("restart keeps users: a user can sign in again with a fresh browser", async ({ browser }) => {
  const { user, context } = await signedUpContext(browser, "Persist");
  await context.close();
  const page = await browser.newPage();
  await signIn(page, user);
  await expect(page).toHaveURL(/\/$/);
});
