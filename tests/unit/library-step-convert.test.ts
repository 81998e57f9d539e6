import { describe, expect, it } from "vitest";
import { libraryStepToCustomStep, libraryStepToProcedureStep, toFlowCommands } from "@/components/library/library-step-convert";
import { procedureItemSchema } from "@/lib/flows/structure";
import type { LibraryCard } from "@/lib/library/queries";
import { customStepSchema } from "@/lib/sessions/runtime";

function card(overrides: Partial<LibraryCard["content"]> & { title?: string } = {}): Pick<LibraryCard, "title" | "content"> {
  const { title = "Flush the DNS cache", ...content } = overrides;
  return {
    title,
    content: {
      instructions: "Run it in an **elevated** prompt.",
      helpText: "Successfully flushed the DNS Resolver Cache.",
      commands: [
        { label: "Flush", command: "ipconfig /flushdns", commandType: "cmd" },
        { label: "", command: "Clear-DnsClientCache", commandType: "powershell" },
      ],
      groupLabel: "Network",
      ...content,
    },
  };
}

describe("libraryStepToProcedureStep", () => {
  it("maps title, instructions, help text and commands onto a new action step", () => {
    const step = libraryStepToProcedureStep(card());
    expect(step).toEqual({
      id: expect.stringMatching(/^tmp-[0-9a-f-]{36}$/),
      type: "procedure_step",
      title: "Flush the DNS cache",
      description: "Run it in an **elevated** prompt.",
      expectedOutcome: "Successfully flushed the DNS Resolver Cache.",
      commands: [
        { language: "cmd", code: "ipconfig /flushdns", label: "Flush" },
        { language: "powershell", code: "Clear-DnsClientCache", label: "" },
      ],
      contentType: "action",
      libraryVisibility: null,
    });
  });

  it("gives every insert its own temporary id", () => {
    expect(libraryStepToProcedureStep(card()).id).not.toBe(libraryStepToProcedureStep(card()).id);
  });

  it("produces a step the flow structure accepts as is", () => {
    const step = libraryStepToProcedureStep(card({ title: "x".repeat(300), commands: Array.from({ length: 60 }, (_, i) => ({ label: "", command: `echo ${i}`, commandType: "bash" })) }));
    expect(step.title).toHaveLength(200);
    expect(step.commands).toHaveLength(50);
    expect(procedureItemSchema.parse(step)).toEqual(step);
  });

  it("falls back to a title when the library step has none", () => {
    expect(libraryStepToProcedureStep(card({ title: "   " })).title).toBe("Untitled step");
  });
});

describe("toFlowCommands", () => {
  it("drops blank commands and maps unknown command types to plain text", () => {
    expect(
      toFlowCommands([
        { label: "a", command: "  ", commandType: "bash" },
        { label: "b", command: "whoami", commandType: "zsh" },
      ]),
    ).toEqual([{ language: "text", code: "whoami", label: "b" }]);
  });
});

describe("libraryStepToCustomStep", () => {
  it("keeps title and commands and puts the help text after the instructions", () => {
    expect(libraryStepToCustomStep(card())).toEqual({
      title: "Flush the DNS cache",
      instructions: "Run it in an **elevated** prompt.\n\n**Expected outcome:** Successfully flushed the DNS Resolver Cache.",
      commands: [
        { language: "cmd", code: "ipconfig /flushdns", label: "Flush" },
        { language: "powershell", code: "Clear-DnsClientCache", label: "" },
      ],
    });
  });

  it("leaves the instructions alone when there is no help text", () => {
    expect(libraryStepToCustomStep(card({ helpText: "  " })).instructions).toBe("Run it in an **elevated** prompt.");
    expect(libraryStepToCustomStep(card({ instructions: "", helpText: "Done." })).instructions).toBe("**Expected outcome:** Done.");
  });

  it("stays within the custom step limits", () => {
    const big = card({
      instructions: "i".repeat(20_000),
      commands: Array.from({ length: 30 }, (_, i) => ({ label: "", command: `echo ${i}`, commandType: "bash" })),
    });
    const step = libraryStepToCustomStep(big);
    expect(step.instructions).toHaveLength(20_000);
    expect(step.commands).toHaveLength(20);
    expect(customStepSchema.parse(step)).toEqual(step);
  });
});
