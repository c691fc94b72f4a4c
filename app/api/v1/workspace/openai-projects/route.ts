import { route } from "@/lib/http/route";
import { getOpenAIProjects, setOpenAIProjects } from "@/lib/workspaces/openai-projects";
import { openaiProjectsBody } from "@/lib/workspaces/openai-projects-schema";

/** The OpenAI projects (proj_…) whose usage this workspace sees: members read, admins replace the list. */
export const GET = route({ name: "workspace_openai_projects", auth: "member" }, async ({ access }) => ({
  workspaceId: access.workspaceId,
  projectIds: await getOpenAIProjects({ workspaceId: access.workspaceId }),
}));

export const PUT = route({ name: "workspace_openai_projects", auth: "admin", body: openaiProjectsBody }, async ({ access, body }) => ({
  workspaceId: access.workspaceId,
  projectIds: await setOpenAIProjects({ workspaceId: access.workspaceId, projectIds: body.projectIds }),
}));
