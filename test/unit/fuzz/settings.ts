import fc from 'fast-check';
import { expect, vi } from 'vitest';

// Seeded, reproducible property runs: a few hundred cases per parser in the default suite,
// FUZZ_RUNS (npm run fuzz: 10,000) in the dedicated run. A failure prints its seed and path;
// FUZZ_SEED replays it.

export const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
export const SEED = Number(process.env.FUZZ_SEED ?? 1313);

// The dedicated run's 10,000 cases per property take longer than a unit test may by default.
vi.setConfig({ testTimeout: 10_000 + RUNS * 20 });

/** Every property: this many cases, this seed, and a per-case bound (no hang). */
export const params = { numRuns: RUNS, seed: SEED, timeout: 2_000, endOnFailure: true } as const;

/** A recognisable secret that no parser output may repeat. */
export const CANARY = 'Canary-Secret-7f3a9c';

/** Text that sometimes carries the canary, sometimes protocol-looking noise. */
export const noisyText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(CANARY, `* OK ${CANARY}`, `-ERR ${CANARY}`, `NO "${CANARY}"`),
  fc.tuple(fc.string({ maxLength: 40 }), fc.constant(CANARY)).map(([a, b]) => a + b),
);

/** Runs a property and checks that memory stayed bounded across all its cases. */
export async function assertBounded<T>(property: fc.IRawProperty<T>): Promise<void> {
  const before = process.memoryUsage().rss;
  await fc.assert(property, params);
  expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
}

/** A clear error: one of ours or a plain Error with a short one-line message. */
export function expectClearError(err: unknown): void {
  expect(err).toBeInstanceOf(Error);
  const message = (err as Error).message;
  expect(message.length).toBeGreaterThan(0);
  expect(message.length).toBeLessThan(600);
  expect(message.includes(CANARY)).toBe(false);
}
