"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

const TABS = [
  { href: "/settings", label: "Workspace" },
  { href: "/settings/keys", label: "API keys" },
  { href: "/settings/assistant", label: "Assistant" },
  { href: "/settings/budgets", label: "Budgets" },
  { href: "/settings/telephony", label: "Telephony" },
  { href: "/settings/alerts", label: "Alerts" },
  { href: "/settings/connectors", label: "Connectors" },
  { href: "/settings/privacy", label: "Privacy" },
];

const INSTANCE_TAB = { href: "/settings/instance", label: "Instance" };

/** The instance tab shows for the instance owner only. */
export function SettingsTabs({ instanceOwner }: { instanceOwner: boolean }) {
  const pathname = usePathname();
  const nav = useRef<HTMLElement>(null);
  // On a phone the tabs scroll sideways: the current one is brought into view.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the DOM's current tab changes with the path
  useEffect(() => {
    const current = nav.current?.querySelector<HTMLElement>('[aria-current="page"]');
    if (current && nav.current) nav.current.scrollLeft = current.offsetLeft - nav.current.offsetLeft - 16;
  }, [pathname]);
  return (
    <nav ref={nav} aria-label="Settings" className="mb-6 flex gap-1 overflow-x-auto border-b border-zinc-200 dark:border-zinc-800">
      {(instanceOwner ? [...TABS, INSTANCE_TAB] : TABS).map((t) => {
        const active = pathname === t.href;
        return (
          <Link
            key={t.href}
            href={t.href}
            aria-current={active ? "page" : undefined}
            className={`-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${
              active
                ? "border-indigo-600 text-indigo-700 dark:text-indigo-300"
                : "border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
            }`}
          >
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
