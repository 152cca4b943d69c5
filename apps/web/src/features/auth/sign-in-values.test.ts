import { signInInput } from '@tessera/domain';
import { describe, expect, it } from 'vitest';
import { readSignIn, requiredMissing } from './sign-in-values';

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(values)) data.set(name, value);
  return data;
}

describe('the sign-in form without a form library', () => {
  it('reads the values as the server’s schema would', () => {
    const raw = { email: '  Finance@Demo.TEST ', password: ' tessera-demo ' };
    const read = readSignIn(form(raw));
    expect(read).toEqual(signInInput.parse(raw));
    expect(read).toEqual({ email: 'finance@demo.test', password: ' tessera-demo ' });
  });

  it('asks for each missing field, with the key the server would give', () => {
    expect(requiredMissing(readSignIn(form({ email: ' ', password: '' })))).toEqual({
      email: 'validation.required',
      password: 'validation.required',
    });
    expect(requiredMissing(readSignIn(form({})))).toEqual({
      email: 'validation.required',
      password: 'validation.required',
    });
    expect(requiredMissing({ email: 'a@b.example', password: 'x' })).toEqual({});
    const server = signInInput.safeParse({ email: '', password: '' });
    expect(server.success).toBe(false);
    expect(server.error?.issues.map((issue) => issue.message)).toContain('validation.required');
  });
});
