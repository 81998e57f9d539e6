import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Logo } from "@/components/shell/logo";
import { LocalTime } from "@/components/ui/local-time";
import { recentOutboxMessages } from "@/lib/mail/outbox";
import { outboxEnabled } from "@/lib/mail/transport";

export const metadata: Metadata = { title: "Dev outbox" };
export const dynamic = "force-dynamic";

function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/\S+)/g);
  return (
    <>
      {parts.map((part, i) =>
        /^https?:\/\//.test(part) ? (
          <a key={i} href={part} className="break-all text-brand-600 underline dark:text-brand-400">{part}</a>
        ) : (
          <span key={i}>{part}</span>
        ),
      )}
    </>
  );
}

// Shows mail written by the outbox transport: exists only with DEV_OUTBOX=1 and no SMTP_URL
// (a 404 otherwise), because it shows every account's reset and verification links to anyone.
export default async function OutboxPage() {
  if (!outboxEnabled()) notFound();
  const messages = await recentOutboxMessages();
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <div className="mb-6 flex items-center justify-between">
        <Logo />
        <span className="text-sm text-fg-muted">Development outbox</span>
      </div>
      <h1 className="text-2xl font-semibold">Outbox</h1>
      <p className="mt-1 text-sm text-fg-muted">
        DEV_OUTBOX=1 is set, so emails land here (and in the server log) instead of being sent. Newest first; the last 50 are kept on screen.
      </p>
      {messages.length === 0 ? (
        <p className="mt-8 rounded-lg border border-dashed border-border p-8 text-center text-sm text-fg-muted">
          No emails yet. Sign up, ask for a password reset or resend a verification email and it will appear here.
        </p>
      ) : (
        <ul className="mt-6 space-y-4">
          {messages.map((message) => (
            <li key={message.id} className="rounded-lg border border-border bg-surface p-4 shadow-sm" data-testid="outbox-message">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="font-medium">{message.subject}</h2>
                <LocalTime className="text-xs text-fg-muted" value={message.createdAt} format="relative" />
              </div>
              <p className="text-sm text-fg-muted wrap-anywhere">To: {message.to}</p>
              <pre className="mt-3 whitespace-pre-wrap font-sans text-sm wrap-anywhere"><Linkified text={message.text} /></pre>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
