// The OpenAPI 3.1 document of /api/v1 (public: it describes the API, it holds no data).
import { openApiDocument } from "@/lib/api/openapi";

export const dynamic = "force-static";

export function GET() {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
