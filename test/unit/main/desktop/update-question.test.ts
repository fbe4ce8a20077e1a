import { describe, expect, it } from 'vitest';
import { restartQuestion } from '../../../../main/desktop/update-question.js';

describe('restartQuestion', () => {
  it('asks before restarting, in English or German', () => {
    expect(restartQuestion('en-US', '0.2.0').buttons).toEqual(['Restart now', 'Later']);
    expect(restartQuestion('de-DE', '0.2.0').message).toContain('Jetzt neu starten');
  });
});
