"use client";
// The flow editor: metadata, variables and the structure editor of the flow's type, with
// Save draft (button and Ctrl/Cmd+S; a press while saving does nothing) and Publish.
import { Tabs } from "radix-ui";
import { ArrowLeft, Save, Send } from "@/components/ui/icons";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { FlowTypeBadge, StatusBadge } from "@/components/flows/flow-meta";
import { FlowMetaFields, type FlowMetaValue } from "@/components/flows/flow-meta-fields";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import { cn } from "@/lib/cn";
import { publishFlow, saveFlow } from "@/lib/flows/flows.actions";
import {
  parseStructure,
  validateStructure,
  type FlowStructure,
  type FlowType,
  type StructureIssue,
} from "@/lib/flows/structure";
import { applyIdMap } from "@/lib/flows/temp-id";
import { variableWarnings, type VariableDefinition } from "@/lib/flows/variables";
import { ProcedureEditor } from "./procedure-editor";
import { TreeEditor } from "./tree-editor";
import { VariablesPanel } from "./variables-panel";

export type EditableFlow = {
  id: string;
  type: FlowType;
  status: "draft" | "published";
  isActive: boolean;
  version: number;
  meta: FlowMetaValue;
  variables: VariableDefinition[];
  structure: FlowStructure;
};

/** Issues of the current editor content: shape problems first, then the publish rules. */
function computeIssues(type: FlowType, structure: FlowStructure): StructureIssue[] {
  const parsed = parseStructure(type, structure);
  return parsed.ok ? validateStructure(parsed.typed) : parsed.issues;
}

function issuesFromFieldErrors(fieldErrors: Record<string, string[]>): StructureIssue[] {
  return Object.entries(fieldErrors).flatMap(([key, messages]) =>
    messages.map((message) => (key.startsWith("node:") ? { path: key, nodeId: key.slice(5), message } : { path: key, message })),
  );
}

export function FlowEditor({ flow, categories }: { flow: EditableFlow; categories: string[] }) {
  const router = useRouter();
  const toast = useToast();
  const [meta, setMeta] = useState(flow.meta);
  const [variables, setVariables] = useState(flow.variables);
  const [structure, setStructure] = useState(flow.structure);
  const [status, setStatus] = useState(flow.status);
  const [version, setVersion] = useState(flow.version);
  const [dirty, setDirty] = useState(false);
  const [serverIssues, setServerIssues] = useState<StructureIssue[]>([]);
  const [tab, setTab] = useState("structure");
  const save = useAction(saveFlow);
  const publish = useAction(publishFlow);
  const busy = save.pending || publish.pending;
  // Set synchronously at the start of a save or publish: a second Ctrl+S or click in the same
  // tick (before React re-renders the disabled buttons) does nothing.
  const busyRef = useRef(false);

  const deferredStructure = useDeferredValue(structure);
  const issues = useMemo(() => {
    const local = computeIssues(flow.type, deferredStructure);
    return local.length ? local : serverIssues;
  }, [flow.type, deferredStructure, serverIssues]);
  const warnings = useMemo(() => variableWarnings(deferredStructure, variables, [meta.name, meta.description]), [deferredStructure, variables, meta.name, meta.description]);

  // Counts edits, so a save that returns knows whether the user changed anything meanwhile.
  const revision = useRef(0);
  const change = <T,>(setter: (value: T) => void) => (value: T) => {
    setter(value);
    revision.current++;
    setDirty(true);
  };

  // The content being sent, and the edit count it was taken at.
  const payload = useCallback(
    () => ({ sentAt: revision.current, input: { flowId: flow.id, ...meta, variables, structure } }),
    [flow.id, meta, variables, structure],
  );

  // Nothing typed since the save started: take the server's copy (new ids, normalised text).
  // Otherwise keep what is on screen and only rename the ids the server assigned, so edits made
  // while the save was in flight survive it and stay "unsaved".
  const onSaved = useCallback((sentAt: number, result: { structure: FlowStructure; idMap: Record<string, string> }) => {
    if (revision.current === sentAt) {
      setStructure(result.structure);
      setDirty(false);
    } else {
      setStructure((current) => applyIdMap(current, result.idMap));
    }
  }, []);

  const saveDraft = useCallback(async () => {
    if (busyRef.current) return;
    busyRef.current = true;
    const { sentAt, input } = payload();
    const result = await save.run(input).finally(() => (busyRef.current = false));
    if (!result) return;
    if (result.ok) {
      onSaved(sentAt, result.data);
      setServerIssues(result.data.issues);
      toast({ title: "Draft saved", description: result.data.issues.length ? `${result.data.issues.length} problem(s) to fix before publishing.` : "Ready to publish.", tone: "success" });
    } else {
      setServerIssues(issuesFromFieldErrors(result.fieldErrors ?? {}));
      toast({ title: "Not saved", description: result.error, tone: "error" });
    }
  }, [save, payload, onSaved, toast]);

  const publishNow = useCallback(async () => {
    if (busyRef.current) return;
    busyRef.current = true;
    const { sentAt, input } = payload();
    const result = await publish.run(input).finally(() => (busyRef.current = false));
    if (!result) return;
    if (result.ok) {
      onSaved(sentAt, result.data);
      setServerIssues([]);
      setStatus("published");
      setVersion(result.data.version);
      toast({ title: `Published version ${result.data.version}`, tone: "success" });
      router.refresh();
    } else {
      setServerIssues(issuesFromFieldErrors(result.fieldErrors ?? {}));
      if (Object.keys(result.fieldErrors ?? {}).some((k) => k.startsWith("variables") || ["name", "tags", "category", "visibility", "description"].some((f) => k.startsWith(f)))) {
        setTab(Object.keys(result.fieldErrors ?? {}).some((k) => k.startsWith("variables")) ? "variables" : "details");
      }
      toast({ title: "Not published", description: result.error, tone: "error" });
    }
  }, [publish, payload, onSaved, toast, router]);

  // Ctrl/Cmd+S saves the draft.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
        event.preventDefault();
        void saveDraft();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [saveDraft]);

  // Warn before leaving with unsaved changes.
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [dirty]);

  const fieldErrors = { ...save.fieldErrors, ...publish.fieldErrors };
  const nodeIssueCount = issues.length;

  return (
    <div className="space-y-4">
      <div className="sticky top-14 z-20 -mx-4 border-b border-border bg-bg/95 px-4 py-3 backdrop-blur md:-mx-6 md:px-6">
        <div className="flex flex-wrap items-center gap-3">
          <Link href={`/flows/${flow.id}`} className="rounded p-1 text-fg-muted hover:bg-muted" aria-label="Back to the flow page">
            <ArrowLeft className="h-5 w-5" />
          </Link>
          <div className="min-w-0 flex-1">
            <h1 className="truncate text-lg font-semibold" data-testid="editor-title">{meta.name || "Untitled flow"}</h1>
            <div className="flex flex-wrap items-center gap-2 text-xs text-fg-muted">
              <FlowTypeBadge type={flow.type} />
              <StatusBadge status={status} isActive={flow.isActive} />
              {version > 0 && <span>v{version} published</span>}
              <span aria-live="polite" data-testid="save-state">{busy ? "Saving…" : dirty ? "Unsaved changes" : "All changes saved"}</span>
            </div>
          </div>
          <Button variant="secondary" onClick={saveDraft} pending={save.pending} disabled={busy} title="Save draft (Ctrl+S)">
            <Save className="h-4 w-4" aria-hidden />Save draft
          </Button>
          <Button onClick={publishNow} pending={publish.pending} disabled={busy}>
            <Send className="h-4 w-4" aria-hidden />Publish
          </Button>
        </div>
      </div>

      {(save.error || publish.error) && !busy && (
        <Alert tone="error">{publish.error ?? save.error}</Alert>
      )}

      <Tabs.Root value={tab} onValueChange={setTab}>
        <Tabs.List className="flex gap-1 border-b border-border" aria-label="Editor sections">
          {[
            { value: "structure", label: flow.type === "troubleshooting" ? "Tree" : "Steps", count: nodeIssueCount, tone: "red" as const },
            { value: "details", label: "Details" },
            { value: "variables", label: "Variables", count: warnings.unknown.length, tone: "amber" as const, total: variables.length },
          ].map((t) => (
            <Tabs.Trigger
              key={t.value}
              value={t.value}
              className={cn(
                "-mb-px flex items-center gap-2 border-b-2 px-3 py-2 text-sm font-medium",
                tab === t.value ? "border-brand-600 text-brand-700 dark:text-brand-100" : "border-transparent text-fg-muted hover:text-fg",
              )}
            >
              {t.label}
              {"total" in t && t.total ? <span className="text-xs text-fg-muted">({t.total})</span> : null}
              {t.count ? <Badge tone={t.tone}>{t.count}</Badge> : null}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        <Tabs.Content value="structure" className="pt-4 focus:outline-none">
          {"nodes" in structure ? (
            <TreeEditor value={structure} onChange={change(setStructure)} issues={issues} />
          ) : (
            <ProcedureEditor value={structure} onChange={change(setStructure)} issues={issues} flowVisibility={meta.visibility} />
          )}
        </Tabs.Content>
        <Tabs.Content value="details" className="pt-4 focus:outline-none">
          <Card className="max-w-3xl p-6">
            <FlowMetaFields value={meta} onChange={change(setMeta)} errors={fieldErrors} categories={categories} idPrefix="edit-flow" />
          </Card>
        </Tabs.Content>
        <Tabs.Content value="variables" className="pt-4 focus:outline-none">
          <Card className="max-w-4xl p-6">
            <VariablesPanel value={variables} onChange={change(setVariables)} warnings={warnings} errors={fieldErrors} />
          </Card>
        </Tabs.Content>
      </Tabs.Root>
    </div>
  );
}
