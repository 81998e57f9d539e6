"use client";
// Toasts on radix-ui's Toast: `const toast = useToast(); toast({ title: "Copied" })`.
import { Toast } from "radix-ui";
import { createContext, useCallback, useContext, useState, type ReactNode } from "react";
import { cn } from "@/lib/cn";

type ToastInput = { title: string; description?: string; tone?: "success" | "error" | "info" };
type ToastItem = ToastInput & { id: number };

const ToastContext = createContext<(toast: ToastInput) => void>(() => {});

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const push = useCallback((toast: ToastInput) => {
    setToasts((current) => [...current.slice(-3), { ...toast, id: Date.now() + Math.random() }]);
  }, []);
  return (
    <ToastContext.Provider value={push}>
      <Toast.Provider swipeDirection="right" duration={4000}>
        {children}
        {toasts.map((toast) => (
          <Toast.Root
            key={toast.id}
            onOpenChange={(open) => !open && setToasts((current) => current.filter((t) => t.id !== toast.id))}
            className={cn(
              "rounded-lg border bg-surface px-4 py-3 shadow-lg data-[state=closed]:opacity-0 transition-opacity",
              toast.tone === "error" ? "border-red-300 dark:border-red-800" : "border-border",
            )}
          >
            <Toast.Title className={cn("text-sm font-semibold", toast.tone === "error" && "text-red-700 dark:text-red-300")}>
              {toast.title}
            </Toast.Title>
            {toast.description && <Toast.Description className="mt-1 text-sm text-fg-muted">{toast.description}</Toast.Description>}
          </Toast.Root>
        ))}
        <Toast.Viewport className="fixed bottom-4 right-4 z-[100] flex w-[360px] max-w-[calc(100vw-2rem)] flex-col gap-2 outline-none" />
      </Toast.Provider>
    </ToastContext.Provider>
  );
}

export const useToast = () => useContext(ToastContext);
