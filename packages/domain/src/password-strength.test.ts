import { describe, expect, it } from 'vitest';
import { judgePassword, minimumPasswordScore, personalWords, weakPasswordError } from './password-strength';

describe('password strength', () => {
  it('refuses repeated characters, common passwords and the person’s own email or name', () => {
    const person = { email: 'maja.petrovska@example.org', displayName: 'Maja Petrovska' };
    for (const weak of [
      'aaaaaaaaaa',
      'password123',
      'qwertyuiop',
      '1234567890',
      'maja.petrovska@example.org',
      'petrovska2026',
    ]) {
      expect(judgePassword(weak, person).acceptable, weak).toBe(false);
      expect(weakPasswordError(weak, person)).toBe('validation.weakPassword');
    }
  });

  it('accepts a few unrelated words and the demo password', () => {
    for (const strong of ['correct horse battery', 'lantern orbit quietly', 'tessera-demo']) {
      const judgement = judgePassword(strong, { email: 'admin@demo.test', displayName: 'Demo Admin' });
      expect(judgement.score, strong).toBeGreaterThanOrEqual(minimumPasswordScore);
      expect(weakPasswordError(strong, {})).toBeNull();
    }
  });

  it('splits the email and name into the words it checks', () => {
    expect(personalWords({ email: 'maja.petrovska@example.org', displayName: 'Maja P' })).toEqual(
      expect.arrayContaining(['maja', 'petrovska', 'example', 'maja.petrovska@example.org']),
    );
  });
});
