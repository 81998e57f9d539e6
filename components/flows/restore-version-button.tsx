"use client";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import { restoreFlowVersion } from "@/lib/flows/flows.actions";

export function RestoreVersionButton({ flowId, version }: { flowId: string; version: number }) {
  const router = useRouter();
  const toast = useToast();
  const { run, pending } = useAction(restoreFlowVersion);
  return (
    <Button
      size="sm"
      variant="ghost"
      pending={pending}
      onClick={async () => {
        const result = await run({ flowId, version });
        if (!result) return;
        if (result.ok) {
          toast({ title: `Version ${version} restored as the draft`, description: "Publish it to make it current.", tone: "success" });
          router.push(`/flows/${flowId}/edit`);
        } else toast({ title: "Not restored", description: result.error, tone: "error" });
      }}
    >
      Restore as draft
    </Button>
  );
}
