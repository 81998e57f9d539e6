"use client";
// The `c` shortcut: copy the current step's first command, variables resolved.
import type { useToast } from "@/components/ui/toast";
import type { Command } from "@/lib/flows/structure";
import { resolveText, type VariableValues } from "@/lib/sessions/variables";

export async function copyFirstCommand(commands: Command[], values: VariableValues, toast: ReturnType<typeof useToast>) {
  const first = commands[0];
  if (!first) return toast({ title: "No command to copy", description: "This step has no commands.", tone: "info" });
  try {
    await navigator.clipboard.writeText(resolveText(first.code, values));
    toast({ title: "Command copied", description: first.label || undefined, tone: "success" });
  } catch {
    toast({ title: "Could not copy", description: "Your browser blocked clipboard access. Use the Copy button instead.", tone: "error" });
  }
}
