import { uuidv7 } from 'uuidv7';

export function newId(): string {
  return uuidv7();
}

export function nowIso(now: Date = new Date()): string {
  return now.toISOString();
}
