"use client";

import { useState } from "react";
import { useMutation } from "../api/use-mutation";
import { Feedback } from "./feedback";

/** One labelled text field and a button that runs an API mutation; the button waits for a change. */
export function SingleFieldForm({
  id,
  label,
  initial = "",
  placeholder,
  submitLabel,
  primary = false,
  disabled = false,
  hint,
  clearOnSuccess = false,
  submit,
}: {
  id: string;
  label: string;
  initial?: string;
  placeholder?: string;
  submitLabel: string;
  primary?: boolean;
  disabled?: boolean;
  hint?: string;
  clearOnSuccess?: boolean;
  /** Runs the mutation with the typed value; returns the success message. */
  submit: (value: string) => Promise<string>;
}) {
  const [value, setValue] = useState(initial);
  const { pending, error, message, run, reset } = useMutation();
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          const done = await submit(value);
          if (clearOnSuccess) setValue("");
          return done;
        });
      }}
    >
      <div>
        <label htmlFor={id} className="label">
          {label}
        </label>
        <div className="flex gap-2">
          <input
            id={id}
            className="input"
            placeholder={placeholder}
            value={value}
            maxLength={80}
            disabled={disabled}
            onChange={(e) => {
              setValue(e.target.value);
              reset();
            }}
          />
          <button
            type="submit"
            className={`${primary ? "btn-primary" : "btn-secondary"} shrink-0`}
            disabled={disabled || pending || value.trim() === "" || value.trim() === initial}
          >
            {submitLabel}
          </button>
        </div>
        {hint && <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{hint}</p>}
      </div>
      <Feedback error={error} message={message} />
    </form>
  );
}
