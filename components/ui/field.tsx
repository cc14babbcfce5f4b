import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { cn } from "@/components/ui/cn";

const controlClass =
  "h-10 w-full min-w-0 rounded-md border border-border bg-panel px-3 text-sm text-fg placeholder:text-fg-muted aria-[invalid=true]:border-danger";

type FieldShellProps = { id: string; label: string; hint?: string; error?: string; children: ReactNode };

/** A label above its control, with an optional hint and the error sentence below it. */
function FieldShell({ id, label, hint, error, children }: FieldShellProps) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-fg">
        {label}
      </label>
      {children}
      {hint && !error ? (
        <p id={`${id}-hint`} className="text-xs text-fg-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-xs text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  if (error) return `${id}-error`;
  if (hint) return `${id}-hint`;
  return undefined;
}

type TextFieldProps = InputHTMLAttributes<HTMLInputElement> & { id: string; label: string; hint?: string; error?: string };

export function TextField({ id, label, hint, error, className, ...rest }: TextFieldProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        {...rest}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={cn(controlClass, className)}
      />
    </FieldShell>
  );
}

type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> & { id: string; label: string; hint?: string; error?: string };

export function SelectField({ id, label, hint, error, className, children, ...rest }: SelectFieldProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        {...rest}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={cn(controlClass, className)}
      >
        {children}
      </select>
    </FieldShell>
  );
}

type TextAreaFieldProps = TextareaHTMLAttributes<HTMLTextAreaElement> & { id: string; label: string; hint?: string; error?: string };

/** A labelled multi-line input (e.g. one list item per line), monospaced. */
export function TextAreaField({ id, label, hint, error, rows = 3, className, ...rest }: TextAreaFieldProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        rows={rows}
        spellCheck={false}
        {...rest}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={cn(
          "w-full min-w-0 rounded-md border border-border bg-panel px-3 py-2 font-mono text-sm text-fg placeholder:text-fg-muted aria-[invalid=true]:border-danger",
          className,
        )}
      />
    </FieldShell>
  );
}
