import "server-only";
import { runAssistantTool } from "@/lib/assistant/tools";

/**
 * The assistant's tools on a phone call, where no browser runs them: a caller is not signed in,
 * so they run with the workspace's key and never see more than any member would.
 */
export function runPhoneTool({
  workspaceId,
  enabled,
  name,
  args,
}: {
  workspaceId: string;
  enabled: readonly string[];
  name: string;
  args: Record<string, unknown>;
}): Promise<string> {
  return runAssistantTool({ caller: { workspaceId, userId: null, role: "member" }, enabled, name, args });
}
