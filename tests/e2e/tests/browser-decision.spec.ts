import { expect, test } from '@playwright/test';
import { browserSuiteDecision, isCi } from '../environment';

// No browser needed: these check when the browser suite runs, skips, or fails the run.
test.describe('the browser suite without Chromium', () => {
  const missing = { chromiumPath: '/nowhere/chromium', hasChromium: false };

  test('runs whenever Chromium is there, in CI or not', () => {
    for (const ci of [undefined, 'true'])
      expect(browserSuiteDecision({ ci, chromiumPath: '/usr/bin/chromium', hasChromium: true })).toEqual({
        action: 'run',
      });
  });

  test('fails under CI, naming the path', () => {
    for (const ci of ['true', '1', 'TRUE', 'github-actions']) {
      const decision = browserSuiteDecision({ ci, ...missing });
      expect(decision.action).toBe('fail');
      expect(decision.action !== 'run' && decision.message).toContain(
        'Chromium is missing at /nowhere/chromium: the browser suite cannot be skipped in CI',
      );
    }
  });

  test('skips locally and says so', () => {
    for (const ci of [undefined, '', 'false', '0']) {
      const decision = browserSuiteDecision({ ci, ...missing });
      expect(decision.action).toBe('skip');
      expect(decision.action !== 'run' && decision.message).toContain('No Chromium at /nowhere/chromium');
    }
  });

  test('reads CI the way CI services set it', () => {
    expect([undefined, '', ' ', '0', 'false', 'False', 'no'].map(isCi)).toEqual(Array(7).fill(false));
    expect(['true', '1', 'yes', 'buildkite'].map(isCi)).toEqual(Array(4).fill(true));
  });
});
