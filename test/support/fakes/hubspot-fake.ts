import { contentTypeProblems, isRecord, jsonBody, startFake, type FakeReply, type FakeRequest } from './fake-server.js';

interface Record_ {
  id: string;
  properties: Record<string, string>;
  associations?: unknown;
}

const AT = '2024-01-01T00:00:00.000Z';
const emailRe = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const error = (status: number, category: string, message: string): FakeReply => ({ status, body: { status: 'error', message, correlationId: 'aeb5f871-7f07-4993-9211-075dc63e7cbf', category } });
const invalidProperty = (name: string, message: string, code: string) =>
  error(400, 'VALIDATION_ERROR', `Property values were not valid: ${JSON.stringify([{ isValid: false, message, error: code, name }])}`);
const stringValues = (p: unknown): boolean => isRecord(p) && Object.values(p).every((v) => typeof v === 'string');

/** The documented request shapes of the three CRM v3 calls the actions make. */
function shapeProblems(req: FakeRequest): string[] {
  const out: string[] = [];
  if (!/^Bearer \S+$/.test(String(req.headers.authorization ?? ''))) out.push('no Bearer token in Authorization');
  if (req.method === 'GET') {
    if (!/^\/crm\/v3\/objects\/contacts\/[^/]+$/.test(req.path)) return [...out, 'unknown GET path'];
    if (req.query.get('idProperty') !== 'email') out.push('idProperty=email missing');
    return out;
  }
  if (req.method !== 'POST') return [...out, `method ${req.method}`];
  out.push(...contentTypeProblems(req, 'application/json'));
  const b = jsonBody(req);
  if (!isRecord(b)) return [...out, 'body is not a JSON object'];
  if (req.path === '/crm/v3/objects/contacts/batch/upsert') {
    const inputs = b.inputs;
    if (!Array.isArray(inputs) || inputs.length !== 1) return [...out, 'inputs is not a list of one'];
    const i = inputs[0] as Record<string, unknown>;
    if (i.idProperty !== 'email' || typeof i.id !== 'string') out.push('input has no idProperty "email" and id');
    if (!stringValues(i.properties)) out.push('properties are not all strings');
    return out;
  }
  if (req.path === '/crm/v3/objects/deals') {
    if (!stringValues(b.properties)) out.push('properties are not all strings');
    if (b.associations !== undefined) {
      const ok =
        Array.isArray(b.associations) &&
        b.associations.every(
          (a) =>
            isRecord(a) &&
            isRecord(a.to) &&
            typeof a.to.id === 'string' &&
            Array.isArray(a.types) &&
            a.types.every((t) => isRecord(t) && t.associationCategory === 'HUBSPOT_DEFINED' && typeof t.associationTypeId === 'number'),
        );
      if (!ok) out.push('associations are not [{to: {id}, types: [{associationCategory, associationTypeId}]}]');
    }
    return out;
  }
  return [...out, 'unknown POST path'];
}

/**
 * HubSpot CRM v3: contacts batch upsert by email, read a contact by email, create a deal
 * with associations. Keeps the contacts and deals it was given. Deal stages of the default
 * pipeline are checked like HubSpot does (an unknown stage is a 400 VALIDATION_ERROR).
 */
export function startHubspotFake(opts: { accessToken: string }) {
  const contacts = new Map<string, Record_>();
  const deals: Record_[] = [];
  let next = 101;
  const view = (r: Record_) => ({ id: r.id, properties: r.properties, createdAt: AT, updatedAt: AT, archived: false });
  const fake = startFake({
    check: shapeProblems,
    answer(req, problems) {
      if (req.headers.authorization !== `Bearer ${opts.accessToken}`) {
        return error(
          401,
          'INVALID_AUTHENTICATION',
          'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
        );
      }
      if (problems.length) return error(400, 'VALIDATION_ERROR', `Invalid input JSON: ${problems.join('; ')}`);
      if (req.method === 'GET') {
        const c = contacts.get(decodeURIComponent(req.path.split('/').pop() ?? '').toLowerCase());
        return c ? { status: 200, body: view(c) } : error(404, 'OBJECT_NOT_FOUND', 'resource not found');
      }
      const b = jsonBody(req) as Record<string, unknown>;
      if (req.path.endsWith('/batch/upsert')) {
        const input = (b.inputs as Array<{ id: string; properties: Record<string, string> }>)[0] as { id: string; properties: Record<string, string> };
        if (!emailRe.test(input.id)) return invalidProperty('email', `Email address ${input.id} is invalid`, 'INVALID_EMAIL');
        const key = input.id.toLowerCase();
        const existing = contacts.get(key);
        const record = existing ?? { id: String(next++), properties: {} };
        record.properties = { ...record.properties, ...input.properties, email: key, hs_object_id: record.id, lastmodifieddate: AT };
        contacts.set(key, record);
        return { status: 200, body: { status: 'COMPLETE', results: [{ ...view(record), new: !existing }], startedAt: AT, completedAt: AT } };
      }
      const props = b.properties as Record<string, string>;
      if (!props.dealname) return invalidProperty('dealname', 'dealname is required', 'REQUIRED');
      const stages = ['appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'decisionmakerboughtin', 'contractsent', 'closedwon', 'closedlost'];
      if (props.dealstage !== undefined && !stages.includes(props.dealstage)) {
        return invalidProperty('dealstage', `${props.dealstage} was not one of the allowed options: [${stages.join(', ')}]`, 'INVALID_OPTION');
      }
      const to = (b.associations as Array<{ to: { id: string } }> | undefined)?.map((a) => a.to.id) ?? [];
      if (to.some((id) => ![...contacts.values()].some((c) => c.id === id))) return error(400, 'VALIDATION_ERROR', 'One or more associations are invalid');
      const deal: Record_ = { id: String(next++), properties: { ...props, hs_object_id: '', createdate: AT }, associations: b.associations };
      deal.properties.hs_object_id = deal.id;
      deals.push(deal);
      return { status: 201, body: view(deal) };
    },
  });
  return fake.then((f) => ({ ...f, contacts, deals }));
}
