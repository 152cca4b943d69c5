import type { SignInInput, ValidationKey } from '@tessera/domain';

/**
 * The form's values as the server's `signInInput` (packages/domain/src/auth.ts) reads them. Only
 * "required" is checked here: the server validates the rest and answers any mistake with the
 * same "wrong email or password". No form library or zod on this page: it is the first load of
 * every visitor (docs/decisions/0026-javascript-budget.md).
 */
export function readSignIn(data: FormData): SignInInput {
  return {
    email: String(data.get('email') ?? '')
      .trim()
      .toLowerCase(),
    password: String(data.get('password') ?? ''),
  };
}

const required: ValidationKey = 'validation.required';

export function requiredMissing(values: SignInInput): Partial<Record<keyof SignInInput, string>> {
  const missing: Partial<Record<keyof SignInInput, string>> = {};
  if (values.email === '') missing.email = required;
  if (values.password === '') missing.password = required;
  return missing;
}
