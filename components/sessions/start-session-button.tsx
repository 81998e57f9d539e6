"use client";
import { Play } from "@/components/ui/icons";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button, type ButtonProps } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import { startSession } from "@/lib/sessions/sessions.actions";

/** Starts a session at once (no form) and opens the runner. */
export function StartSessionButton({ flowId, label = "Start", ...props }: { flowId: string; label?: string } & ButtonProps) {
  const router = useRouter();
  const toast = useToast();
  const { run, pending } = useAction(startSession);
  const [navigating, setNavigating] = useState(false);
  return (
    <Button
      pending={pending || navigating}
      onClick={async () => {
        const result = await run({ flowId });
        if (!result) return;
        if (result.ok) {
          setNavigating(true);
          router.push(`/sessions/${result.data.id}`);
        } else toast({ title: "Could not start", description: result.error, tone: "error" });
      }}
      {...props}
    >
      <Play className="h-4 w-4" aria-hidden />
      {label}
    </Button>
  );
}
