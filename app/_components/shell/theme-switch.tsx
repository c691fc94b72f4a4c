"use client";

import { useState } from "react";
import { type Theme, themeCookie } from "@/lib/theme/theme";

const LABELS: Record<Theme, string> = { light: "Light", dark: "Dark", system: "System" };
const ORDER: Theme[] = ["light", "dark", "system"];

/** Light, dark or the system's: applied at once, and remembered in a cookie the server renders the next page with. */
export function ThemeSwitch({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState(initial);
  const choose = (next: Theme) => {
    setTheme(next);
    document.documentElement.dataset.theme = next;
    // biome-ignore lint/suspicious/noDocumentCookie: a plain preference cookie, read by the server on the next render
    document.cookie = themeCookie(next);
  };
  return (
    <fieldset className="px-1">
      <legend className="mb-1 text-xs font-medium uppercase tracking-wide text-zinc-500 dark:text-zinc-400">Theme</legend>
      <div className="grid grid-cols-3 gap-1 rounded-lg border border-zinc-200 p-0.5 dark:border-zinc-800">
        {ORDER.map((t) => (
          <label
            key={t}
            className={`relative cursor-pointer rounded-md px-2 py-1 text-center text-xs font-medium has-focus-visible:outline-2 has-focus-visible:outline-indigo-500 ${
              theme === t
                ? "bg-indigo-50 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200"
                : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"
            }`}
          >
            <input
              type="radio"
              name="theme"
              value={t}
              checked={theme === t}
              onChange={() => choose(t)}
              className="absolute inset-0 cursor-pointer opacity-0"
            />
            {LABELS[t]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
