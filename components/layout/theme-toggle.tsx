"use client";

import { useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { THEME_STORAGE_KEY } from "@/components/layout/theme-script";

const THEME_EVENT = "berth-theme-change";

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia("(prefers-color-scheme: dark)");
  function handleSystemChange() {
    if (readStoredTheme() === null) applyTheme(media.matches);
  }
  media.addEventListener("change", handleSystemChange);
  window.addEventListener(THEME_EVENT, onChange);
  return () => {
    media.removeEventListener("change", handleSystemChange);
    window.removeEventListener(THEME_EVENT, onChange);
  };
}

function readStoredTheme(): string | null {
  try {
    return localStorage.getItem(THEME_STORAGE_KEY);
  } catch {
    return null;
  }
}

function applyTheme(isDark: boolean) {
  const root = document.documentElement;
  root.classList.toggle("dark", isDark);
  root.style.colorScheme = isDark ? "dark" : "light";
  window.dispatchEvent(new Event(THEME_EVENT));
}

const getIsDark = () => document.documentElement.classList.contains("dark");
const getServerIsDark = () => false;

/** Switches between light and dark, remembering the choice in localStorage. */
export function ThemeToggle({ className }: { className?: string }) {
  const isDark = useSyncExternalStore(subscribe, getIsDark, getServerIsDark);

  function handleToggle() {
    const nextIsDark = !isDark;
    try {
      localStorage.setItem(THEME_STORAGE_KEY, nextIsDark ? "dark" : "light");
    } catch {
      // Private mode without storage: the switch still applies for this page.
    }
    applyTheme(nextIsDark);
  }

  return (
    <Button variant="secondary" size="sm" onClick={handleToggle} className={className}>
      {isDark ? "Use light theme" : "Use dark theme"}
    </Button>
  );
}
