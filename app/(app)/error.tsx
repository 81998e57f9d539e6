"use client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export default function AppError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="mx-auto max-w-lg space-y-4 py-12">
      <h1 className="text-xl font-semibold">This page could not be loaded</h1>
      <Alert tone="error">Something went wrong on our side. Your data is safe; try again in a moment.</Alert>
      <Button onClick={reset}>Try again</Button>
    </div>
  );
}
