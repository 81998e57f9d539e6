import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/ui/markdown";

// Markdown has no hooks, so calling it directly gives the element tree to render.
const render = (source: string) => renderToStaticMarkup(Markdown({ children: source }));

describe("Markdown", () => {
  it("renders GitHub-flavoured markdown", () => {
    const html = render("# Title\n\n- **bold** and `code`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~");
    expect(html).toContain("<h1");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toMatch(/<code[^>]*>code<\/code>/);
    expect(html).toContain("<table");
    expect(html).toContain("<del>old</del>");
  });

  it("never renders raw HTML, and keeps it visible as text", () => {
    const html = render('Run `ping` on <hostname>.\n\n<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">');
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain("&lt;hostname&gt;");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("opens links in a new tab without an opener, and drops script URLs", () => {
    const html = render("[runbook](https://example.com/r) [bad](javascript:alert(1))");
    expect(html).toMatch(/<a[^>]*href="https:\/\/example.com\/r"[^>]*>/);
    expect(html).toMatch(/<a[^>]*target="_blank"[^>]*rel="noopener noreferrer"|<a[^>]*rel="noopener noreferrer"[^>]*target="_blank"/);
    expect(html).not.toContain("javascript:");
  });
});
