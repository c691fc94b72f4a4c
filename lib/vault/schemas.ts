import { z } from "zod";
import { KEY_SCOPES, LLM_PROVIDERS } from "@/db/schema";

const providerSchema = z.enum(LLM_PROVIDERS, { error: 'Unknown provider: use "openai" or "openai-admin".' });
const scopeSchema = z.enum(KEY_SCOPES, { error: 'Scope must be "workspace" or "personal".' });

export const keyParams = z.object({ provider: providerSchema });
export const keyScopeQuery = z.object({ scope: scopeSchema.default("workspace"), workspaceId: z.string().optional() });
export const testKeyBody = z.object({ scope: scopeSchema.default("workspace"), workspaceId: z.string().optional() });

// Length and shape are checked per provider in key-format.ts, where the messages can be specific.
export const saveKeyBody = z.object({
  apiKey: z.string({ error: "apiKey must be a string." }).trim().min(1, "Paste the key into apiKey.").max(4096, "apiKey is far too long."),
  scope: scopeSchema.default("workspace"),
  // Optional: the OpenAI project and organisation the key belongs to (OpenAI-Project / OpenAI-Organization
  // on every call made with it). Empty or absent: the key's default.
  project: z
    .string({ error: "project must be a string." })
    .trim()
    .regex(/^(proj_[A-Za-z0-9]{1,64})?$/, "An OpenAI project id looks like proj_…; leave it empty for the key's default project.")
    .transform((v) => v || null)
    .optional(),
  organization: z
    .string({ error: "organization must be a string." })
    .trim()
    .regex(/^(org-[A-Za-z0-9]{1,64})?$/, "An OpenAI organization id looks like org-…; leave it empty for the key's default.")
    .transform((v) => v || null)
    .optional(),
  verify: z.boolean({ error: "verify must be true or false." }).default(true),
  workspaceId: z.string().optional(),
});

/** Key activity events per page: the settings page shows the default, the API allows up to the maximum. */
export const KEY_AUDIT_PAGE = { defaultLimit: 20, maxLimit: 100 } as const;
