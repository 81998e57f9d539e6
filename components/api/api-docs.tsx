// The API reference, rendered from the OpenAPI document (the same one /api/v1/openapi.json serves).
import { Badge } from "@/components/ui/badge";
import { Markdown } from "@/components/ui/markdown";
import type { OpenApiDocument } from "@/lib/api/openapi";

type Parameter = { name: string; in: string; required: boolean; description?: string; schema: { type?: string; enum?: unknown[]; default?: unknown; format?: string } };
type Op = {
  operationId: string; summary: string; description?: string; "x-scope": string; parameters: Parameter[];
  requestBody?: { content: { "application/json": { schema: unknown } } };
  responses: Record<string, { description: string }>;
};

const METHOD_TONE = { get: "green", post: "brand", put: "amber", delete: "red" } as const;

function typeOf(schema: Parameter["schema"]): string {
  if (schema.enum) return schema.enum.map(String).join(" | ");
  return schema.format ? `${schema.type} (${schema.format})` : (schema.type ?? "any");
}

export function ApiDocs({ document, origin }: { document: OpenApiDocument; origin: string }) {
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method: method as keyof typeof METHOD_TONE, op: op as Op })),
  );
  const tags = [...new Set(operations.map((o) => (o.op as unknown as { tags: string[] }).tags[0]))];
  return (
    <div className="space-y-8 px-5 py-5">
      <section className="space-y-3 text-sm">
        <Markdown>{document.info.description}</Markdown>
        <pre className="overflow-x-auto rounded-md border border-border bg-muted p-3 font-mono text-xs">{`curl -H "Authorization: Bearer rf_live_…" "${origin}/api/v1/flows?q=printer&limit=10"`}</pre>
        <p>
          Machine-readable: <a className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-400" href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).
          Send <code className="font-mono">Idempotency-Key</code> on creates to retry safely. Over the key’s rate limit the answer is 429 with <code className="font-mono">Retry-After</code>.
        </p>
      </section>
      {tags.map((tag) => (
        <section key={tag} className="space-y-3" aria-labelledby={`tag-${tag}`}>
          <h2 id={`tag-${tag}`} className="text-lg font-semibold">{tag}</h2>
          {operations.filter((o) => (o.op as unknown as { tags: string[] }).tags[0] === tag).map(({ path, method, op }) => (
            <article key={op.operationId} className="rounded-md border border-border" id={op.operationId}>
              <header className="flex flex-wrap items-center gap-2 border-b border-border px-4 py-2">
                <Badge tone={METHOD_TONE[method]} className="uppercase">{method}</Badge>
                <code className="font-mono text-sm">/api/v1{path}</code>
                <span className="text-sm text-fg-muted">{op.summary}</span>
                <Badge className="ml-auto">scope: {op["x-scope"]}</Badge>
              </header>
              <div className="space-y-3 px-4 py-3 text-sm">
                {op.description && <p>{op.description}</p>}
                {op.parameters.length > 0 && (
                  <div className="overflow-x-auto">
                    <table className="w-full text-left text-xs">
                      <thead className="text-fg-muted"><tr><th className="py-1 pr-3 font-medium">Parameter</th><th className="py-1 pr-3 font-medium">In</th><th className="py-1 pr-3 font-medium">Type</th><th className="py-1 font-medium">Notes</th></tr></thead>
                      <tbody>
                        {op.parameters.map((p) => (
                          <tr key={`${p.in}-${p.name}`} className="border-t border-border">
                            <td className="py-1 pr-3 font-mono">{p.name}{p.required && <span className="text-red-600 dark:text-red-400">*</span>}</td>
                            <td className="py-1 pr-3">{p.in}</td>
                            <td className="py-1 pr-3 font-mono">{typeOf(p.schema)}</td>
                            <td className="py-1">{[p.description, p.schema.default !== undefined ? `default ${JSON.stringify(p.schema.default)}` : null].filter(Boolean).join(" · ")}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
                {op.requestBody && (
                  <details>
                    <summary className="cursor-pointer font-medium">Request body (JSON Schema)</summary>
                    <pre className="mt-2 max-h-80 overflow-auto rounded-md bg-muted p-3 font-mono text-xs">{JSON.stringify(op.requestBody.content["application/json"].schema, null, 2)}</pre>
                  </details>
                )}
                <Markdown className="text-xs text-fg-muted">{`Responses: ${Object.entries(op.responses).map(([code, r]) => `**${code}** ${r.description}`).join(" · ")}`}</Markdown>
              </div>
            </article>
          ))}
        </section>
      ))}
    </div>
  );
}
