import { funderKinds, funderSortFields } from '@tessera/domain';
import * as z from 'zod';

/**
 * The funders list's state in the URL, so a filtered view can be bookmarked and the back button
 * works. Every key is optional (absent = default) and a bad value falls back instead of failing.
 */
export const fundersSearchSchema = z.object({
  q: z.string().max(200).optional().catch(undefined),
  kind: z.enum(funderKinds).optional().catch(undefined),
  status: z.enum(['active', 'archived', 'all']).optional().catch(undefined),
  sort: z.enum(funderSortFields).optional().catch(undefined),
  dir: z.enum(['asc', 'desc']).optional().catch(undefined),
  page: z.number().int().min(1).optional().catch(undefined),
});

export type FundersSearch = z.infer<typeof fundersSearchSchema>;

export const fundersPageSize = 20;
