import { SidebarNav } from "@/app/_components/shell/sidebar-nav";
import { UserMenu } from "@/app/_components/shell/user-menu";
import { WorkspaceSwitcher } from "@/app/_components/shell/workspace-switcher";
import { requireViewer } from "@/lib/auth/viewer";
import { VerifyEmailBanner } from "./verify-email-banner";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const { user, access, workspaces } = await requireViewer();
  return (
    <div className="min-h-dvh md:flex">
      <SidebarNav
        header={<WorkspaceSwitcher current={access.workspaceId} workspaces={workspaces} />}
        footer={<UserMenu name={user.name} email={user.email} />}
      />
      <main className="min-w-0 flex-1 px-4 py-6 md:px-8 md:py-8">
        <div className="mx-auto max-w-5xl">
          {user.verifyPending && <VerifyEmailBanner email={user.email} />}
          {children}
        </div>
      </main>
    </div>
  );
}
