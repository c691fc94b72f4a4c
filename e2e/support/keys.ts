import type { APIRequestContext, Browser } from "@playwright/test";
import { expect } from "@playwright/test";
import { signedUpContext } from "./users";

/** A key the fake OpenAI accepts (standard or admin), unique per call. */
export function testKey(kind: "standard" | "admin", tag = "e2e"): string {
  const random = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
  return `${kind === "admin" ? "sk-admin-" : "sk-proj-"}${tag}${random}abcdefgh`;
}

export async function currentWorkspaceId(api: APIRequestContext): Promise<string> {
  const res = await api.get("/api/v1/workspace");
  expect(res.status()).toBe(200);
  return (await res.json()).workspace.id;
}

/** A new user who joins the admin's workspace as a member through a real invite. */
export async function joinAsMember(browser: Browser, adminApi: APIRequestContext, workspaceId: string) {
  const member = await signedUpContext(browser, "Member");
  const invite = await adminApi.post("/api/v1/workspace/invites", {
    data: { workspaceId, email: member.user.email, role: "member" },
  });
  expect(invite.status()).toBe(201);
  const token = new URL((await invite.json()).inviteUrl).pathname.split("/").pop();
  const accepted = await member.api.post("/api/v1/invites/accept", { data: { token } });
  expect(accepted.status()).toBe(200);
  await member.api.post("/api/v1/workspaces/switch", { data: { workspaceId } });
  return member;
}
