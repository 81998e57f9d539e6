// The runner's keyboard map, as a pure function of a key press (no DOM listeners here).

export type RunnerMode = "troubleshooting" | "procedure";

export type RunnerShortcut =
  | { kind: "answer"; index: number }
  | { kind: "previous" }
  | { kind: "next" }
  | { kind: "copy" }
  | { kind: "note" }
  | { kind: "help" };

export type KeyPress = {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** The press happened while typing (input, textarea, select, contenteditable) or inside a dialog. */
  typing: boolean;
  /** Focus is inside the procedure checklist (↑/↓ move only there, so they still scroll the page elsewhere). */
  inChecklist?: boolean;
};

/** Shown in the "Keyboard shortcuts" hint. */
export const SHORTCUT_HINTS: Record<RunnerMode, { keys: string; what: string }[]> = {
  troubleshooting: [
    { keys: "1–9", what: "Choose an answer" },
    { keys: "→", what: "Done, continue (single next step)" },
    { keys: "←", what: "Back" },
    { keys: "c", what: "Copy the first command" },
    { keys: "n", what: "Write a note" },
    { keys: "?", what: "Show or hide these shortcuts" },
  ],
  procedure: [
    { keys: "← →", what: "Previous / next step" },
    { keys: "↑ ↓", what: "Move in the checklist" },
    { keys: "c", what: "Copy the first command" },
    { keys: "n", what: "Write a note" },
    { keys: "?", what: "Show or hide these shortcuts" },
  ],
};

export function runnerShortcut(press: KeyPress, mode: RunnerMode): RunnerShortcut | null {
  if (press.typing || press.ctrlKey || press.metaKey || press.altKey) return null;
  const { key } = press;
  if (mode === "troubleshooting" && /^[1-9]$/.test(key)) return { kind: "answer", index: Number(key) - 1 };
  if (key === "ArrowLeft") return { kind: "previous" };
  if (key === "ArrowRight") return { kind: "next" };
  if (mode === "procedure" && press.inChecklist) {
    if (key === "ArrowUp") return { kind: "previous" };
    if (key === "ArrowDown") return { kind: "next" };
  }
  if (key === "c" || key === "C") return { kind: "copy" };
  if (key === "n" || key === "N") return { kind: "note" };
  if (key === "?") return { kind: "help" };
  return null;
}

type ElementLike = { tagName?: string; isContentEditable?: boolean; closest?: (selector: string) => unknown };

/** True when keys should go to what has focus rather than to the runner. */
export function isTypingTarget(target: ElementLike | null | undefined): boolean {
  if (!target) return false;
  const tag = target.tagName?.toUpperCase();
  if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return true;
  if (target.isContentEditable) return true;
  return Boolean(target.closest?.('[role="dialog"], [role="alertdialog"], [contenteditable="true"]'));
}
