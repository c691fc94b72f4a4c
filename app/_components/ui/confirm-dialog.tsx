"use client";

import { useCallback, useEffect, useId, useRef, useState } from "react";

export interface ConfirmOptions {
  title: string;
  /** What happens if the user goes ahead. */
  body?: React.ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** A destructive action: the confirm button is red. */
  danger?: boolean;
  /** Typed confirmation: the confirm button stays disabled until the user types exactly this. */
  requireText?: string;
}

/**
 * An in-app confirmation on the native <dialog> (modal: the page behind is inert, so focus stays
 * inside; Esc and Cancel say no; Enter on the focused confirm button, or in the typed field, says
 * yes). Focus returns to where it was.
 */
export function ConfirmDialog({
  title,
  body,
  confirmLabel,
  cancelLabel = "Cancel",
  danger = false,
  requireText,
  onClose,
}: ConfirmOptions & {
  onClose: (confirmed: boolean) => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const closed = useRef(false);
  const [typed, setTyped] = useState("");
  const titleId = useId();
  const bodyId = useId();
  const fieldId = useId();
  const ready = requireText === undefined || typed === requireText;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // React's autoFocus runs before the dialog is open; focus what should have it now.
    dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    return () => {
      if (dialog.open) dialog.close();
      opener?.focus();
    };
  }, []);

  const finish = (confirmed: boolean) => {
    if (closed.current) return;
    closed.current = true;
    onClose(confirmed);
  };

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the click is on the backdrop; the keyboard's way out is Esc (onCancel)
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={body ? bodyId : undefined}
      className="m-auto w-[min(28rem,calc(100%-2rem))] rounded-xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
      onCancel={(e) => {
        e.preventDefault();
        finish(false);
      }}
      onClick={(e) => {
        // A click on the backdrop lands on the dialog element itself.
        if (e.target === e.currentTarget) finish(false);
      }}
    >
      <form
        className="space-y-4 p-5"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) finish(true);
        }}
      >
        <h2 id={titleId} className="text-lg font-semibold break-words">
          {title}
        </h2>
        {body && (
          <div id={bodyId} className="muted space-y-2 break-words">
            {body}
          </div>
        )}
        {requireText !== undefined && (
          <div>
            <label htmlFor={fieldId} className="label break-words">
              Type <strong className="font-mono">{requireText}</strong> to confirm
            </label>
            <input
              id={fieldId}
              className="input"
              autoComplete="off"
              spellCheck={false}
              data-autofocus
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
            />
          </div>
        )}
        <div className="flex flex-wrap justify-end gap-2">
          <button type="button" className="btn-secondary" onClick={() => finish(false)}>
            {cancelLabel}
          </button>
          <button
            type="submit"
            className={danger ? "btn-danger" : "btn-primary"}
            disabled={!ready}
            // Enter confirms a plain question, as a native confirm() does.
            data-autofocus={requireText === undefined ? true : undefined}
          >
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/**
 * `const { confirm, dialog } = useConfirm()`: `await confirm({...})` opens the dialog and resolves
 * true or false; render `{dialog}` once in the component.
 */
export function useConfirm() {
  const [request, setRequest] = useState<{ options: ConfirmOptions; resolve: (ok: boolean) => void } | null>(null);
  const confirm = useCallback((options: ConfirmOptions) => new Promise<boolean>((resolve) => setRequest({ options, resolve })), []);
  const dialog = request ? (
    <ConfirmDialog
      {...request.options}
      onClose={(ok) => {
        setRequest(null);
        request.resolve(ok);
      }}
    />
  ) : null;
  return { confirm, dialog };
}
