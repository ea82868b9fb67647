import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WaitKey } from '../store/ports/waits.js';

/** What a resume URL does: continue a wait step (`callback`), or decide an approval. */
export const linkKinds = ['callback', 'approve', 'reject'] as const;
export type LinkKind = (typeof linkKinds)[number];

/**
 * Resume URLs are derived, not stored: `/resume/<run>/<node>/<kind>/<token>` where the token is
 * an HMAC (SHA-256, 256 bits) of kind, run, frame and node under a key derived from the
 * server's secret key. So the URL exists from the moment the run does: a step planned before
 * the wait (an email, a Slack message, an HTTP call handing a provider its callback URL) reads
 * it as `{{ steps.<waitId>.resumeUrl }}` without the wait having run, and after a restart the
 * same URL still verifies. It cannot be guessed without the key; rotating the secret key
 * (`switchyard secret-key rotate`) invalidates outstanding links.
 */
export function createResumeLinks(d: { secretKey: Buffer; publicUrl: string }) {
  const key = createHmac('sha256', d.secretKey).update('switchyard resume links v1').digest();
  const tokenFor = (kind: LinkKind, k: WaitKey): string => createHmac('sha256', key).update(`${kind}\n${k.runId}\n${k.frame}\n${k.nodeId}`).digest('base64url');
  const url = (kind: LinkKind, k: WaitKey): string => {
    const frame = k.frame ? `?frame=${encodeURIComponent(k.frame)}` : '';
    return `${d.publicUrl}/resume/${encodeURIComponent(k.runId)}/${encodeURIComponent(k.nodeId)}/${kind}/${tokenFor(kind, k)}${frame}`;
  };
  return {
    url,
    /** Whether `token` is the one this server signs for the link (compared in constant time). */
    verify(kind: LinkKind, k: WaitKey, token: string): boolean {
      const want = Buffer.from(tokenFor(kind, k));
      const got = Buffer.from(token);
      return got.length === want.length && timingSafeEqual(got, want);
    },
    /** What a step reads as `steps.<id>` of a wait or approval node before (and after) it ran. */
    linksOf(type: 'wait' | 'approval', k: WaitKey): Record<string, string> {
      return type === 'wait' ? { resumeUrl: url('callback', k) } : { approveUrl: url('approve', k), rejectUrl: url('reject', k) };
    },
  };
}
export type ResumeLinks = ReturnType<typeof createResumeLinks>;
