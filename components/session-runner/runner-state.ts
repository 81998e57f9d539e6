// Pure rules behind the runner's optimistic UI. A change shows at once as an "overlay" on top
// of the server's view; the overlay is dropped when a refreshed view contains the change (or,
// should another tab have written in between, after a second refresh), or at once when the
// server refuses the change.
import type { PathEvent, RuntimeStep, StepStates } from "@/lib/sessions/runtime";

// ---------- keyed overlays (variables, step states, notes, feedback) ----------
export type OverlayEntry<V> = { value: V; saved: boolean; /** view generation when the save succeeded */ gen: number };
export type Overlay<V> = Record<string, OverlayEntry<V>>;

/** A change the user just made, not yet confirmed. */
export function overlaySet<V>(overlay: Overlay<V>, key: string, value: V): Overlay<V> {
  return { ...overlay, [key]: { value, saved: false, gen: 0 } };
}

/** The server accepted `value` for `key` while the view was at generation `gen`. */
export function overlaySaved<V>(overlay: Overlay<V>, key: string, value: V, gen: number, equals: (a: V, b: V) => boolean = Object.is): Overlay<V> {
  const entry = overlay[key];
  // A newer edit of the same key is still on its way: keep waiting for that one.
  if (!entry || !equals(entry.value, value)) return overlay;
  return { ...overlay, [key]: { value, saved: true, gen } };
}

/** The server refused `value` for `key`: show the server's view again. */
export function overlayDrop<V>(overlay: Overlay<V>, key: string, value: V, equals: (a: V, b: V) => boolean = Object.is): Overlay<V> {
  const entry = overlay[key];
  if (!entry || !equals(entry.value, value)) return overlay;
  const next = { ...overlay };
  delete next[key];
  return next;
}

/**
 * A new server view (generation `gen`) arrived: saved entries it already shows are dropped, and
 * so are saved entries two views old (someone else's later write wins, as it does on the server).
 */
export function overlayReconcile<V>(overlay: Overlay<V>, server: Record<string, V | undefined>, gen: number, equals: (a: V | undefined, b: V) => boolean): Overlay<V> {
  let changed = false;
  const next: Overlay<V> = {};
  for (const [key, entry] of Object.entries(overlay)) {
    if (entry.saved && (equals(server[key], entry.value) || gen - entry.gen >= 2)) {
      changed = true;
      continue;
    }
    next[key] = entry;
  }
  return changed ? next : overlay;
}

/** The server's values with the overlay on top; `undefined` overlay values delete a key. */
export function applyOverlay<V>(server: Record<string, V>, overlay: Overlay<V | undefined>): Record<string, V> {
  const out: Record<string, V> = { ...server };
  for (const [key, entry] of Object.entries(overlay)) {
    if (entry.value === undefined) delete out[key];
    else out[key] = entry.value;
  }
  return out;
}

export const sameStepState = (a: StepStates[string] | undefined, b: StepStates[string] | undefined) =>
  (a?.status ?? null) === (b?.status ?? null) && (a?.note ?? "") === (b?.note ?? "");

// ---------- the troubleshooting path ----------
/** Events appended locally after the server's first `base` events. */
export type PathOverlay = { base: number; events: PathEvent[] };
export const emptyPathOverlay: PathOverlay = { base: 0, events: [] };

export function pathAppend(overlay: PathOverlay, serverPath: PathEvent[], event: PathEvent): PathOverlay {
  const current = pathReconcile(overlay, serverPath);
  return current.events.length ? { ...current, events: [...current.events, event] } : { base: serverPath.length, events: [event] };
}

/** Drops the events the server view already holds. */
export function pathReconcile(overlay: PathOverlay, serverPath: PathEvent[]): PathOverlay {
  if (!overlay.events.length) return overlay;
  const reflected = serverPath.length - overlay.base;
  if (reflected <= 0) return overlay;
  if (reflected >= overlay.events.length) return emptyPathOverlay;
  return { base: overlay.base + reflected, events: overlay.events.slice(reflected) };
}

/** The server refused `event`: it and everything queued after it go (they built on it). */
export function pathRefused(overlay: PathOverlay, event: PathEvent): PathOverlay {
  const index = overlay.events.indexOf(event);
  if (index < 0) return overlay;
  return index === 0 ? emptyPathOverlay : { ...overlay, events: overlay.events.slice(0, index) };
}

export function effectivePath(serverPath: PathEvent[], overlay: PathOverlay): PathEvent[] {
  const current = pathReconcile(overlay, serverPath);
  return current.events.length ? [...serverPath.slice(0, current.base), ...current.events] : serverPath;
}

// ---------- procedures ----------
type Actionable = Extract<RuntimeStep, { kind: "step" }>;
const actionable = (steps: RuntimeStep[]) => steps.filter((s): s is Actionable => s.kind === "step");

/** Where a run opens: the saved position when it is still a step, else the first open step. */
export function initialStepId(steps: RuntimeStep[], states: StepStates, savedId: string | null): string | null {
  const list = actionable(steps);
  if (savedId && list.some((s) => s.id === savedId)) return savedId;
  return (list.find((s) => !states[s.id]) ?? list[list.length - 1])?.id ?? null;
}

/** The step `delta` places before/after `currentId` (sections and the end are not steps). */
export function adjacentStepId(steps: RuntimeStep[], currentId: string | null, delta: -1 | 1): string | null {
  const list = actionable(steps);
  const index = list.findIndex((s) => s.id === currentId);
  if (index < 0) return list[0]?.id ?? null;
  return list[index + delta]?.id ?? null;
}

/** After marking a step: the next unmarked step after it, else the first unmarked one, else stay. */
export function stepAfterMark(steps: RuntimeStep[], states: StepStates, currentId: string): string {
  const list = actionable(steps);
  const index = list.findIndex((s) => s.id === currentId);
  const later = list.slice(index + 1).find((s) => !states[s.id]);
  if (later) return later.id;
  return list.find((s) => !states[s.id])?.id ?? currentId;
}

// ---------- completing ----------
/** The outcome the complete dialog starts with (the user can always change it). */
export function suggestedOutcome(
  input:
    | { kind: "troubleshooting"; terminalOutcome: string | null }
    | { kind: "procedure"; total: number; done: number; skipped: number; failed: number },
): string | null {
  if (input.kind === "troubleshooting") return input.terminalOutcome;
  if (input.total === 0 || input.done + input.skipped + input.failed < input.total) return null;
  return input.failed || input.skipped ? "completed_with_issues" : "completed";
}
