"use client";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";

/**
 * A secret shown once (an invite code, an API key): the value in a box with a Copy button,
 * whatever else the caller adds below it, and Done. The server keeps only a hash, so the
 * description says it cannot be shown again.
 */
export function SecretDialog({
  secret,
  onClose,
  title,
  description,
  copyLabel,
  testId,
  large = false,
  before,
  children,
}: {
  secret: string | null;
  onClose: () => void;
  title: string;
  description: string;
  copyLabel: string;
  testId: string;
  /** A short code reads better large and spaced; a long key wraps. */
  large?: boolean;
  before?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <Dialog open={secret !== null} onOpenChange={(open) => !open && onClose()} title={title} description={description}>
      <div className="space-y-4">
        {before}
        <div className="flex items-center justify-between gap-3 rounded-md border border-border bg-muted px-4 py-3">
          <code className={large ? "font-mono text-lg tracking-wider" : "min-w-0 break-all font-mono text-sm"} data-testid={testId}>{secret}</code>
          <CopyButton value={secret ?? ""} label={copyLabel} />
        </div>
        {children}
        <div className="flex justify-end"><Button onClick={onClose}>Done</Button></div>
      </div>
    </Dialog>
  );
}
