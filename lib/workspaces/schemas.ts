import { z } from "zod";
import { ROLES } from "@/db/schema";
import { emailSchema } from "@/lib/mail/address";

export const workspaceNameSchema = z.string().trim().min(1, "Enter a name.").max(80, "80 characters at most.");
export const roleSchema = z.enum(ROLES, { error: "Role must be member, admin or owner." });

export const createWorkspaceBody = z.object({ name: workspaceNameSchema });
export const renameWorkspaceBody = z.object({ name: workspaceNameSchema });
export const switchWorkspaceBody = z.object({ workspaceId: z.string().min(1) });
export const changeRoleBody = z.object({ role: roleSchema });
export const memberParams = z.object({ userId: z.string().min(1).max(100) });
export const inviteParams = z.object({ inviteId: z.string().min(1).max(100) });
export const createInviteBody = z.object({ email: emailSchema, role: roleSchema.default("member") });
export const acceptInviteBody = z.object({ token: z.string().min(10).max(200) });
