"use client";

import { useState, type FormEvent, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";

type TypedDeleteProps = {
  id: string;
  /** What must be typed to enable the button. */
  name: string;
  buttonLabel: string;
  isPending: boolean;
  error?: string;
  children?: ReactNode;
  onConfirm: () => void;
};

/** A destructive action that needs the name typed back: the typing is the confirmation. */
export function TypedDelete({ id, name, buttonLabel, isPending, error, children, onConfirm }: TypedDeleteProps) {
  const [typed, setTyped] = useState("");
  const isMatch = typed.trim() === name;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (isMatch) onConfirm();
  }

  return (
    <form onSubmit={handleSubmit} className="flex flex-col gap-3">
      {children}
      <TextField id={id} label={`Type ${name} to confirm`} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} />
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div>
        <Button type="submit" variant="danger" disabled={!isMatch} isPending={isPending}>
          {buttonLabel}
        </Button>
      </div>
    </form>
  );
}
