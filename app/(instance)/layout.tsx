import SettingsLayout from "@/app/(dashboard)/settings/layout";
import { DashboardFrame } from "@/app/_components/shell/dashboard-frame";

// The instance owner's page, in the same frame and settings tabs as the rest of Settings but
// outside the dashboard's loading boundary: to anyone else it answers a real 404 status, which a
// streamed page (its loading state already sent with 200) could not.
export default function InstanceLayout({ children }: { children: React.ReactNode }) {
  return (
    <DashboardFrame>
      <SettingsLayout>{children}</SettingsLayout>
    </DashboardFrame>
  );
}
