/** Registers still waiting to send (0 when nothing is kept), read before signing out. */
export async function waitingCount(): Promise<number> {
  try {
    if (!(await indexedDB.databases()).some((d) => d.name === 'tessera-offline')) return 0;
    const { outboxItems } = await import('./store');
    return (await outboxItems()).length;
  } catch {
    return 0;
  }
}
