import { describe, expect, it } from "vitest";
import { resetLinkRefusal } from "./member-reset";

const here = "ws-team";
const view = (
  workspaceId: string,
  targetRole: "member" | "admin" | "owner",
  actorRole: "member" | "admin" | "owner" | null,
  members = 3,
) => ({
  workspaceId,
  targetRole,
  actorRole,
  members,
});
const decide = (memberships: ReturnType<typeof view>[], extra: { targetIsInstanceOwner?: boolean; self?: boolean } = {}) =>
  resetLinkRefusal({ workspaceId: here, memberships, targetIsInstanceOwner: false, self: false, ...extra });

describe("who may make a reset link for whom", () => {
  it("an admin, for a member whose other workspaces are only their own solo ones", () => {
    expect(decide([view(here, "member", "admin"), view("ws-personal", "owner", null, 1)])).toBeNull();
  });

  it("not for someone outside this workspace (404), nor an owner unless the actor is an owner", () => {
    expect(decide([view("elsewhere", "member", "admin")])).toMatchObject({ status: 404 });
    expect(decide([view(here, "owner", "admin")])).toMatchObject({
      status: 403,
      message: "Only an owner can make a reset link for an owner.",
    });
    expect(decide([view(here, "owner", "owner")])).toBeNull();
  });

  it("not when the person shares another workspace the actor does not run", () => {
    expect(decide([view(here, "member", "owner"), view("ws-other", "member", null)])).toMatchObject({ status: 403 });
    expect(decide([view(here, "member", "owner"), view("ws-other", "member", "member")])).toMatchObject({ status: 403 });
    expect(decide([view(here, "member", "owner"), view("ws-other", "owner", "admin")])).toMatchObject({ status: 403 });
    expect(decide([view(here, "member", "owner"), view("ws-other", "member", "admin")])).toBeNull();
  });

  it("never for the instance owner, except by themselves", () => {
    expect(decide([view(here, "member", "owner")], { targetIsInstanceOwner: true })).toMatchObject({ status: 403 });
    expect(decide([view(here, "owner", "owner")], { targetIsInstanceOwner: true, self: true })).toBeNull();
  });
});
