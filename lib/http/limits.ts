// Request size limits shared by next.config.ts (read at build) and proxy.ts (at request time).
// No imports: next.config.ts loads this file before the app's module aliases exist.

/**
 * Largest server-action request body. The largest thing an action takes is a flow import
 * (2 MB of UTF-8, FLOW_IMPORT_MAX_BYTES) or a flow save (structure capped at 1 MB); the body
 * carries that text JSON-escaped, which can grow it up to twice, so 4 MB always lets an
 * accepted input arrive to be checked by its schema, with the schema's own message.
 */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 4_000_000;
