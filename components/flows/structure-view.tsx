"use client";
// Read-only view of a flow's structure (flow page, old versions), using the editors' read-only mode.
import { ProcedureEditor } from "@/components/flow-editor/procedure-editor";
import { TreeEditor } from "@/components/flow-editor/tree-editor";
import type { FlowStructure, FlowType, ProcedureStructure, TreeStructure, Visibility } from "@/lib/flows/structure";

const noop = () => {};

export function StructureView({ type, structure, visibility }: { type: FlowType; structure: FlowStructure; visibility: Visibility }) {
  return type === "troubleshooting" ? (
    <TreeEditor value={structure as TreeStructure} onChange={noop} issues={[]} readOnly />
  ) : (
    <ProcedureEditor value={structure as ProcedureStructure} onChange={noop} issues={[]} flowVisibility={visibility} readOnly />
  );
}
