import { users } from "@/db/schema";
import { getDb } from "@/lib/database";
import { conflict } from "@/lib/errors";
import { insertWorkspace, personalWorkspaceName } from "@/lib/workspaces/workspaces";
import { admitNewAccount } from "./signup-policy";

export interface NewAccount {
  email: string;
  name: string | null;
  passwordHash?: string | null;
  image?: string | null;
  emailVerified?: Date | null;
}

/**
 * Creates a user and their personal workspace in one transaction that first applies the sign-up
 * policy, for password sign-ups and for the first OAuth/OIDC sign-in alike. The first account of
 * the instance owns it, and its workspace may spend the server's fallback keys.
 */
export async function createAccount(input: NewAccount) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { instanceOwner } = await admitNewAccount(tx, { email: input.email });
    const [user] = await tx
      .insert(users)
      .values({ ...input, isInstanceOwner: instanceOwner })
      .onConflictDoNothing()
      .returning({
        id: users.id,
        email: users.email,
        name: users.name,
        image: users.image,
        emailVerified: users.emailVerified,
        isInstanceOwner: users.isInstanceOwner,
      });
    if (!user?.email) throw conflict("An account with this email already exists. Sign in instead.", "email_taken");
    await insertWorkspace(tx, {
      userId: user.id,
      name: personalWorkspaceName(input.name ?? input.email),
      fallbackKeysAllowed: instanceOwner,
    });
    return { ...user, email: user.email };
  });
}
