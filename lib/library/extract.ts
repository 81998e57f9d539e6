// Which steps of a published flow go into the step library, and how (SPEC §6, seeds 000/001).
// Pure: the publish transaction writes what this returns.
import type { Command, TypedStructure, Visibility } from "@/lib/flows/structure";

export type LibraryCommand = { label: string; command: string; commandType: string };
export type LibraryContent = { instructions: string; helpText: string; commands: LibraryCommand[]; groupLabel: string | null };

export type ExtractedStep = {
  sourceNodeId: string;
  title: string;
  type: "action" | "solution";
  content: LibraryContent;
  groupLabel: string | null;
  visibility: Visibility;
  searchText: string;
};

export const toLibraryCommands = (commands: Command[]): LibraryCommand[] =>
  commands.map((c) => ({ label: c.label, command: c.code, commandType: c.language }));

export function searchTextOf(title: string, content: Pick<LibraryContent, "instructions" | "commands">): string {
  return [title, content.instructions, ...content.commands.map((c) => `${c.label} ${c.command}`)].join("\n").toLowerCase().slice(0, 100_000);
}

/** Step's own library visibility, else public for a public flow, else team. */
export function libraryVisibility(flowVisibility: Visibility, stepVisibility: "team" | "public" | null | undefined): Visibility {
  if (stepVisibility) return stepVisibility;
  return flowVisibility === "public" ? "public" : "team";
}

function entry(sourceNodeId: string, title: string, type: "action" | "solution", content: LibraryContent, visibility: Visibility): ExtractedStep {
  return { sourceNodeId, title: title.slice(0, 200), type, content, groupLabel: content.groupLabel, visibility, searchText: searchTextOf(title, content) };
}

export function extractLibrarySteps(flow: TypedStructure & { visibility: Visibility }): ExtractedStep[] {
  if (flow.type !== "troubleshooting") {
    const out: ExtractedStep[] = [];
    let group: string | null = null;
    for (const item of flow.structure.steps) {
      if (item.type === "section_header") group = item.title;
      if (item.type !== "procedure_step") continue;
      out.push(
        entry(item.id, item.title, "action", {
          instructions: item.description || item.title,
          helpText: item.expectedOutcome,
          commands: toLibraryCommands(item.commands),
          groupLabel: group,
        }, libraryVisibility(flow.visibility, item.libraryVisibility)),
      );
    }
    return out;
  }
  const out: ExtractedStep[] = [];
  const visibility = libraryVisibility(flow.visibility, null);
  for (const [id, node] of Object.entries(flow.structure.nodes)) {
    if (node.type === "action") {
      out.push(entry(id, node.title, "action", { instructions: node.instructions || node.title, helpText: "", commands: toLibraryCommands(node.commands), groupLabel: null }, visibility));
    } else if (node.type === "solution") {
      out.push(entry(id, node.title, "solution", { instructions: node.resolution || node.title, helpText: "", commands: toLibraryCommands(node.commands), groupLabel: null }, visibility));
    }
  }
  return out;
}
