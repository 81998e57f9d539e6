"use client";
import { ChevronRight, Flag, Trash2 } from "@/components/ui/icons";
import type { ReactNode } from "react";
import { CommandsEditor, CommandsView } from "@/components/flow-editor/commands-editor";
import { ProblemBox, problemLinkClass } from "@/components/flow-editor/problem-box";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { Markdown } from "@/components/ui/markdown";
import { cn } from "@/lib/cn";
import { TREE_NODE_TYPES, type StructureIssue, type TreeNode, type TreeNodeType, type TreeStructure } from "@/lib/flows/structure";
import { tempId } from "@/lib/flows/temp-id";
import { AnswersEditor } from "./answers-editor";
import { NODE_TYPES, NodeTypeChip, NodeTypeIcon } from "./node-type";
import { TargetSelect, type TargetOption } from "./target-select";
import {
  addAnswer,
  addChild,
  incomingLinks,
  moveAnswer,
  nodeText,
  pathTo,
  removeAnswer,
  renameAnswer,
  setActionMode,
  setTarget,
  updateNode,
  withNodeText,
  type Outline,
} from "./tree-ops";

const OUTCOMES = {
  solution: [
    { value: "resolved", label: "Resolved" },
    { value: "partially_resolved", label: "Partially resolved" },
  ],
  escalation: [
    { value: "escalated", label: "Escalated" },
    { value: "unresolved", label: "Unresolved (closed without a fix)" },
  ],
} as const;

const TEXT_LABEL: Record<TreeNodeType, string> = {
  question: "Description",
  action: "Instructions",
  solution: "Resolution",
  escalation: "Instructions for the hand-over",
};

export type PanelProps = {
  idPrefix: string;
  tree: TreeStructure;
  outline: Outline;
  nodeId: string;
  issues: StructureIssue[];
  options: TargetOption[];
  readOnly?: boolean;
  onChange: (next: TreeStructure) => void;
  /** Show another node (navigation, kept in read-only mode). */
  onSelect: (id: string) => void;
  onRequestDelete: () => void;
  onRequestType: (type: TreeNodeType) => void;
  onSetRoot: () => void;
};

/** Maps an issue path (structure.nodes.<id>.<field>…) to the control that fixes it. */
function fieldFor(idPrefix: string, issue: StructureIssue): string | null {
  const parts = issue.path.split(".");
  if (parts[0] !== "structure" || parts[1] !== "nodes" || parts.length < 4) return null;
  const [field, index, sub] = parts.slice(3);
  if (field === "title") return `${idPrefix}-title`;
  if (field === "description" || field === "instructions" || field === "resolution") return `${idPrefix}-text`;
  if (field === "escalateTo") return `${idPrefix}-escalate-to`;
  if (field === "answers" && index !== undefined) return `${idPrefix}-answers-${index}-${sub === "next" ? "target" : "label"}`;
  if (field === "commands" && index !== undefined) return `${idPrefix}-commands-${index}-${sub === "label" ? "label" : "code"}`;
  if (field === "next") return `${idPrefix}-next`;
  return null;
}

export function NodePanel(props: PanelProps) {
  const { idPrefix, tree, outline, nodeId, issues, readOnly, onSelect } = props;
  const node = tree.nodes[nodeId];
  const isRoot = tree.rootId === nodeId;
  const path = pathTo(tree, outline, nodeId);
  const reachable = outline.reachable.has(nodeId);
  const incoming = incomingLinks(tree, nodeId);

  return (
    <div className="space-y-5">
      <header className="space-y-3">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div className="flex min-w-0 flex-wrap items-center gap-2">
            <NodeTypeChip type={node.type} />
            {isRoot && (
              <Badge tone="brand">
                <Flag className="mr-1 h-3 w-3" aria-hidden /> Start node
              </Badge>
            )}
            {!reachable && !isRoot && <Badge tone="amber">Unlinked</Badge>}
          </div>
          {!readOnly && (
            <div className="flex flex-wrap gap-2">
              {!isRoot && (
                <Button type="button" variant="secondary" size="sm" onClick={props.onSetRoot}>
                  <Flag className="h-4 w-4" aria-hidden /> Set as start node
                </Button>
              )}
              <Button type="button" variant="secondary" size="sm" className="text-red-700 dark:text-red-400" onClick={props.onRequestDelete}>
                <Trash2 className="h-4 w-4" aria-hidden /> Delete node
              </Button>
            </div>
          )}
        </div>
        <h2 id={`${idPrefix}-heading`} tabIndex={-1} className="break-words text-lg font-semibold focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40">
          {node.title.trim() || <span className="text-fg-muted">(untitled)</span>}
        </h2>
        {(path.length > 1 || !reachable) && <Breadcrumb tree={tree} path={path} reachable={reachable} onSelect={onSelect} />}
      </header>

      {issues.length > 0 && (
        <ProblemBox
          role="group"
          aria-labelledby={`${idPrefix}-issues-heading`}
          titleId={`${idPrefix}-issues-heading`}
          title={issues.length === 1 ? "1 problem with this node" : `${issues.length} problems with this node`}
        >
          {issues.map((issue) => {
            const target = readOnly ? null : fieldFor(idPrefix, issue);
            return (
              <li key={`${issue.path}:${issue.message}`}>
                {target ? (
                  <button type="button" className={problemLinkClass} onClick={() => document.getElementById(target)?.focus()}>
                    {issue.message}
                  </button>
                ) : (
                  issue.message
                )}
              </li>
            );
          })}
        </ProblemBox>
      )}

      {readOnly ? <ReadOnlyBody {...props} node={node} /> : <EditBody {...props} node={node} />}

      <section aria-labelledby={`${idPrefix}-incoming`} className="border-t border-border pt-4">
        <h3 id={`${idPrefix}-incoming`} className="text-sm font-medium">Reached from</h3>
        {incoming.length === 0 ? (
          <p className="mt-1 text-sm text-fg-muted">
            {isRoot ? "Nothing — this is where the flow starts." : "Nothing links here yet. Pick this node as the target of an answer elsewhere, or make it the start node."}
          </p>
        ) : (
          <ul className="mt-1.5 flex flex-wrap gap-1.5">
            {incoming.map((link) => (
              <li key={`${link.from}:${link.answerIndex}`}>
                <button
                  type="button"
                  onClick={() => onSelect(link.from)}
                  className="inline-flex max-w-full items-start gap-1.5 rounded-md border border-border px-2 py-1 text-left text-sm hover:bg-muted"
                >
                  <NodeTypeIcon type={tree.nodes[link.from].type} className="mt-0.5 h-3.5 w-3.5" />
                  <span className="min-w-0 break-words">
                    {tree.nodes[link.from].title} <span className="text-fg-muted">· {link.label ?? "next step"}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function Breadcrumb({ tree, path, reachable, onSelect }: { tree: TreeStructure; path: ReturnType<typeof pathTo>; reachable: boolean; onSelect: (id: string) => void }) {
  return (
    <nav aria-label="Path from the start node">
      <ol className="flex flex-wrap items-center gap-x-1 gap-y-1 text-sm">
        {!reachable && (
          <li className="flex items-center gap-1 text-fg-muted">
            Unlinked <ChevronRight className="h-3.5 w-3.5" aria-hidden />
          </li>
        )}
        {path.map((step, i) => {
          const last = i === path.length - 1;
          const n = tree.nodes[step.nodeId];
          return (
            <li key={step.nodeId} className="flex min-w-0 items-center gap-1">
              {i > 0 && <ChevronRight className="h-3.5 w-3.5 shrink-0 text-fg-muted" aria-hidden />}
              {step.via && <span className="rounded bg-muted px-1.5 py-0.5 text-xs text-fg-muted">{step.via}</span>}
              {last ? (
                <span aria-current="location" className="flex min-w-0 items-center gap-1 font-medium">
                  <NodeTypeIcon type={n.type} className="h-3.5 w-3.5" />
                  <span className="max-w-[16rem] truncate" title={n.title}>{n.title}</span>
                </span>
              ) : (
                <button type="button" onClick={() => onSelect(step.nodeId)} className="flex min-w-0 items-center gap-1 rounded text-brand-700 hover:underline dark:text-brand-100">
                  <NodeTypeIcon type={n.type} className="h-3.5 w-3.5" />
                  <span className="max-w-[12rem] truncate" title={n.title}>{n.title}</span>
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

function EditBody({ idPrefix, tree, nodeId, node, options, onChange, onSelect, onRequestType }: PanelProps & { node: TreeNode }) {
  const replace = (next: TreeNode) => onChange(updateNode(tree, nodeId, () => next));
  const titleEmpty = node.title.trim() === "";
  const linkFrom = (answerIndex: number | null, type: TreeNodeType) => onChange(addChild(tree, nodeId, answerIndex, type, tempId).tree);


  const answersEditor = (node.type === "question" || node.type === "action") && (node.type === "question" || node.answers.length > 0) && (
    <AnswersEditor
      idPrefix={`${idPrefix}-answers`}
      nodeId={nodeId}
      answers={node.answers}
      options={options}
      onAdd={() => onChange(addAnswer(tree, nodeId, tempId))}
      onRename={(i, label) => onChange(renameAnswer(tree, nodeId, i, label))}
      onMove={(i, delta) => onChange(moveAnswer(tree, nodeId, i, delta))}
      onRemove={(i) => onChange(removeAnswer(tree, nodeId, i))}
      onTarget={(i, target) => onChange(setTarget(tree, nodeId, i, target))}
      onCreate={(i, type) => linkFrom(i, type)}
      onOpen={onSelect}
    />
  );

  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-[12rem_minmax(0,1fr)]">
        <Field id={`${idPrefix}-type`} label="Type">
          <Select id={`${idPrefix}-type`} value={node.type} onChange={(e) => onRequestType(e.target.value as TreeNodeType)}>
            {TREE_NODE_TYPES.map((type) => (
              <option key={type} value={type}>{NODE_TYPES[type].label}</option>
            ))}
          </Select>
        </Field>
        <Field id={`${idPrefix}-title`} label="Title" errors={titleEmpty ? ["Give it a title."] : undefined}>
          <Input id={`${idPrefix}-title`} value={node.title} maxLength={200} aria-invalid={titleEmpty} onChange={(e) => replace({ ...node, title: e.target.value })} />
        </Field>
      </div>

      {node.type === "escalation" && (
        <Field id={`${idPrefix}-escalate-to`} label="Escalate to" help="A team, queue or person, e.g. “Network team (L2)”.">
          <Input id={`${idPrefix}-escalate-to`} value={node.escalateTo} maxLength={200} onChange={(e) => replace({ ...node, escalateTo: e.target.value })} />
        </Field>
      )}

      <Field id={`${idPrefix}-text`} label={TEXT_LABEL[node.type]}>
        <Textarea id={`${idPrefix}-text`} rows={4} value={nodeText(node)} onChange={(e) => replace(withNodeText(node, e.target.value))} />
      </Field>

      {(node.type === "solution" || node.type === "escalation") && (
        <Field id={`${idPrefix}-outcome`} label="Outcome" help="Recorded on the session when it ends here.">
          <Select
            id={`${idPrefix}-outcome`}
            className="sm:max-w-xs"
            value={node.outcome}
            onChange={(e) =>
              replace(
                node.type === "solution"
                  ? { ...node, outcome: e.target.value as typeof node.outcome }
                  : { ...node, outcome: e.target.value as typeof node.outcome },
              )
            }
          >
            {OUTCOMES[node.type].map((o) => (
              <option key={o.value} value={o.value}>{o.label}</option>
            ))}
          </Select>
        </Field>
      )}

      {(node.type === "action" || node.type === "solution") && (
        <CommandsEditor idPrefix={`${idPrefix}-commands`} commands={node.commands} onChange={(commands) => replace({ ...node, commands })} />
      )}

      {node.type === "question" && (
        <section aria-labelledby={`${idPrefix}-answers-heading`} className="space-y-2">
          <h3 id={`${idPrefix}-answers-heading`} className="text-sm font-medium">Answers</h3>
          {answersEditor}
        </section>
      )}

      {node.type === "action" && (
        <section aria-labelledby={`${idPrefix}-after-heading`} className="space-y-2">
          <h3 id={`${idPrefix}-after-heading`} className="text-sm font-medium">After this step</h3>
          <div role="radiogroup" aria-labelledby={`${idPrefix}-after-heading`} className="flex flex-wrap gap-x-5 gap-y-1 text-sm">
            {(
              [
                ["next", "Go on to one next step"],
                ["answers", "Ask for an answer"],
              ] as const
            ).map(([mode, label]) => (
              <label key={mode} className="flex cursor-pointer items-center gap-2">
                <input
                  type="radio"
                  name={`${idPrefix}-after`}
                  className="h-4 w-4 accent-brand-600"
                  checked={(node.answers.length > 0 ? "answers" : "next") === mode}
                  onChange={() => onChange(setActionMode(tree, nodeId, mode, tempId))}
                />
                {label}
              </label>
            ))}
          </div>
          {node.answers.length > 0 ? (
            answersEditor
          ) : (
            <NextStep idPrefix={idPrefix} nodeId={nodeId} value={node.next} options={options} onChange={(target) => onChange(setTarget(tree, nodeId, null, target))} onCreate={(type) => linkFrom(null, type)} onOpen={onSelect} />
          )}
        </section>
      )}
    </div>
  );
}

function NextStep({
  idPrefix,
  nodeId,
  value,
  options,
  onChange,
  onCreate,
  onOpen,
}: {
  idPrefix: string;
  nodeId: string;
  value: string | null;
  options: TargetOption[];
  onChange: (target: string | null) => void;
  onCreate: (type: TreeNodeType) => void;
  onOpen: (id: string) => void;
}) {
  const dangling = value !== null && !options.some((o) => o.id === value);
  return (
    <div className={cn("rounded-md border p-2.5", dangling ? "border-red-300 bg-red-50/60 dark:border-red-900 dark:bg-red-950/30" : "border-border")}>
      <label htmlFor={`${idPrefix}-next`} className="mb-1 block text-xs font-medium">Next step</label>
      <TargetSelect id={`${idPrefix}-next`} label="Next step" value={value} selfId={nodeId} options={options} onPick={onChange} onCreate={onCreate} onOpen={onOpen} describedBy={dangling ? `${idPrefix}-next-dangling` : undefined} />
      {dangling && (
        <p id={`${idPrefix}-next-dangling`} className="mt-1 text-xs font-medium text-red-700 dark:text-red-300">
          Points at a deleted node — choose a target.
        </p>
      )}
    </div>
  );
}

function ReadOnlyText({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <h3 className="text-sm font-medium">{label}</h3>
      <div className="mt-1 whitespace-pre-wrap break-words text-sm text-fg">{children}</div>
    </div>
  );
}

function ReadOnlyBody({ tree, nodeId, node, onSelect }: PanelProps & { node: TreeNode }) {
  const targetButton = (target: string | null) => {
    if (target === null) return <span className="text-fg-muted italic">not linked</span>;
    const t = tree.nodes[target];
    if (!t) return <span className="font-medium text-red-700 dark:text-red-300">a deleted node</span>;
    return (
      <button type="button" onClick={() => onSelect(target)} className="inline-flex min-w-0 items-center gap-1 text-brand-700 hover:underline dark:text-brand-100">
        <NodeTypeIcon type={t.type} className="h-3.5 w-3.5" />
        <span className="truncate">{t.title}{target === nodeId ? " (this node)" : ""}</span>
      </button>
    );
  };
  const text = nodeText(node);
  return (
    <div className="space-y-4">
      {node.type === "escalation" && <ReadOnlyText label="Escalate to">{node.escalateTo || <span className="text-fg-muted">Not set</span>}</ReadOnlyText>}
      {/* Rendered as the runner renders it, so the preview shows what the engineer will see. */}
      <div>
        <h3 className="text-sm font-medium">{TEXT_LABEL[node.type]}</h3>
        {text.trim() ? <Markdown className="mt-1">{text}</Markdown> : <p className="mt-1 text-sm text-fg-muted">None</p>}
      </div>
      {(node.type === "solution" || node.type === "escalation") && (
        <ReadOnlyText label="Outcome">{OUTCOMES[node.type].find((o) => o.value === node.outcome)?.label ?? node.outcome}</ReadOnlyText>
      )}
      {(node.type === "action" || node.type === "solution") && (
        <CommandsView commands={node.commands} />
      )}
      {(node.type === "question" || (node.type === "action" && node.answers.length > 0)) && (
        <div>
          <h3 className="text-sm font-medium">Answers</h3>
          <ol className="mt-1 space-y-1 text-sm">
            {node.answers.map((answer, i) => (
              <li key={i} className="flex flex-wrap items-center gap-1.5">
                <span className="rounded bg-muted px-1.5 py-0.5">{answer.label}</span>
                <span className="text-fg-muted" aria-hidden>→</span>
                <span className="sr-only">leads to</span>
                {targetButton(answer.next)}
              </li>
            ))}
          </ol>
        </div>
      )}
      {node.type === "action" && node.answers.length === 0 && (
        <div className="text-sm">
          <h3 className="font-medium">Next step</h3>
          <p className="mt-1">{targetButton(node.next)}</p>
        </div>
      )}
    </div>
  );
}
