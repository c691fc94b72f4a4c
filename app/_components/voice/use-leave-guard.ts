"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { ConfirmOptions } from "../ui/confirm-dialog";

const LEAVE: ConfirmOptions = {
  title: "Leave the call?",
  body: "Leaving this page ends the call. Its transcript stays here until you start another one.",
  confirmLabel: "End call and leave",
  cancelLabel: "Stay",
  danger: true,
};

/** An in-app link (same origin, same tab, plain click) the guard may hold back, or null. */
function guardedLink(event: MouseEvent): URL | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const anchor = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!(anchor instanceof HTMLAnchorElement) || (anchor.target && anchor.target !== "_self") || anchor.hasAttribute("download"))
    return null;
  const url = new URL(anchor.href, window.location.href);
  if (url.origin !== window.location.origin || url.pathname === window.location.pathname) return null;
  return url;
}

/**
 * While `active` (a call is up): a link to another page of the dashboard asks first (in-app
 * dialog; yes ends the call, then navigates), and closing or reloading the tab gets the
 * browser's own "leave site?" prompt.
 */
export function useLeaveGuard({
  active,
  confirm,
  onLeave,
}: {
  active: boolean;
  confirm: (options: ConfirmOptions) => Promise<boolean>;
  onLeave: () => Promise<void> | void;
}) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const beforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = "";
    };
    // Capture phase on the document: before Next.js's Link handler (on React's root) sees the click.
    const click = (event: MouseEvent) => {
      const url = guardedLink(event);
      if (!url) return;
      event.preventDefault();
      event.stopPropagation();
      void confirm(LEAVE).then(async (leave) => {
        if (!leave) return;
        await onLeave();
        router.push(`${url.pathname}${url.search}${url.hash}`);
      });
    };
    window.addEventListener("beforeunload", beforeUnload);
    document.addEventListener("click", click, true);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      document.removeEventListener("click", click, true);
    };
  }, [active, confirm, onLeave, router]);
}
