import { z } from "zod";

// The OpenAI projects a workspace maps to: the request schema, shared by the route and the tests.

export const MAX_PROJECTS = 50;
export const projectIdSchema = z
  .string()
  .trim()
  .regex(/^proj_[A-Za-z0-9_-]{1,64}$/, "An OpenAI project id looks like proj_abc123 (letters, digits, _ and - after proj_).");

export const openaiProjectsBody = z.object({
  projectIds: z
    .array(projectIdSchema)
    .max(MAX_PROJECTS, `${MAX_PROJECTS} projects at most.`)
    .transform((ids) => [...new Set(ids)].sort()),
});
