"use client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export default function WebhooksError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="space-y-4">
      <Alert tone="error">The webhook settings could not be loaded. Nothing was changed; try again in a moment.</Alert>
      <Button onClick={reset}>Try again</Button>
    </div>
  );
}
