import { createHash } from 'node:crypto';
import { basicAuth, contentTypeProblems, isRecord, jsonBody, startFake, type FakeReply } from './fake-server.js';

const problem = (status: number, title: string, detail: string, extra: Record<string, unknown> = {}): FakeReply => ({
  status,
  headers: { 'content-type': 'application/problem+json; charset=utf-8' },
  body: { type: 'https://mailchimp.com/developer/marketing/docs/errors/', title, status, detail, instance: '995c5cb0-3280-4a6e-808b-3b096d0bb219', ...extra },
});
const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const statuses = ['subscribed', 'unsubscribed', 'cleaned', 'pending', 'transactional'];

interface Member {
  email_address: string;
  status: string;
  merge_fields: Record<string, unknown>;
  tags: Array<{ id: number; name: string }>;
}

/**
 * Mailchimp Marketing v3 under `/{prefix}/3.0`: PUT lists/{list}/members/{md5(lowercase
 * email)} (add or update; `status_if_new` for new members) and POST …/tags (204). Basic auth
 * with any user name and the API key. Errors are problem documents. `forgotten@example.com`
 * was permanently deleted, as Mailchimp says of such addresses.
 */
export function startMailchimpFake(opts: { apiKey: string; listId: string; prefix: string }) {
  const members = new Map<string, Member>();
  const base = `${opts.prefix}/3.0/lists/`;
  let tagIds = 1;
  const fake = startFake({
    check(req) {
      const out: string[] = [];
      if (!basicAuth(req)) out.push('no Basic auth');
      if (!req.path.startsWith(base)) return [...out, `path not under ${base}`];
      const rest = req.path.slice(base.length).split('/');
      const b = jsonBody(req);
      out.push(...contentTypeProblems(req, 'application/json'));
      if (!isRecord(b)) return [...out, 'body is not a JSON object'];
      if (req.method === 'PUT' && rest.length === 3 && rest[1] === 'members') {
        if (typeof b.email_address !== 'string') return [...out, 'email_address missing'];
        if (rest[2] !== md5(b.email_address.toLowerCase())) out.push('the subscriber hash is not the MD5 of the lower-cased email');
        if (!statuses.includes(String(b.status_if_new))) out.push('status_if_new missing or invalid');
        if (b.status !== undefined && !statuses.includes(String(b.status))) out.push('status invalid');
        if (b.merge_fields !== undefined && !isRecord(b.merge_fields)) out.push('merge_fields is not an object');
        if (b.tags !== undefined) out.push('tags are not taken by PUT members; use the tags endpoint');
        return out;
      }
      if (req.method === 'POST' && rest.length === 4 && rest[1] === 'members' && rest[3] === 'tags') {
        const ok = Array.isArray(b.tags) && b.tags.every((t) => isRecord(t) && typeof t.name === 'string' && (t.status === 'active' || t.status === 'inactive'));
        return ok ? out : [...out, 'tags is not [{name, status: active|inactive}]'];
      }
      return [...out, `unknown ${req.method}`];
    },
    answer(req, problems) {
      if (basicAuth(req)?.password !== opts.apiKey) return problem(401, 'API Key Invalid', "Your API key may be invalid, or you've attempted to access the wrong datacenter.");
      if (problems.length) return problem(400, 'Invalid Resource', `The resource submitted could not be validated: ${problems.join('; ')}`);
      const [list, , hash] = req.path.slice(base.length).split('/') as [string, string, string];
      if (list !== opts.listId) return problem(404, 'Resource Not Found', 'The requested resource could not be found.');
      const b = jsonBody(req) as Record<string, unknown>;
      if (req.method === 'POST') {
        const m = members.get(hash);
        if (!m) return problem(404, 'Resource Not Found', 'The requested resource could not be found.');
        for (const t of b.tags as Array<{ name: string; status: string }>) {
          if (t.status === 'active' && !m.tags.some((x) => x.name === t.name)) m.tags.push({ id: tagIds++, name: t.name });
        }
        return { status: 204 };
      }
      const email = String(b.email_address);
      if (email === 'forgotten@example.com')
        return problem(400, 'Forgotten Email Not Subscribed', `${email} was permanently deleted and cannot be re-imported. The contact must re-subscribe to get back on the list.`);
      const existing = members.get(hash);
      const m: Member = existing ?? { email_address: email, status: String(b.status_if_new), merge_fields: {}, tags: [] };
      if (b.status !== undefined) m.status = String(b.status);
      m.merge_fields = { ...m.merge_fields, ...(b.merge_fields as Record<string, unknown> | undefined) };
      members.set(hash, m);
      return {
        status: 200,
        body: {
          id: hash,
          email_address: m.email_address,
          unique_email_id: 'a1b2c3d4e5',
          contact_id: `c${hash.slice(0, 8)}`,
          status: m.status,
          merge_fields: m.merge_fields,
          tags_count: m.tags.length,
          tags: m.tags,
          list_id: list,
          last_changed: '2024-01-01T00:00:00+00:00',
        },
      };
    },
  });
  return fake.then((f) => ({ ...f, members }));
}
