// Clipboard and download helpers for the ticket note. Browsers differ: ClipboardItem (rich
// HTML) is missing in some, and navigator.clipboard is missing outside secure contexts (an
// MSP's self-hosted http:// install), where the old execCommand route still works.

function copyWithSelection(text: string): boolean {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand("copy");
  } finally {
    area.remove();
  }
}

export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch {
      // Fall through to the selection route (e.g. permission denied in an iframe).
    }
  }
  if (!copyWithSelection(text)) throw new Error("Clipboard unavailable");
}

/**
 * Copies HTML as rich text (text/html, with the plain-text note as text/plain for fields that
 * take no formatting). Where rich copy is unavailable, copies the HTML source as text.
 * Returns which of the two happened.
 */
export async function copyHtml(html: string, plain: string): Promise<"rich" | "source"> {
  if (typeof ClipboardItem !== "undefined" && navigator.clipboard?.write) {
    try {
      await navigator.clipboard.write([
        new ClipboardItem({
          "text/html": new Blob([html], { type: "text/html" }),
          "text/plain": new Blob([plain], { type: "text/plain" }),
        }),
      ]);
      return "rich";
    } catch {
      // Fall back to the source below.
    }
  }
  await copyText(html);
  return "source";
}

export function downloadFile(name: string, content: string, type: string) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** "outlook-keeps-disconnecting-2025-03-04" */
export function exportBaseName(flowName: string, at: string | null): string {
  const slug = flowName.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "session";
  return at ? `${slug}-${at.slice(0, 10)}` : slug;
}
