// Stands in for the `server-only` marker package under vitest, which runs server modules
// outside Next's "react-server" bundling (where the package resolves to an empty module too).
export {};
