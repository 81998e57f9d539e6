import { ArrowDown, ArrowUp, Trash2 } from "@/components/ui/icons";
import { Button, type ButtonProps } from "@/components/ui/button";

type Extra = Omit<ButtonProps, "onClick" | "disabled" | "aria-label"> & { [data: `data-${string}`]: string };

/**
 * Move up, move down and remove for one entry of an editable list (a step's commands, a
 * question's answers). The arrows are disabled at the ends. `what` names the entry for screen
 * readers ("command 2", "answer “Yes”"); the extras carry ids or data attributes for focus.
 */
export function ListItemControls({
  what,
  index,
  count,
  onMove,
  onRemove,
  className,
  up,
  down,
}: {
  what: string;
  index: number;
  count: number;
  onMove: (index: number, delta: -1 | 1) => void;
  onRemove: (index: number) => void;
  className?: string;
  up?: Extra;
  down?: Extra;
}) {
  return (
    <>
      <Button {...up} type="button" variant="ghost" size="icon" className={className} aria-label={`Move ${what} up`} disabled={index === 0} onClick={() => onMove(index, -1)}>
        <ArrowUp className="h-4 w-4" aria-hidden />
      </Button>
      <Button {...down} type="button" variant="ghost" size="icon" className={className} aria-label={`Move ${what} down`} disabled={index === count - 1} onClick={() => onMove(index, 1)}>
        <ArrowDown className="h-4 w-4" aria-hidden />
      </Button>
      <Button type="button" variant="danger-ghost" size="icon" className={className} aria-label={`Remove ${what}`} onClick={() => onRemove(index)}>
        <Trash2 className="h-4 w-4" aria-hidden />
      </Button>
    </>
  );
}
