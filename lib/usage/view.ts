import type { Role } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { hasRole } from "@/lib/workspaces/roles";

export interface UsageView {
  /** The projects the figures cover; null: the whole organisation. */
  projectIds: string[] | null;
  /** Names the view in cache keys: the role class and the project filter. */
  cacheKey: string;
}

export const projectsNotMapped = () =>
  new AppError(
    "projects_not_mapped",
    "Usage read with the Admin key covers the whole OpenAI organisation, so only admins see it until an admin maps this workspace's OpenAI projects (Settings → Workspace → OpenAI projects).",
  );

/** Who sees what: mapped projects for everyone; with no mapping, the organisation for admins and owners only. */
export function usageView({ role, mappedProjectIds }: { role: Role; mappedProjectIds: string[] }): UsageView {
  const roleClass = hasRole(role, "admin") ? "admin" : "member";
  if (mappedProjectIds.length > 0) {
    const projectIds = [...mappedProjectIds].sort();
    return { projectIds, cacheKey: `view=${roleClass}|projects=${projectIds.join(",")}` };
  }
  if (roleClass === "member") throw projectsNotMapped();
  return { projectIds: null, cacheKey: `view=${roleClass}|projects=*` };
}
