"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { SessionProvider } from "next-auth/react";
import { ThemeProvider } from "next-themes";
import { useEffect, useState, type ReactNode } from "react";
import { ToastProvider } from "@/components/ui/toast";

export function Providers({ nonce, children }: { nonce?: string; children: ReactNode }) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, retry: 1 } } }));
  // <html data-hydrated> once React has taken over the page (after the streamed parts hydrate, when
  // the main thread is idle): until then a click or key press does nothing. Browser tests wait for it.
  useEffect(() => {
    const mark = () => document.documentElement.setAttribute("data-hydrated", "");
    if (typeof window.requestIdleCallback !== "function") return void setTimeout(mark, 0);
    const handle = window.requestIdleCallback(mark);
    return () => window.cancelIdleCallback(handle);
  }, []);
  return (
    <SessionProvider refetchOnWindowFocus={false}>
      <ThemeProvider nonce={nonce} attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange>
        <QueryClientProvider client={queryClient}>
          <ToastProvider>{children}</ToastProvider>
        </QueryClientProvider>
      </ThemeProvider>
    </SessionProvider>
  );
}
