// The sprite the list pages' icons point into must hold every icon components/ui/icons.tsx
// names, drawn by the installed lucide-react: regenerate it with `npm run icons:sprite`.
import { readFileSync } from "node:fs";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Copy, SPRITE_ICON_NAMES } from "@/components/ui/icons";
import { buildIconSprite, ICON_SPRITE_PATH } from "@/lib/cli/icon-sprite";

describe("icon sprite", () => {
  it("public/icons.svg is current (npm run icons:sprite)", () => {
    expect(readFileSync(ICON_SPRITE_PATH, "utf8")).toBe(buildIconSprite());
  });

  it("has one symbol per icon name, each with a drawing", () => {
    const sprite = buildIconSprite();
    for (const name of SPRITE_ICON_NAMES) expect(sprite).toMatch(new RegExp(`<symbol id="${name}" viewBox="0 0 24 24"><g [^>]+><(path|rect|circle|line|polyline)`));
  });

  it("an icon is a sized reference into the sprite, hidden from screen readers unless named", () => {
    expect(renderToStaticMarkup(createElement(Copy, { className: "h-4 w-4" }))).toBe(
      '<svg width="24" height="24" aria-hidden="true" class="h-4 w-4"><use href="/icons.svg#Copy"></use></svg>');
    expect(renderToStaticMarkup(createElement(Copy, { "aria-label": "Copy" }))).toBe(
      '<svg width="24" height="24" aria-label="Copy"><use href="/icons.svg#Copy"></use></svg>');
  });
});
