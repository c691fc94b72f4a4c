import { z } from "zod";
import { MCP_APPROVAL_POLICIES } from "@/db/enums";

// Schemas of the connector routes (plain module: the fuzz suite imports them).

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** A remote MCP server's URL: https, or http on this machine only (a local test server). */
export const mcpServerUrl = z
  .string()
  .trim()
  .max(2000, "The server URL is too long.")
  .refine((value) => {
    try {
      const url = new URL(value);
      if (url.username || url.password) return false;
      return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname));
    } catch {
      return false;
    }
  }, "Use the MCP server's https:// URL (http:// only for localhost), without a user name or password in it.");

const toolName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{1,128}$/, "Tool names are letters, digits, _ . and - (up to 128 characters).");
const toolList = (what: string) =>
  z
    .array(toolName)
    .max(100, `${what}: at most 100 tools.`)
    .transform((list) => [...new Set(list)]);

export const connectorBody = z
  .object({
    workspaceId: z.string().optional(),
    label: z
      .string()
      .trim()
      .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, "The label starts with a letter and has letters, digits, _ and - only (up to 64)."),
    url: mcpServerUrl,
    description: z.string().trim().max(500, "Keep the description under 500 characters.").nullable().default(null),
    allowedTools: toolList("allowedTools").default([]),
    approval: z.enum(MCP_APPROVAL_POLICIES, { error: "approval must be never, always or per_tool." }),
    approvalTools: toolList("approvalTools").default([]),
    /** The Authorization header value the server expects; omitted: the saved one stays; null: removed. */
    authorization: z.string().trim().min(1, "Leave the authorization out instead of sending it empty.").max(4000).nullable().optional(),
  })
  .refine((c) => c.approval !== "per_tool" || c.approvalTools.length > 0, {
    path: ["approvalTools"],
    message: "Approval per tool needs at least one tool that asks first.",
  })
  .refine((c) => c.allowedTools.length === 0 || c.approvalTools.every((t) => c.allowedTools.includes(t)), {
    path: ["approvalTools"],
    message: "Every tool that asks first must also be an allowed tool.",
  });
export type ConnectorBody = z.infer<typeof connectorBody>;

export const connectorParams = z.object({ connectorId: z.uuid("Not a connector id.") });

export const workspaceQuery = z.object({ workspaceId: z.string().optional() });
