// Bounded polling: every wait in these tests ends, with the last value seen in the failure.
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Calls probe() every intervalMs until accept(value) holds, at most timeoutMs; returns the value.
 * A probe that throws counts as not yet (its error is reported if time runs out).
 */
export async function until(what, probe, accept = Boolean, { timeoutMs = 15000, intervalMs = 250 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last, error;
  for (let attempt = 0; attempt < Math.ceil(timeoutMs / intervalMs) + 1; attempt++) {
    try {
      last = await probe();
      error = undefined;
      if (accept(last)) return last;
    } catch (e) {
      error = e;
    }
    if (Date.now() >= deadline) break;
    await sleep(intervalMs);
  }
  const seen = error ? `error: ${error.message}` : `last value: ${JSON.stringify(last)}`;
  throw new Error(`${what}: not within ${timeoutMs} ms (${seen})`);
}

export { sleep };
