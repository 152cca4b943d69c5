import type { FastifyReply, FastifyRequest } from 'fastify';

/** The header the app's own client sends on every request; a plain HTML form cannot set it. */
export const csrfHeader = 'x-tessera-request';

/**
 * Refuses any state-changing request that a browser could send cross-site: it must have one of
 * the accepted content types, carry the custom header (which forces a CORS preflight that we
 * never grant), and, where the browser names an Origin, come from this very origin.
 */
export function refuseCrossSite(contentType: 'application/json' | 'multipart/form-data') {
  return (request: FastifyRequest, reply: FastifyReply, done: () => void) => guard(request, reply, done, contentType);
}

/** The tRPC API takes JSON only. */
export const refuseCrossSiteMutations = refuseCrossSite('application/json');

function guard(request: FastifyRequest, reply: FastifyReply, done: () => void, accepted: string): void {
  const method = request.method;
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') {
    done();
    return;
  }
  const contentType = String(request.headers['content-type'] ?? '').toLowerCase();
  const origin = request.headers.origin;
  const expectedOrigin = `${request.protocol}://${request.host}`;
  let reason: string | null = null;
  if (!contentType.startsWith(accepted)) reason = `Only ${accepted} requests are accepted here.`;
  else if (request.headers[csrfHeader] !== '1') reason = 'Missing request header.';
  else if (origin !== undefined && origin !== expectedOrigin) reason = 'Cross-origin requests are refused.';
  if (reason) {
    void reply.code(403).send({ error: { message: reason, data: { appCode: 'FORBIDDEN', httpStatus: 403 } } });
    return;
  }
  done();
}
