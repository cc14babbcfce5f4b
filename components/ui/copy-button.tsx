"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * Copies `value` to the clipboard. Falls back to selecting a hidden textarea where the async
 * clipboard API is unavailable (plain http on a LAN address is not a secure context).
 */
export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  async function handleCopy() {
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(value);
      } else {
        const area = document.createElement("textarea");
        area.value = value;
        area.setAttribute("readonly", "");
        area.style.position = "fixed";
        area.style.opacity = "0";
        document.body.appendChild(area);
        area.select();
        const isCopied = document.execCommand("copy");
        area.remove();
        if (!isCopied) throw new Error("copy refused");
      }
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => void handleCopy()}>
        {state === "copied" ? "Copied" : label}
      </Button>
      <span role="status" className="sr-only">
        {state === "copied" ? "Token copied to the clipboard." : state === "failed" ? "Copying failed; select the token and copy it by hand." : ""}
      </span>
    </>
  );
}
