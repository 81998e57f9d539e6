"use client";
import { Printer } from "@/components/ui/icons";
import { Button } from "@/components/ui/button";

export function PrintButton() {
  return (
    <Button type="button" size="sm" onClick={() => window.print()}>
      <Printer className="h-4 w-4" aria-hidden />
      Print
    </Button>
  );
}
