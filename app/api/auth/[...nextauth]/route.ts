import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { controlCharactersResponse, requestHasControlCharacters } from "@/lib/http/route";

const handler = async (request: Request, context: { params: Promise<{ nextauth: string[] }> }) =>
  // next-auth answers 500 to a NUL in a callback URL, form field or cookie: refuse those first.
  (await requestHasControlCharacters(request)) ? controlCharactersResponse() : NextAuth(authOptions())(request, context);

export { handler as GET, handler as POST };
