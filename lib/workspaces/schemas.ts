import { z } from "zod";
import { ROLES } from "@/db/schema";
import { emailSchema } from "@/lib/mail/address";

export const workspaceNameSchema = z.string().trim().min(1, "Enter a name.").max(80, "80 characters at most.");
export const roleSchema = z.enum(ROLES, { error: "Role must be member, admin or owner." });

export const createWorkspaceBody = z.object({ name: workspaceNameSchema });
export const renameWorkspaceBody = z.object({ name: workspaceNameSchema });
/** Typed confirmation: the workspace's name, exactly (lib/workspaces/workspaces.ts deleteWorkspace compares it). */
export const deleteWorkspaceBody = z.object({
  confirmName: z.string({ error: "Type the workspace's name to confirm." }).trim().min(1, "Type the workspace's name to confirm.").max(80),
});
export const switchWorkspaceBody = z.object({ workspaceId: z.string().min(1) });
export const changeRoleBody = z.object({ role: roleSchema });
export const memberParams = z.object({ userId: z.string().min(1).max(100) });
export const inviteParams = z.object({ inviteId: z.string().min(1).max(100) });
export const createInviteBody = z.object({ email: emailSchema, role: roleSchema.default("member") });
export const acceptInviteBody = z.object({ token: z.string().min(10).max(200) });

/** Members per page: the settings page shows the default, the API allows up to the maximum. */
export const MEMBERS_PAGE = { defaultLimit: 25, maxLimit: 100 } as const;
