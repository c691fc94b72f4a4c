import { PageHeader } from "@/app/_components/ui/page-header";
import { SettingsTabs } from "@/app/_components/settings/settings-tabs";
import { requireViewer } from "@/lib/auth/viewer";
import { isInstanceOwner } from "@/lib/instance/owner";

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const { user } = await requireViewer();
  return (
    <>
      <PageHeader title="Settings" description="Your workspace and its members, API keys and voice assistant." />
      <SettingsTabs instanceOwner={await isInstanceOwner({ userId: user.id })} />
      {children}
    </>
  );
}
