import type { Metadata, Viewport } from "next";
import { readTheme } from "@/lib/theme/read";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "OpenCTO", template: "%s · OpenCTO" },
  description: "Use OpenAI safely as a team: keys, voice assistant, usage and health.",
};

const LIGHT = "#fafafa";
const DARK = "#09090b";

export async function generateViewport(): Promise<Viewport> {
  const theme = await readTheme();
  if (theme !== "system") return { themeColor: theme === "dark" ? DARK : LIGHT };
  return {
    themeColor: [
      { media: "(prefers-color-scheme: light)", color: LIGHT },
      { media: "(prefers-color-scheme: dark)", color: DARK },
    ],
  };
}

// The chosen theme (a cookie, lib/theme) is on <html> in the server's HTML: the first paint is
// already in it, with no inline script (the page's CSP allows none).
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const theme = await readTheme();
  return (
    <html lang="en" data-theme={theme}>
      <body className="min-h-dvh font-sans">{children}</body>
    </html>
  );
}
