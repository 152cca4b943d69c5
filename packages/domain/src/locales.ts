import * as z from 'zod';
import { messageKey } from './messages';
import { locales } from './locale-list';

export * from './locale-list';

export const localeSchema = z.enum(locales, { error: messageKey('validation.invalidChoice') });
