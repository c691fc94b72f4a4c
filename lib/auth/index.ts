import "server-only";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth from "next-auth";
import { getDb } from "@/lib/database";
import { accounts, users } from "@/db/schema";
import { env } from "@/lib/config/env";
import { authSecret } from "@/lib/config/secrets";
import { log } from "@/lib/log";
import { ensurePersonalWorkspace } from "@/lib/workspaces/workspaces";
import { createAccount } from "./accounts";
import { authProviders } from "./providers";
import { newIdentityRefused } from "./signup-policy";

export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  const db = await getDb();
  return {
    secret: authSecret(),
    // Self-hosted behind any proxy by default; set AUTH_TRUST_HOST=false with AUTH_URL to pin the host.
    trustHost: env().AUTH_TRUST_HOST,
    adapter: {
      ...DrizzleAdapter(db, { usersTable: users, accountsTable: accounts }),
      // A new OAuth/OIDC identity becomes an account under the sign-up policy, in one transaction.
      createUser: ({ email, name, image, emailVerified }) =>
        createAccount({ email, name: name ?? null, image: image ?? null, emailVerified }),
    },
    session: { strategy: "jwt" },
    pages: { signIn: "/login", error: "/login" },
    logger: {
      // A wrong password is an expected outcome, not an error worth a stack trace in the logs.
      error(error) {
        if (error.name === "CredentialsSignin") return;
        log("error", "auth_error", { name: error.name, message: error.message });
      },
      warn(code) {
        log("warn", "auth_warning", { code });
      },
    },
    providers: authProviders(),
    callbacks: {
      // Runs before Auth.js creates a user, so a refused stranger leaves no row behind.
      async signIn({ user, account }) {
        // Workspaces and invites are keyed by email: a provider that shares none cannot sign in.
        if (!user.email) return "/login?error=EmailRequired";
        if (account?.type === "credentials") return true;
        return (await newIdentityRefused({ email: user.email })) ? "/login?error=SignUpClosed" : true;
      },
      async jwt({ token, user }) {
        // `user` is present only at sign-in: someone who left every workspace gets a personal one again.
        if (user?.id) await ensurePersonalWorkspace({ userId: user.id, userName: user.name ?? user.email ?? "My" });
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
});
