import type { StepError } from '../../../shared/runs/run-status.js';

const prop = (err: unknown, key: string): unknown => (typeof err === 'object' && err !== null ? (err as Record<string, unknown>)[key] : undefined);

/**
 * A nodemailer failure as a step error. SMTP says itself what is temporary: 4xx replies are
 * retried, 5xx are not (a refused recipient or login stays refused). No answer at all (DNS,
 * connect, timeout, TLS) is retried; the egress guard's refusal is not.
 */
export function smtpError(err: unknown): StepError {
  const code = typeof prop(err, 'code') === 'string' ? (prop(err, 'code') as string) : undefined;
  const responseCode = typeof prop(err, 'responseCode') === 'number' ? (prop(err, 'responseCode') as number) : undefined;
  const message = err instanceof Error ? err.message : String(err);
  const reply = responseCode !== undefined ? { smtpCode: responseCode } : {};
  if (code === 'egress_blocked') return { code: 'egress_blocked', retryable: false, message };
  if (code === 'EAUTH') {
    const temporary = responseCode !== undefined && responseCode < 500;
    return {
      code: 'smtp_auth_failed',
      retryable: temporary,
      ...reply,
      message: `The SMTP server refused the login: ${message}. ${temporary ? 'Retrying.' : 'Check the user name and password of the credential.'}`,
    };
  }
  if (responseCode !== undefined && responseCode >= 500) return { code: 'smtp_rejected', retryable: false, ...reply, message: `The SMTP server refused the message: ${message}` };
  if (responseCode !== undefined && responseCode >= 400)
    return { code: 'smtp_temporary_failure', retryable: true, ...reply, message: `The SMTP server deferred the message: ${message}. Retrying on the schedule.` };
  switch (code) {
    case 'ETIMEDOUT':
      return { code: 'timeout', retryable: true, message: `The SMTP server did not answer in time: ${message}` };
    case 'ECONNECTION':
    case 'ESOCKET':
    case 'ECONNREFUSED':
    case 'ECONNRESET':
      return { code: 'smtp_connection_failed', retryable: true, message: `Could not talk to the SMTP server: ${message}` };
    case 'EDNS':
    case 'ENOTFOUND':
      return { code: 'dns_not_found', retryable: true, likelyPermanent: true, message: `The SMTP host does not resolve: ${message}` };
    case 'ETLS':
      return { code: 'tls_error', retryable: true, likelyPermanent: true, message: `TLS with the SMTP server failed: ${message}` };
    case 'EENVELOPE':
    case 'EMESSAGE':
      return { code: 'invalid_message', retryable: false, message: `The message cannot be sent as it is: ${message}` };
    case 'EABORT':
      return { code: 'cancelled', retryable: true, message: 'The attempt was interrupted (the run was cancelled or the server is stopping).' };
    default:
      return { code: 'smtp_error', retryable: true, message: `Sending failed: ${message}${code ? ` (${code})` : ''}` };
  }
}
