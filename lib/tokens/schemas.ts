import { z } from "zod";
import { TOKEN_SCOPES } from "@/db/enums";

// Bodies of the token routes. Plain (no server-only) so that e2e/fuzz.spec.ts can generate input from them.

export const MAX_TOKEN_DAYS = 366;

export const createTokenBody = z.object({
  workspaceId: z.string().optional(),
  name: z
    .string({ error: "Give the token a name, so you can tell it apart later." })
    .trim()
    .min(1, "Give the token a name, so you can tell it apart later.")
    .max(80, "A token's name is 80 characters at most."),
  scopes: z
    .array(z.enum(TOKEN_SCOPES, { error: `Scopes are some of: ${TOKEN_SCOPES.join(", ")}.` }), {
      error: "Choose at least one scope.",
    })
    .min(1, "Choose at least one scope.")
    .max(TOKEN_SCOPES.length)
    .transform((scopes) => [...new Set(scopes)]),
  /** Days until the token stops working; null: never (not recommended). */
  expiresInDays: z
    .number({ error: `Expiry is a whole number of days from 1 to ${MAX_TOKEN_DAYS}, or none.` })
    .int(`Expiry is a whole number of days from 1 to ${MAX_TOKEN_DAYS}, or none.`)
    .min(1, `Expiry is a whole number of days from 1 to ${MAX_TOKEN_DAYS}, or none.`)
    .max(MAX_TOKEN_DAYS, `Expiry is a whole number of days from 1 to ${MAX_TOKEN_DAYS}, or none.`)
    .nullable()
    .default(90),
});
export type CreateTokenBody = z.infer<typeof createTokenBody>;

export const tokenParams = z.object({ tokenId: z.string().regex(/^[A-Za-z0-9]{16}$/, "That is not a token id.") });
