import { type APIRequestContext, type Browser, expect } from "@playwright/test";
import { currentWorkspaceId, testKey } from "./keys";
import { signedUpContext } from "./users";

type Role = "member" | "admin" | "owner";
type Person = Awaited<ReturnType<typeof signedUpContext>> & { userId: string };

async function userIdOf(api: APIRequestContext, email: string, workspaceId: string): Promise<string> {
  const members = (await (await api.get(`/api/v1/workspace/members?workspaceId=${workspaceId}`)).json()).members as Array<{
    userId: string;
    email: string;
  }>;
  const found = members.find((m) => m.email === email);
  expect(found, `${email} in ${workspaceId}`).toBeTruthy();
  return found!.userId;
}

/** Invites `person` into the workspace with `role` through a real invite, and makes it their current one. */
export async function addToWorkspace(
  adminApi: APIRequestContext,
  workspaceId: string,
  person: { api: APIRequestContext; user: { email: string } },
  role: Role,
) {
  const invite = await adminApi.post("/api/v1/workspace/invites", { data: { workspaceId, email: person.user.email, role } });
  expect(invite.status()).toBe(201);
  const token = new URL((await invite.json()).inviteUrl).pathname.split("/").pop();
  expect((await person.api.post("/api/v1/invites/accept", { data: { token } })).status()).toBe(200);
  expect((await person.api.post("/api/v1/workspaces/switch", { data: { workspaceId } })).status()).toBe(200);
}

/**
 * The people an authorization test needs: an owner of workspace W with its OpenAI keys saved, an
 * admin and a member of W, a second member (someone to remove), and an admin of another workspace.
 */
export async function castOfUsers(browser: Browser) {
  const owner = await signedUpContext(browser, "Owner");
  const workspaceId = await currentWorkspaceId(owner.api);
  for (const [provider, kind] of [
    ["openai", "standard"],
    ["openai-admin", "admin"],
  ] as const) {
    const saved = await owner.api.put(`/api/v1/llm/keys/${provider}`, { data: { workspaceId, apiKey: testKey(kind, "authz") } });
    expect(saved.status()).toBe(200);
  }
  const people: Record<"admin" | "member" | "extra" | "otherOwner" | "otherAdmin", Awaited<ReturnType<typeof signedUpContext>>> = {
    admin: await signedUpContext(browser, "Admin"),
    member: await signedUpContext(browser, "Member"),
    extra: await signedUpContext(browser, "Extra"),
    otherOwner: await signedUpContext(browser, "Elsewhere"),
    otherAdmin: await signedUpContext(browser, "OtherAdmin"),
  };
  await addToWorkspace(owner.api, workspaceId, people.admin, "admin");
  await addToWorkspace(owner.api, workspaceId, people.member, "member");
  await addToWorkspace(owner.api, workspaceId, people.extra, "member");
  const otherWorkspaceId = await currentWorkspaceId(people.otherOwner.api);
  await addToWorkspace(people.otherOwner.api, otherWorkspaceId, people.otherAdmin, "admin");
  const withId = async (p: Awaited<ReturnType<typeof signedUpContext>>): Promise<Person> => ({
    ...p,
    userId: await userIdOf(owner.api, p.user.email, workspaceId),
  });
  return {
    workspaceId,
    otherWorkspaceId,
    owner: await withId(owner),
    admin: await withId(people.admin),
    member: await withId(people.member),
    /** A second member of W: the one the removal and role-change rows act on. */
    extra: await withId(people.extra),
    otherOwner: people.otherOwner,
    otherAdmin: people.otherAdmin,
  };
}

export type Cast = Awaited<ReturnType<typeof castOfUsers>>;

/** Puts `extra` back into W as a member if a test removed them. */
export async function ensureExtraIsMember(cast: Cast) {
  const members = (await (await cast.owner.api.get(`/api/v1/workspace/members?workspaceId=${cast.workspaceId}`)).json()).members as Array<{
    userId: string;
  }>;
  if (!members.some((m) => m.userId === cast.extra.userId)) await addToWorkspace(cast.owner.api, cast.workspaceId, cast.extra, "member");
}
