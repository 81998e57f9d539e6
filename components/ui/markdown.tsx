// Renders user-written markdown (step descriptions, instructions, outcomes) safely: GitHub
// flavour (tables, task lists, strikethrough, autolinks), raw HTML turned into plain text, and
// rehype-sanitize as a second fence for whatever the markdown itself produces.
import ReactMarkdown, { type Components } from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";
import { cn } from "@/lib/cn";

/**
 * Raw HTML becomes literal text. Engineers write placeholders like `ping <hostname>`; treated as
 * HTML they would vanish (sanitize drops raw nodes), so they are kept visible instead.
 */
type HastNode = { type: string; value?: string; children?: HastNode[] };
function rehypeRawAsText() {
  const visit = (node: HastNode) => {
    if (!node.children) return;
    node.children = node.children.map((child) => (child.type === "raw" ? { type: "text", value: child.value ?? "" } : child));
    node.children.forEach(visit);
  };
  return (tree: HastNode) => visit(tree);
}

const components: Components = {
  h1: ({ node: _node, className, ...props }) => <h1 className={cn("mt-5 mb-2 text-xl font-semibold first:mt-0", className)} {...props} />,
  h2: ({ node: _node, className, ...props }) => <h2 className={cn("mt-5 mb-2 text-lg font-semibold first:mt-0", className)} {...props} />,
  h3: ({ node: _node, className, ...props }) => <h3 className={cn("mt-4 mb-1.5 text-base font-semibold first:mt-0", className)} {...props} />,
  h4: ({ node: _node, className, ...props }) => <h4 className={cn("mt-4 mb-1 text-sm font-semibold first:mt-0", className)} {...props} />,
  h5: ({ node: _node, className, ...props }) => <h5 className={cn("mt-3 mb-1 text-sm font-semibold first:mt-0", className)} {...props} />,
  h6: ({ node: _node, className, ...props }) => <h6 className={cn("mt-3 mb-1 text-sm font-medium text-fg-muted first:mt-0", className)} {...props} />,
  p: ({ node: _node, className, ...props }) => <p className={cn("my-2 first:mt-0 last:mb-0", className)} {...props} />,
  a: ({ node: _node, className, ...props }) => (
    <a
      className={cn("font-medium text-brand-600 underline underline-offset-2 hover:text-brand-700 dark:text-brand-100", className)}
      target="_blank"
      rel="noopener noreferrer"
      {...props}
    />
  ),
  ul: ({ node: _node, className, ...props }) => (
    <ul className={cn("my-2 list-disc space-y-1 pl-6 first:mt-0 last:mb-0 [&.contains-task-list]:list-none [&.contains-task-list]:pl-1", className)} {...props} />
  ),
  ol: ({ node: _node, className, ...props }) => <ol className={cn("my-2 list-decimal space-y-1 pl-6 first:mt-0 last:mb-0", className)} {...props} />,
  li: ({ node: _node, className, ...props }) => <li className={cn("pl-1 [&>ol]:my-1 [&>ul]:my-1", className)} {...props} />,
  input: ({ node: _node, className, ...props }) => <input className={cn("mr-1.5 align-middle", className)} {...props} />,
  blockquote: ({ node: _node, className, ...props }) => (
    <blockquote className={cn("my-3 border-l-4 border-border pl-3 text-fg-muted", className)} {...props} />
  ),
  hr: ({ node: _node, className, ...props }) => <hr className={cn("my-4 border-border", className)} {...props} />,
  pre: ({ node: _node, className, ...props }) => (
    <pre
      className={cn(
        "my-3 overflow-x-auto rounded-md border border-border bg-muted p-3 font-mono text-[0.8125rem] leading-relaxed",
        "[&>code]:rounded-none [&>code]:bg-transparent [&>code]:p-0 [&>code]:text-[1em]",
        className,
      )}
      {...props}
    />
  ),
  code: ({ node: _node, className, ...props }) => <code className={cn("rounded bg-muted px-1 py-0.5 font-mono text-[0.85em]", className)} {...props} />,
  table: ({ node: _node, className, ...props }) => (
    <div className="my-3 overflow-x-auto">
      <table className={cn("w-full border-collapse text-left text-sm", className)} {...props} />
    </div>
  ),
  th: ({ node: _node, className, ...props }) => <th className={cn("border border-border bg-muted px-3 py-1.5 font-semibold", className)} {...props} />,
  td: ({ node: _node, className, ...props }) => <td className={cn("border border-border px-3 py-1.5 align-top", className)} {...props} />,
  img: ({ node: _node, className, alt, ...props }) => (
    // eslint-disable-next-line @next/next/no-img-element -- user content from arbitrary hosts
    <img className={cn("my-2 max-w-full rounded border border-border", className)} alt={alt ?? ""} loading="lazy" referrerPolicy="no-referrer" {...props} />
  ),
};

/** Sanitised markdown for anything a user wrote. Never renders raw HTML. */
export function Markdown({ children, className }: { children: string; className?: string }) {
  return (
    <div className={cn("text-sm leading-relaxed break-words text-fg", className)}>
      <ReactMarkdown remarkPlugins={[remarkGfm]} rehypePlugins={[rehypeRawAsText, rehypeSanitize]} components={components}>
        {children}
      </ReactMarkdown>
    </div>
  );
}
