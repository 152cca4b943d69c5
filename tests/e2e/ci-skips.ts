import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { isCi } from './environment';

/**
 * Under CI a skipped browser journey fails the run: a green CI must mean the journeys ran.
 * Locally skips stay skips (without Chromium the whole suite skips and says so).
 */
export default class CiSkips implements Reporter {
  private readonly skipped: string[] = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status === 'skipped') this.skipped.push(test.titlePath().filter(Boolean).join(' › '));
  }

  async onEnd(result: FullResult): Promise<{ status: FullResult['status'] } | undefined> {
    if (!isCi(process.env.CI) || this.skipped.length === 0) return undefined;
    console.error(
      `\n[e2e] CI=${process.env.CI} but ${this.skipped.length} browser test(s) skipped; the browser suite cannot be skipped in CI:\n  ${this.skipped.join('\n  ')}\n`,
    );
    return { status: result.status === 'passed' ? 'failed' : result.status };
  }
}
