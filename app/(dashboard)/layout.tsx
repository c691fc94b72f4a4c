import { DashboardFrame } from "@/app/_components/shell/dashboard-frame";

// Pages here stream: loading.tsx shows in the frame while a page's server data loads. A page that
// must answer a real 404 status (notFound() before anything is sent) lives in (instance)/ instead.
export default function DashboardLayout({ children }: { children: React.ReactNode }) {
  return <DashboardFrame>{children}</DashboardFrame>;
}
