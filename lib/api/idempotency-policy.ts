// How long stored Idempotency-Key answers are kept (shared by the server code and the docs).
export const IDEMPOTENCY_RETENTION_HOURS = 24;
