import { describe, expect, it } from "vitest";
import { isTypingTarget, runnerShortcut } from "@/components/session-runner/keyboard";

const press = (key: string, extra: Partial<Parameters<typeof runnerShortcut>[0]> = {}) => ({ key, typing: false, ...extra });

describe("runner shortcuts", () => {
  it("1–9 choose answers in troubleshooting only", () => {
    expect(runnerShortcut(press("1"), "troubleshooting")).toEqual({ kind: "answer", index: 0 });
    expect(runnerShortcut(press("9"), "troubleshooting")).toEqual({ kind: "answer", index: 8 });
    expect(runnerShortcut(press("0"), "troubleshooting")).toBeNull();
    expect(runnerShortcut(press("1"), "procedure")).toBeNull();
  });

  it("←/→ move; ↑/↓ only inside the checklist", () => {
    expect(runnerShortcut(press("ArrowLeft"), "troubleshooting")).toEqual({ kind: "previous" });
    expect(runnerShortcut(press("ArrowRight"), "procedure")).toEqual({ kind: "next" });
    expect(runnerShortcut(press("ArrowDown"), "procedure")).toBeNull();
    expect(runnerShortcut(press("ArrowDown", { inChecklist: true }), "procedure")).toEqual({ kind: "next" });
    expect(runnerShortcut(press("ArrowUp", { inChecklist: true }), "procedure")).toEqual({ kind: "previous" });
    expect(runnerShortcut(press("ArrowUp", { inChecklist: true }), "troubleshooting")).toBeNull();
  });

  it("c copies, n focuses the note, ? toggles the hint", () => {
    expect(runnerShortcut(press("c"), "procedure")).toEqual({ kind: "copy" });
    expect(runnerShortcut(press("n"), "troubleshooting")).toEqual({ kind: "note" });
    expect(runnerShortcut(press("?"), "troubleshooting")).toEqual({ kind: "help" });
  });

  it("is silent while typing or with modifiers (Ctrl+C still copies text)", () => {
    expect(runnerShortcut(press("1", { typing: true }), "troubleshooting")).toBeNull();
    expect(runnerShortcut(press("c", { ctrlKey: true }), "procedure")).toBeNull();
    expect(runnerShortcut(press("c", { metaKey: true }), "procedure")).toBeNull();
    expect(runnerShortcut(press("ArrowLeft", { altKey: true }), "procedure")).toBeNull();
  });
});

describe("isTypingTarget", () => {
  const el = (tagName: string, extra: { isContentEditable?: boolean; inDialog?: boolean } = {}) => ({
    tagName,
    isContentEditable: extra.isContentEditable ?? false,
    closest: (selector: string) => (extra.inDialog && selector.includes("dialog") ? {} : null),
  });
  it("fields, content-editable and dialogs take the keys", () => {
    expect(isTypingTarget(el("input"))).toBe(true);
    expect(isTypingTarget(el("TEXTAREA"))).toBe(true);
    expect(isTypingTarget(el("select"))).toBe(true);
    expect(isTypingTarget(el("div", { isContentEditable: true }))).toBe(true);
    expect(isTypingTarget(el("button", { inDialog: true }))).toBe(true);
    expect(isTypingTarget(el("button"))).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
