// npm run icons:sprite — writes public/icons.svg: one <symbol> per icon in SPRITE_ICON_NAMES
// (components/ui/icons.tsx), drawn by lucide-react itself, so the sprite matches the package
// version installed. Run it after adding a name; tests/unit/icon-sprite.test.ts checks it is current.
import { writeFileSync } from "node:fs";
import path from "node:path";
import * as lucide from "lucide-react";
import { createElement, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { SPRITE_ICON_NAMES } from "../../components/ui/icons";

export const ICON_SPRITE_PATH = path.resolve(import.meta.dirname, "../../public/icons.svg");

export function buildIconSprite(): string {
  const symbols = SPRITE_ICON_NAMES.map((name) => {
    const component = (lucide as unknown as Record<string, ComponentType>)[name];
    if (!component) throw new Error(`lucide-react has no icon named ${name}`);
    const markup = renderToStaticMarkup(createElement(component));
    const inner = /^<svg[^>]*>([\s\S]*)<\/svg>$/.exec(markup)?.[1];
    if (inner === undefined) throw new Error(`unexpected markup for ${name}: ${markup.slice(0, 80)}`);
    // Lucide's drawing attributes go on a group: the <use> in the page only sizes and colours it.
    return `<symbol id="${name}" viewBox="0 0 24 24"><g fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${inner}</g></symbol>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg">\n${symbols.join("\n")}\n</svg>\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  writeFileSync(ICON_SPRITE_PATH, buildIconSprite());
  console.log(`wrote ${path.relative(process.cwd(), ICON_SPRITE_PATH)} (${SPRITE_ICON_NAMES.length} icons)`);
}
