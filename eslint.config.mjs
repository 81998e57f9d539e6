import next from "eslint-config-next";

// The three floors: app → components → lib. Only lib talks to the database.
const DB_MODULES = ["@/lib/db", "@/lib/db/*", "**/lib/db", "**/lib/db/*"];

const config = [
  ...next,
  { ignores: ["lib/generated/**", ".next/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", {
        patterns: [
          {
            group: DB_MODULES,
            message: "Components never touch the database: a page loads data through lib/<domain>/queries and passes it down; server actions write.",
          },
          {
            // Their types are fine (import type); their code runs only on the server.
            group: ["@/lib/*/queries", "@/lib/*/access", "@/lib/auth/current-user", "@/lib/generated/prisma/client"],
            allowTypeImports: true,
            message: "Server-only module: import its types with `import type`, and get its data from the page (props) or a server action.",
          },
        ],
      }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", {
        patterns: [{
          group: DB_MODULES,
          allowTypeImports: true,
          message: "Pages, layouts and routes do not query the database: call a function of lib/<domain>/queries (which scopes by account inside the query).",
        }],
      }],
    },
  },
];

export default config;
