/** MongoDB's own error conditions, recognised here so that nothing outside the store knows them. */
export function isDuplicateKeyError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}
