"use client";
// What every part of the runner shares: the session, whether this viewer may change it, and the
// optimistic values of variables, notes and feedback (shown at once, reconciled with each
// refreshed server view; see runner-state.ts).
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { VariableDefinition } from "@/lib/flows/variables";
import type { SessionView } from "@/lib/sessions/queries";
import { setNodeNote, submitStepFeedback, updateSessionVariables } from "@/lib/sessions/sessions.actions";
import { checkVariableValue, type VariableValues } from "@/lib/sessions/variables";
import { applyOverlay, overlayDrop, overlayReconcile, overlaySaved, overlaySet, type Overlay } from "./runner-state";
import type { useRunnerQueue } from "./use-runner-queue";

type Feedback = { helpful: boolean; comment: string };
type Enqueue = ReturnType<typeof useRunnerQueue>["enqueue"];

export type RunnerContextValue = {
  session: SessionView;
  /** No mutating controls: a teammate watching, or the session is being completed. */
  readOnly: boolean;
  /** Increases with each server view the runner receives. */
  gen: number;
  /** The generation now, for callbacks that finish later. */
  currentGen: () => number;
  enqueue: Enqueue;
  values: VariableValues;
  definitions: Map<string, VariableDefinition>;
  /** Checks and queues the save of one variable: an error message, or null once queued. */
  saveVariable: (key: string, value: string) => string | null;
  notes: Record<string, string>;
  saveNote: (nodeId: string, note: string) => Promise<boolean>;
  feedback: Record<string, Feedback>;
  saveFeedback: (stepId: string, value: Feedback) => Promise<boolean>;
  openVariables: () => void;
  openComplete: (outcome: string | null) => void;
  toggleHelp: () => void;
};

const RunnerContext = createContext<RunnerContextValue | null>(null);

export function useRunner(): RunnerContextValue {
  const value = useContext(RunnerContext);
  if (!value) throw new Error("useRunner outside <SessionRunner>");
  return value;
}

const sameFeedback = (a: Feedback | undefined, b: Feedback) => a?.helpful === b.helpful && (a?.comment ?? "") === b.comment;

export function RunnerProvider({
  session,
  readOnly,
  enqueue,
  openVariables,
  openComplete,
  toggleHelp,
  children,
}: {
  session: SessionView;
  readOnly: boolean;
  enqueue: Enqueue;
  openVariables: () => void;
  openComplete: (outcome: string | null) => void;
  toggleHelp: () => void;
  children: ReactNode;
}) {
  const [variableOverlay, setVariableOverlay] = useState<Overlay<string>>({});
  const [noteOverlay, setNoteOverlay] = useState<Overlay<string>>({});
  const [feedbackOverlay, setFeedbackOverlay] = useState<Overlay<Feedback>>({});

  // A new server view: count it and drop the overlay entries it now shows (during render, so
  // there is no frame with stale values).
  const [view, setView] = useState({ session, gen: 0 });
  let gen = view.gen;
  if (view.session !== session) {
    gen = view.gen + 1;
    setView({ session, gen });
    setVariableOverlay((o) => overlayReconcile(o, session.variables, gen, (a, b) => (a ?? "") === b));
    setNoteOverlay((o) => overlayReconcile(o, session.notes, gen, (a, b) => (a ?? "") === b));
    setFeedbackOverlay((o) => overlayReconcile(o, session.feedback, gen, sameFeedback));
  }
  const genRef = useRef(gen);
  useEffect(() => {
    genRef.current = gen;
  }, [gen]);
  const currentGen = useCallback(() => genRef.current, []);

  const definitions = useMemo(() => new Map(session.variableDefinitions.map((d) => [d.key, d])), [session.variableDefinitions]);
  const values = useMemo(() => applyOverlay(session.variables, variableOverlay), [session.variables, variableOverlay]);
  const notes = useMemo(() => applyOverlay(session.notes, noteOverlay), [session.notes, noteOverlay]);
  const feedback = useMemo(() => applyOverlay(session.feedback, feedbackOverlay), [session.feedback, feedbackOverlay]);

  const saveVariable = useCallback(
    (key: string, raw: string) => {
      const value = raw.trim();
      const problem = checkVariableValue(definitions.get(key), value);
      if (problem) return problem;
      setVariableOverlay((o) => overlaySet(o, key, value));
      void enqueue(() => updateSessionVariables({ sessionId: session.id, values: { [key]: value } }), {
        failTitle: `${definitions.get(key)?.label ?? key} was not saved`,
        onFail: () => setVariableOverlay((o) => overlayDrop(o, key, value)),
      }).then((data) => {
        if (data) setVariableOverlay((o) => overlaySaved(o, key, value, genRef.current));
      });
      return null;
    },
    [definitions, enqueue, session.id],
  );

  const saveNote = useCallback(
    async (nodeId: string, note: string) => {
      setNoteOverlay((o) => overlaySet(o, nodeId, note));
      const data = await enqueue(() => setNodeNote({ sessionId: session.id, nodeId, note }), {
        failTitle: "Note not saved",
        onFail: () => setNoteOverlay((o) => overlayDrop(o, nodeId, note)),
      });
      if (data) setNoteOverlay((o) => overlaySaved(o, nodeId, note, genRef.current));
      return Boolean(data);
    },
    [enqueue, session.id],
  );

  const saveFeedback = useCallback(
    async (stepId: string, value: Feedback) => {
      const eq = (a: Feedback, b: Feedback) => sameFeedback(a, b);
      setFeedbackOverlay((o) => overlaySet(o, stepId, value));
      const data = await enqueue(() => submitStepFeedback({ sessionId: session.id, stepId, ...value }), {
        failTitle: "Feedback not saved",
        onFail: () => setFeedbackOverlay((o) => overlayDrop(o, stepId, value, eq)),
      });
      if (data) setFeedbackOverlay((o) => overlaySaved(o, stepId, value, genRef.current, eq));
      return Boolean(data);
    },
    [enqueue, session.id],
  );

  const value: RunnerContextValue = {
    session, readOnly, gen, currentGen, enqueue, values, definitions, saveVariable, notes, saveNote, feedback, saveFeedback,
    openVariables, openComplete, toggleHelp,
  };
  return <RunnerContext.Provider value={value}>{children}</RunnerContext.Provider>;
}
