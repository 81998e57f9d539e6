"use client";
// Listens for the runner's shortcuts (keyboard.ts) on the window; `?` (the hint) is handled here,
// the rest by the runner that uses the hook.
import { useEffect, useRef } from "react";
import { isTypingTarget, runnerShortcut, type RunnerMode, type RunnerShortcut } from "./keyboard";
import { useRunner } from "./runner-context";

export function useRunnerKeys(mode: RunnerMode, onShortcut: (shortcut: RunnerShortcut, event: KeyboardEvent) => void) {
  const { toggleHelp } = useRunner();
  const handler = useRef(onShortcut);
  useEffect(() => {
    handler.current = (shortcut, event) => (shortcut.kind === "help" ? toggleHelp() : onShortcut(shortcut, event));
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      const target = event.target as HTMLElement | null;
      const shortcut = runnerShortcut(
        {
          key: event.key,
          ctrlKey: event.ctrlKey,
          metaKey: event.metaKey,
          altKey: event.altKey,
          typing: isTypingTarget(target) || Boolean(document.querySelector('[role="dialog"][data-state="open"]')),
          inChecklist: Boolean(target?.closest?.("[data-runner-checklist]")),
        },
        mode,
      );
      if (!shortcut) return;
      event.preventDefault();
      handler.current(shortcut, event);
    };
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, [mode]);
}
