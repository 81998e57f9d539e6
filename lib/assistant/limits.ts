// Limits shared by the assistant's validation (browser and server) and its server code.
export const PROBLEM_MAX = 2_000;
