/** The error `promise` rejects with; fails the test when it resolves instead. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the promise to reject, but it resolved');
}

/** The errors `promises` reject with, awaited together; fails the test when any resolves. */
export async function rejectionsOf(promises: Promise<unknown>[]): Promise<unknown[]> {
  const results = await Promise.allSettled(promises);
  return results.map((result, index) => {
    if (result.status === 'rejected') return result.reason as unknown;
    throw new Error(`Expected promise ${index} to reject, but it resolved`);
  });
}
