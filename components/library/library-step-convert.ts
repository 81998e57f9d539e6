// Turning a library step into the step it becomes when inserted: a procedure step in the flow
// editor, or a custom step in a running session. Pure, so both callers insert the same thing.
import { COMMAND_LANGUAGES, type Command, type CommandLanguage, type ProcedureStep } from "@/lib/flows/structure";
import type { LibraryCommand } from "@/lib/library/extract";
import type { LibraryCard } from "@/lib/library/queries";
import type { CustomStep } from "@/lib/sessions/runtime";
import { tempId } from "@/lib/flows/temp-id";

type ConvertibleStep = Pick<LibraryCard, "title" | "content">;

// The limits of the targets (lib/flows/structure.ts procedure steps, lib/sessions/runtime.ts
// custom steps), so an insert never fails validation on save.
const MAX_TITLE = 200;
const MAX_PROCEDURE_COMMANDS = 50;
const MAX_CUSTOM_COMMANDS = 20;
const MAX_INSTRUCTIONS = 20_000;
const MAX_EXPECTED_OUTCOME = 5_000;

const languageOf = (commandType: string): CommandLanguage =>
  (COMMAND_LANGUAGES as readonly string[]).includes(commandType) ? (commandType as CommandLanguage) : "text";

/** Library commands ({label, command, commandType}) as flow commands ({language, code, label}); blank ones dropped. */
export function toFlowCommands(commands: readonly LibraryCommand[]): Command[] {
  return commands
    .filter((c) => c.command.trim() !== "")
    .map((c) => ({ language: languageOf(c.commandType), code: c.command, label: c.label ?? "" }));
}

const titleOf = (step: ConvertibleStep) => step.title.trim().slice(0, MAX_TITLE) || "Untitled step";

/** A new procedure step (temporary id, like any step added in the editor) from a library step. */
export function libraryStepToProcedureStep(step: ConvertibleStep): ProcedureStep {
  return {
    id: tempId(),
    type: "procedure_step",
    title: titleOf(step),
    description: step.content.instructions.slice(0, MAX_INSTRUCTIONS),
    expectedOutcome: step.content.helpText.slice(0, MAX_EXPECTED_OUTCOME),
    commands: toFlowCommands(step.content.commands).slice(0, MAX_PROCEDURE_COMMANDS),
    contentType: "action",
    libraryVisibility: null,
  };
}

/**
 * The fields of a session's custom step. A custom step has no "expected outcome", so the
 * library step's help text follows the instructions rather than being lost.
 */
export function libraryStepToCustomStep(step: ConvertibleStep): Pick<CustomStep, "title" | "instructions" | "commands"> {
  const { instructions, helpText } = step.content;
  const text = helpText.trim() ? `${instructions.trimEnd()}${instructions.trim() ? "\n\n" : ""}**Expected outcome:** ${helpText.trim()}` : instructions;
  return {
    title: titleOf(step),
    instructions: text.slice(0, MAX_INSTRUCTIONS),
    commands: toFlowCommands(step.content.commands).slice(0, MAX_CUSTOM_COMMANDS),
  };
}
