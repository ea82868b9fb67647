import { basicAuth, contentTypeProblems, startFake, type FakeReply } from './fake-server.js';

const twilioError = (status: number, code: number, message: string): FakeReply => ({ status, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } });
const e164 = /^\+[1-9]\d{1,14}$/;

/**
 * Twilio: `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, form-encoded `To`, `From`,
 * `Body`, Basic auth with the account SID and auth token. Answers 201 with the Message
 * resource, or an error with Twilio's code: 20003 (auth), 21211 (invalid To), 21606 (From
 * not a number of the account).
 */
export function startTwilioFake(opts: { accountSid: string; authToken: string; numbers: string[] }) {
  let n = 0;
  return startFake({
    check(req) {
      if (req.method !== 'POST') return [`method ${req.method}, not POST`];
      if (!/^\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Messages\.json$/.test(req.path)) return ['not the Messages.json path'];
      const out = contentTypeProblems(req, 'application/x-www-form-urlencoded');
      if (!basicAuth(req)) out.push('no Basic auth');
      const form = new URLSearchParams(req.body);
      for (const k of ['To', 'From', 'Body']) if (!form.get(k)) out.push(`${k} missing`);
      for (const k of form.keys()) if (!['To', 'From', 'Body', 'StatusCallback', 'MessagingServiceSid'].includes(k)) out.push(`unknown parameter ${k}`);
      return out;
    },
    answer(req, problems) {
      const auth = basicAuth(req);
      if (auth?.user !== opts.accountSid || auth.password !== opts.authToken) return twilioError(401, 20003, 'Authenticate');
      if (!req.path.includes(`/Accounts/${opts.accountSid}/`)) return twilioError(404, 20404, 'The requested resource was not found');
      if (problems.length) return twilioError(400, 21601, `Invalid request: ${problems.join('; ')}`);
      const form = new URLSearchParams(req.body);
      const to = form.get('To') ?? '';
      const from = form.get('From') ?? '';
      const body = form.get('Body') ?? '';
      if (!e164.test(to)) return twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
      if (!opts.numbers.includes(from)) return twilioError(400, 21606, `The From phone number ${from} is not a valid, SMS-capable inbound phone number or short code for your account.`);
      n += 1;
      const sid = `SM${n.toString(16).padStart(32, '0')}`;
      const at = 'Mon, 01 Jan 2024 00:00:00 +0000';
      return {
        status: 201,
        body: {
          account_sid: opts.accountSid,
          api_version: '2010-04-01',
          body,
          date_created: at,
          date_sent: null,
          date_updated: at,
          direction: 'outbound-api',
          error_code: null,
          error_message: null,
          from,
          messaging_service_sid: null,
          num_media: '0',
          num_segments: '1',
          price: null,
          price_unit: 'USD',
          sid,
          status: 'queued',
          subresource_uris: { media: `/2010-04-01/Accounts/${opts.accountSid}/Messages/${sid}/Media.json` },
          to,
          uri: `/2010-04-01/Accounts/${opts.accountSid}/Messages/${sid}.json`,
        },
      };
    },
  });
}
