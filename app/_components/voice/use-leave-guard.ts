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

/** The marker of the history entry the guard pushes over the page's own while a call is up. */
const SENTINEL = "opencto.leaveGuard";
const onSentinel = () => (window.history.state as Record<string, unknown> | null)?.[SENTINEL] === true;
// Next.js keeps its router state in history entries: the sentinel copies the page's own.
const pushSentinel = () => window.history.pushState({ ...window.history.state, [SENTINEL]: true }, "", window.location.href);

/**
 * While `active` (a call is up): a link to another page of the dashboard asks first (in-app
 * dialog; yes ends the call, then navigates), and closing or reloading the tab gets the
 * browser's own "leave site?" prompt. The Back button asks too: a sentinel entry for the same
 * address sits on top of the page's own, so Back first lands on the page's entry (no navigation),
 * where the dialog asks; stay puts the sentinel back, leave ends the call and goes back for real.
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
    const popState = () => {
      if (onSentinel()) return;
      void confirm(LEAVE).then(async (leave) => {
        if (!leave) return pushSentinel();
        await onLeave();
        window.history.back();
      });
    };
    if (!onSentinel()) pushSentinel();
    window.addEventListener("beforeunload", beforeUnload);
    window.addEventListener("popstate", popState);
    document.addEventListener("click", click, true);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      window.removeEventListener("popstate", popState);
      document.removeEventListener("click", click, true);
    };
  }, [active, confirm, onLeave, router]);
}
