import { VerifyEmailBanner } from "@/app/(dashboard)/verify-email-banner";
import { requireViewer } from "@/lib/auth/viewer";
import { readTheme } from "@/lib/theme/read";
import { SidebarNav } from "./sidebar-nav";
import { ThemeSwitch } from "./theme-switch";
import { UserMenu } from "./user-menu";
import { WorkspaceProvider } from "./workspace-context";
import { WorkspaceSwitcher } from "./workspace-switcher";

/** The signed-in frame of every dashboard page: sidebar (workspace switcher, menu, theme, user) and the main column. */
export async function DashboardFrame({ children }: { children: React.ReactNode }) {
  const [{ user, access, workspaces }, theme] = await Promise.all([requireViewer(), readTheme()]);
  return (
    <div className="min-h-dvh md:flex">
      <SidebarNav
        header={<WorkspaceSwitcher current={access.workspaceId} workspaces={workspaces} />}
        footer={
          <div className="space-y-3">
            <ThemeSwitch initial={theme} />
            <UserMenu name={user.name} email={user.email} />
          </div>
        }
      />
      <main className="min-w-0 flex-1 px-4 py-6 md:px-8 md:py-8">
        <div className="mx-auto max-w-5xl">
          {user.verifyPending && <VerifyEmailBanner email={user.email} />}
          <WorkspaceProvider workspaceId={access.workspaceId}>{children}</WorkspaceProvider>
        </div>
      </main>
    </div>
  );
}
