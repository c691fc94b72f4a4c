import { PageHeader } from "@/app/_components/ui/page-header";
import { SettingsTabs } from "@/app/_components/settings/settings-tabs";

export default function SettingsLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <PageHeader title="Settings" description="Your workspace and its members, API keys and voice assistant." />
      <SettingsTabs />
      {children}
    </>
  );
}
