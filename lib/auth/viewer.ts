import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/lib/auth";
import { emailVerificationPending } from "@/lib/auth/email-verification";
import { pageFailure } from "@/lib/database";
import { listUserWorkspaces, resolveWorkspaceAccess } from "@/lib/workspaces/workspaces";

async function loadViewer() {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.email) redirect("/login");
  const [access, workspaces, verifyPending] = await Promise.all([
    resolveWorkspaceAccess({ userId: user.id }),
    listUserWorkspaces({ userId: user.id }),
    emailVerificationPending({ userId: user.id }),
  ]);
  return { user: { id: user.id, email: user.email, name: user.name ?? null, verifyPending }, access, workspaces };
}

/**
 * The signed-in user of a dashboard page, their current workspace and role; signed-out → /login;
 * database away → the error page's "can't reach the database" state (app/error.tsx).
 */
export const requireViewer = cache(async () => {
  try {
    return await loadViewer();
  } catch (error) {
    throw pageFailure(error);
  }
});
