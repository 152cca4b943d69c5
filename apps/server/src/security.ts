import type { FastifyReply, FastifyRequest } from 'fastify';

/** The header the app's own client sends on every request; a plain HTML form cannot set it. */
export const csrfHeader = 'x-tessera-request';

/**
 * Refuses any state-changing request that a browser could send cross-site: it must be JSON,
 * carry the custom header (which forces a CORS preflight that we never grant), and, where the
 * browser names an Origin, come from this very origin.
 */
export function refuseCrossSiteMutations(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  const method = request.method;
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') {
    done();
    return;
  }
  const contentType = String(request.headers['content-type'] ?? '').toLowerCase();
  const origin = request.headers.origin;
  const expectedOrigin = `${request.protocol}://${request.host}`;
  let reason: string | null = null;
  if (!contentType.startsWith('application/json')) reason = 'Only JSON requests are accepted.';
  else if (request.headers[csrfHeader] !== '1') reason = 'Missing request header.';
  else if (origin !== undefined && origin !== expectedOrigin) reason = 'Cross-origin requests are refused.';
  if (reason) {
    void reply.code(403).send({ error: { message: reason, data: { appCode: 'FORBIDDEN', httpStatus: 403 } } });
    return;
  }
  done();
}
