"use client";
// The top of a finished session: what came of it, and the note for the customer's ticket.
import { DropdownMenu } from "radix-ui";
import { Braces, ChevronDown, ClipboardCopy, Clock, FileCode, FileDown, FileJson, FileText, Printer, User } from "@/components/ui/icons";
import Link from "next/link";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { cn } from "@/lib/cn";
import { LocalTime } from "@/components/ui/local-time";
import type { TicketExports, TicketRecord } from "@/lib/sessions/ticket";
import { formatDuration } from "@/lib/time/format";
import { EditNotesDialog } from "./edit-notes-dialog";
import { OUTCOME_STYLES, outcomeTone } from "./outcome-style";
import { copyHtml, copyText, downloadFile, exportBaseName } from "./ticket-clipboard";

const menuItem =
  "flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none select-none data-[highlighted]:bg-muted";

function Meta({ icon: Icon, children }: { icon: typeof Clock; children: ReactNode }) {
  return (
    <span className="inline-flex items-center gap-1.5">
      <Icon className="h-4 w-4 shrink-0 opacity-70" aria-hidden />
      {children}
    </span>
  );
}

function TextBlock({ title, text }: { title: string; text: string }) {
  return (
    <div>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-fg-muted">{title}</h3>
      <p className="mt-1 whitespace-pre-wrap wrap-break-word text-sm text-fg">{text}</p>
    </div>
  );
}

export type OutcomeCardProps = {
  sessionId: string;
  canEditNotes: boolean;
  record: TicketRecord;
  ticket: TicketExports;
};

export function OutcomeCard({ sessionId, canEditNotes, record, ticket }: OutcomeCardProps) {
  const toast = useToast();
  const style = OUTCOME_STYLES[outcomeTone(record.outcome)];
  const Icon = style.icon;
  const duration = formatDuration(record.durationSeconds);
  const baseName = exportBaseName(record.flow.name, record.completedAt ?? record.startedAt);

  const copy = async (format: "text" | "markdown" | "html") => {
    try {
      if (format === "html") {
        const how = await copyHtml(ticket.html, ticket.text);
        toast(
          how === "rich"
            ? { title: "Ticket note copied as HTML", description: "Paste it into a rich-text ticket editor.", tone: "success" }
            : { title: "HTML source copied", description: "This browser cannot copy rich text, so the HTML source was copied.", tone: "info" },
        );
      } else {
        await copyText(format === "text" ? ticket.text : ticket.markdown);
        toast({
          title: format === "text" ? "Ticket note copied" : "Ticket note copied as Markdown",
          description: format === "text" ? "Paste it into the ticket's internal or resolution note." : undefined,
          tone: "success",
        });
      }
    } catch {
      toast({ title: "Could not copy", description: "Your browser blocked clipboard access. Download the Markdown file or use the print view instead.", tone: "error" });
    }
  };

  return (
    <div>
      <section aria-labelledby="outcome-heading" className={cn("rounded-lg border shadow-sm", style.card)} data-outcome={record.outcome ?? "none"}>
        <div className="flex flex-wrap items-start justify-between gap-4 p-5">
          <div className="flex min-w-0 items-start gap-3">
            <Icon className={cn("mt-0.5 h-8 w-8 shrink-0", style.icon_)} aria-hidden />
            <div className="min-w-0">
              <p className="text-xs font-medium uppercase tracking-wide text-fg-muted">Outcome</p>
              <h2 id="outcome-heading" className={cn("text-xl font-semibold", style.label)}>{record.outcomeLabel}</h2>
              <p className="mt-1.5 flex flex-wrap gap-x-4 gap-y-1 text-sm text-fg-muted">
                {duration && <Meta icon={Clock}>{duration}</Meta>}
                {record.engineer && <Meta icon={User}>{record.engineer}{record.assignee ? ` (assigned: ${record.assignee})` : ""}</Meta>}
                {record.completedAt && <span>Completed <LocalTime value={record.completedAt} format="datetime-zone" /></span>}
              </p>
            </div>
          </div>
          <div className="flex shrink-0">
            <Button type="button" className="rounded-r-none" onClick={() => copy("text")}>
              <ClipboardCopy className="h-4 w-4" aria-hidden />
              Copy for ticket
            </Button>
            <DropdownMenu.Root modal={false}>
              <DropdownMenu.Trigger asChild>
                <Button type="button" className="rounded-l-none border-l border-white/25 px-2.5" aria-label="More ways to copy the ticket note">
                  <ChevronDown className="h-4 w-4" aria-hidden />
                </Button>
              </DropdownMenu.Trigger>
              <DropdownMenu.Portal>
                <DropdownMenu.Content align="end" sideOffset={4} className="z-50 min-w-52 rounded-md border border-border bg-surface p-1 text-fg shadow-lg">
                  <DropdownMenu.Item className={menuItem} onSelect={() => copy("text")}>
                    <FileText className="h-4 w-4" aria-hidden />
                    Copy as plain text
                  </DropdownMenu.Item>
                  <DropdownMenu.Item className={menuItem} onSelect={() => copy("markdown")}>
                    <FileCode className="h-4 w-4" aria-hidden />
                    Copy as Markdown
                  </DropdownMenu.Item>
                  <DropdownMenu.Item className={menuItem} onSelect={() => copy("html")}>
                    <Braces className="h-4 w-4" aria-hidden />
                    Copy as HTML
                  </DropdownMenu.Item>
                </DropdownMenu.Content>
              </DropdownMenu.Portal>
            </DropdownMenu.Root>
          </div>
        </div>

        {(record.notes || record.nextSteps || canEditNotes) && (
          <div className="space-y-4 border-t border-black/5 px-5 py-4 dark:border-white/10">
            {record.notes && <TextBlock title="Notes" text={record.notes} />}
            {record.nextSteps && <TextBlock title="Next steps" text={record.nextSteps} />}
            {!record.notes && !record.nextSteps && <p className="text-sm text-fg-muted">No notes or next steps were recorded.</p>}
            {canEditNotes && (
              <div className="-ml-3">
                <EditNotesDialog sessionId={sessionId} notes={record.notes} nextSteps={record.nextSteps} />
              </div>
            )}
          </div>
        )}
      </section>

      <div className="mt-3 flex flex-wrap items-center gap-2" role="group" aria-label="Export">
        <Button type="button" variant="secondary" size="sm" onClick={() => downloadFile(`${baseName}.md`, ticket.markdown, "text/markdown;charset=utf-8")}>
          <FileDown className="h-4 w-4" aria-hidden />
          Download Markdown
        </Button>
        <Button type="button" variant="secondary" size="sm" onClick={() => downloadFile(`${baseName}.json`, ticket.json, "application/json")}>
          <FileJson className="h-4 w-4" aria-hidden />
          Download JSON
        </Button>
        <Button asChild variant="secondary" size="sm">
          <Link href={`/sessions/${sessionId}/print`} target="_blank" rel="noopener">
            <Printer className="h-4 w-4" aria-hidden />
            Print view
          </Link>
        </Button>
      </div>
    </div>
  );
}
