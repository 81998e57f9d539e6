"use client";
// The Target lists tab: a page of the lists the viewer can use (name, count, the first labels),
// with edit (the editor loads the targets) and delete.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import type { TargetListRowData } from "@/lib/maintenance/queries";
import { deleteTargetList } from "@/lib/maintenance/targets.actions";
import { TargetListDialog } from "./target-list-dialog";

export function TargetListTable({ lists, canManage }: { lists: TargetListRowData[]; canManage: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const remove = useAction(deleteTargetList);
  // One editor for every row: a row sends two plain text buttons, not a dialog of its own.
  const [editing, setEditing] = useState<{ id: string; name: string } | null>(null);
  const [editorOpen, setEditorOpen] = useState(false);
  if (!lists.length) {
    return <p className="p-6 text-center text-sm text-fg-muted">No target lists yet.{canManage && " Create one to launch a maintenance flow on many servers in one click."}</p>;
  }
  return (
    <>
      <ul className="divide-y divide-border" data-testid="target-lists">
        {lists.map((list) => (
          <li key={list.id} className="tl-row">
            <div className="min-w-0 flex-1">
              <p className="font-medium">{`${list.name} `}<Badge className="ml-1">{`${list.count} ${list.count === 1 ? "target" : "targets"}`}</Badge> <Badge>{list.visibility === "team" ? "Team" : "Account"}</Badge></p>
              <p className="tl-meta">
                {`${list.preview.join(", ")}${list.count > list.preview.length ? ", …" : ""} · updated `}<LocalTime value={list.updatedAt} format="relative" />
              </p>
            </div>
            {canManage && list.editable && (
              <div className="flex gap-1">
                <Button variant="ghost" size="sm" onClick={() => { setEditing({ id: list.id, name: list.name }); setEditorOpen(true); }}>Edit</Button>
                <Button
                  variant="danger-ghost"
                  size="sm"
                  pending={remove.pending}
                  onClick={async () => {
                    if (!window.confirm(`Delete the target list "${list.name}"? Schedules using it are paused until you choose another list for them.`)) return;
                    const result = await remove.run({ listId: list.id });
                    if (result?.ok) {
                      toast({ title: "Target list deleted", tone: "success" });
                      router.refresh();
                    } else if (result) toast({ title: "Could not delete", description: result.error, tone: "error" });
                  }}
                >
                  Delete
                </Button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {editing && <TargetListDialog existing={editing} open={editorOpen} onOpenChange={setEditorOpen} />}
    </>
  );
}
