"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";

const NAV = [
  { href: "/", label: "Overview" },
  { href: "/voice", label: "Voice" },
  { href: "/chat", label: "Chat" },
  { href: "/calls", label: "Calls" },
  { href: "/usage", label: "Usage" },
  { href: "/ops", label: "Ops" },
  { href: "/settings", label: "Settings" },
];

function isActive(pathname: string, href: string) {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

export function SidebarNav({ header, footer }: { header: React.ReactNode; footer: React.ReactNode }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  return (
    // The aside stretches to the page's full length (its background and border with it); its content
    // sticks to the viewport, so the menu and the user's box stay in view on a long page.
    <aside className="border-b border-zinc-200 bg-white md:w-64 md:shrink-0 md:border-r md:border-b-0 dark:border-zinc-800 dark:bg-zinc-900">
      <div className="md:sticky md:top-0 md:flex md:h-dvh md:flex-col md:overflow-y-auto">
        <div className="flex items-center justify-between px-4 py-3 md:py-5">
          <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
            <svg viewBox="0 0 32 32" className="size-7" aria-hidden="true">
              <rect width="32" height="32" rx="8" fill="#4f46e5" />
              <path d="M9 16a7 7 0 1 1 14 0 7 7 0 0 1-14 0Zm4 0a3 3 0 1 0 6 0 3 3 0 0 0-6 0Z" fill="#fff" />
            </svg>
            OpenCTO
          </Link>
          <button
            type="button"
            className="btn-secondary md:hidden"
            aria-expanded={open}
            aria-controls="dashboard-nav"
            onClick={() => setOpen((v) => !v)}
          >
            {open ? "Close" : "Menu"}
          </button>
        </div>
        <div id="dashboard-nav" className={`${open ? "flex" : "hidden"} flex-1 flex-col gap-4 px-3 pb-4 md:flex`}>
          {header}
          <nav aria-label="Main" className="flex flex-col gap-1">
            {NAV.map((item) => {
              const active = isActive(pathname, item.href);
              return (
                <Link
                  key={item.href}
                  href={item.href}
                  onClick={() => setOpen(false)}
                  aria-current={active ? "page" : undefined}
                  className={`rounded-lg px-3 py-2 text-sm font-medium ${
                    active
                      ? "bg-indigo-50 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200"
                      : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
                  }`}
                >
                  {item.label}
                </Link>
              );
            })}
          </nav>
          <div className="mt-auto">{footer}</div>
        </div>
      </div>
    </aside>
  );
}
