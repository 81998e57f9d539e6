"use client";
// Read-only view of a flow's structure (flow page, old versions), using the editors' read-only mode.
import { ProcedureEditor } from "@/components/flow-editor/procedure-editor";
import { TreeEditor } from "@/components/flow-editor/tree-editor";
import { asProcedure, asTree, type FlowStructure, type FlowType, type Visibility } from "@/lib/flows/structure";

const noop = () => {};

export function StructureView({ type, structure, visibility }: { type: FlowType; structure: FlowStructure; visibility: Visibility }) {
  return type === "troubleshooting" ? (
    <TreeEditor value={asTree(structure)} onChange={noop} issues={[]} readOnly />
  ) : (
    <ProcedureEditor value={asProcedure(structure)} onChange={noop} issues={[]} flowVisibility={visibility} readOnly />
  );
}
