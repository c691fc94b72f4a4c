import { PageHeader } from "@/app/_components/page-header";
import { SettingsTabs } from "@/app/_components/settings/settings-tabs";

export default function SettingsLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <PageHeader title="Settings" description="Your workspace, its members, invites and API keys." />
      <SettingsTabs />
      {children}
    </>
  );
}
