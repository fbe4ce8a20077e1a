import type { Verdict } from '../../../protocol/verdicts.js';

/** A check that stopped with a verdict other than ok; `detail` is technical, never secret. */
export class CheckFailure extends Error {
  constructor(
    readonly verdict: Exclude<Verdict, 'ok'>,
    readonly detail: string,
    /** Extra facts the hint wording needs (e.g. the certificate's names). */
    readonly facts: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
    this.name = 'CheckFailure';
  }
}

/** A step ran past its own deadline (or the run's). */
export class StepTimeout extends Error {
  constructor(readonly step: string) {
    super(`${step} timed out`);
    this.name = 'StepTimeout';
  }
}
