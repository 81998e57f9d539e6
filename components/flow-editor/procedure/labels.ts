// Words and colours the procedure editor uses for content types, languages and visibility.
import type { CommandLanguage, ContentType, ProcedureItem, ProcedureStep, Visibility } from "@/lib/flows/structure";

export const CONTENT_TYPE_META: Record<ContentType, { label: string; help: string; tone: "brand" | "green" | "neutral" | "amber" }> = {
  action: { label: "Action", help: "Something the engineer does.", tone: "brand" },
  verification: { label: "Verification", help: "A check that the previous work succeeded.", tone: "green" },
  information: { label: "Information", help: "Context to read; nothing to do.", tone: "neutral" },
  warning: { label: "Warning", help: "A caution to heed before going on.", tone: "amber" },
};

export const LANGUAGE_LABELS: Record<CommandLanguage, string> = {
  powershell: "PowerShell",
  cmd: "Command Prompt",
  bash: "Bash / shell",
  sql: "SQL",
  text: "Plain text",
};

/** What "inherit" resolves to for the step library (SPEC §6): public if the flow is public, else team. */
export const inheritedLibraryVisibility = (flowVisibility: Visibility): "team" | "public" => (flowVisibility === "public" ? "public" : "team");

export const LIBRARY_VISIBILITY_LABELS = { team: "Team", public: "Public" } as const;

export function effectiveLibraryVisibility(step: ProcedureStep, flowVisibility: Visibility): "team" | "public" {
  return step.libraryVisibility ?? inheritedLibraryVisibility(flowVisibility);
}

/** A short name for an item, for buttons, dialogs and screen-reader announcements. */
export function itemName(item: ProcedureItem, number: number | undefined): string {
  const title = item.title.trim() || "untitled";
  if (item.type === "section_header") return `section "${title}"`;
  if (item.type === "procedure_end") return `closing step "${title}"`;
  return `step ${number ?? ""} "${title}"`.replace("  ", " ");
}

export const KIND_LABELS: Record<ProcedureItem["type"], string> = {
  section_header: "Section",
  procedure_step: "Step",
  procedure_end: "Closing step",
};
