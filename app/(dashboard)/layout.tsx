import { SidebarNav } from "@/app/_components/shell/sidebar-nav";
import { ThemeSwitch } from "@/app/_components/shell/theme-switch";
import { UserMenu } from "@/app/_components/shell/user-menu";
import { WorkspaceProvider } from "@/app/_components/shell/workspace-context";
import { WorkspaceSwitcher } from "@/app/_components/shell/workspace-switcher";
import { requireViewer } from "@/lib/auth/viewer";
import { readTheme } from "@/lib/theme/read";
import { VerifyEmailBanner } from "./verify-email-banner";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
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
