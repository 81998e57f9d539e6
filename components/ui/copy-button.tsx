"use client";
import { Check, Copy } from "@/components/ui/icons";
import { useState } from "react";
import { Button, type ButtonProps } from "./button";
import { useToast } from "./toast";

/** Copies `value` to the clipboard and confirms with a toast. */
export function CopyButton({ value, label = "Copy", toastTitle = "Copied to clipboard", ...props }: { value: string; label?: string; toastTitle?: string } & ButtonProps) {
  const toast = useToast();
  const [copied, setCopied] = useState(false);
  return (
    <Button
      type="button"
      variant="secondary"
      size="sm"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(value);
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
          toast({ title: toastTitle, tone: "success" });
        } catch {
          toast({ title: "Could not copy", description: "Your browser blocked clipboard access. Select the text and copy it by hand.", tone: "error" });
        }
      }}
      {...props}
    >
      {copied ? <Check className="h-4 w-4" aria-hidden /> : <Copy className="h-4 w-4" aria-hidden />}
      {label}
    </Button>
  );
}
