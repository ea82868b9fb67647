import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import type { Clock } from '../lib/clock.js';
import type { Store } from '../store/ports/store.js';
import { getNodeType } from '../../shared/nodes/registry.js';
import type { WorkflowService } from '../services/workflow-service.js';
import type { TestEvents } from '../services/test-events.js';
import type { PauseService } from '../services/pause-service.js';
import { parseInput } from './errors.js';
import { workflowTagSchema } from '../../shared/graph/workflow-schema.js';
import { principalOf } from './require-auth.js';
import { lazySchema } from '../../shared/lazy-schema.js';

const DAY = 24 * 3600 * 1000;
/** A test event in a request body: the parts of a request a trigger sees. */
export const eventSchema = lazySchema(() =>
  z.object({
    method: z.string().max(10).default('POST'),
    headers: z.record(z.string(), z.string()).default({}),
    query: z.record(z.string(), z.union([z.string(), z.array(z.string())])).default({}),
    body: z.unknown(),
  }),
);

const publishSchema = lazySchema(() => z.object({ message: z.string().trim().max(500).optional(), version: z.number().int().min(1).optional() }).default({}));

/**
 * The version an edit started from, from `If-Match: 3` (also `"3"` or `W/"3"`, as an ETag);
 * `*` saves the draft without a conflict check. Absent: undefined (a v1 save, docs/api.md).
 */
function parseIfMatch(header: string | undefined): number | '*' | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === '*') return '*';
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(value);
  const n = m?.[1] ? Number(m[1]) : 0;
  if (n < 1) throw new AppError('BAD_REQUEST', 400, 'If-Match must be the version number your edit started from (the "version" of GET /api/workflows/:id), e.g. If-Match: 3.');
  return n;
}

/** `GET /api/workflows?tag=`: only the workflows with this tag. */
const listQuerySchema = lazySchema(() => z.object({ tag: workflowTagSchema.optional() }));

export interface WorkflowRoutesDeps {
  service: WorkflowService;
  store: Pick<Store, 'workflows' | 'runs'>;
  testEvents: TestEvents;
  clock: Clock;
  pauses: PauseService;
}

/** Workflows: CRUD with versions, activation, test runs and test-event listening. */
export function createWorkflowsRouter(d: WorkflowRoutesDeps): Router {
  const r = Router();
  const versionParam = (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new AppError('BAD_REQUEST', 400, 'A version is a whole number from 1.');
    return n;
  };

  r.get('/', async (req, res) => {
    const { tag } = parseInput(listQuerySchema, req.query, 'query');
    const since = d.clock.now() - DAY;
    const rows = await d.service.list();
    const listed = await Promise.all(
      rows.map(async (row) => {
        const v = await d.service.view(row);
        const last = await d.store.runs.latest(row.id);
        const trigger = v.definition.nodes.find((n) => getNodeType(n.type)?.kind === 'trigger');
        return {
          id: row.id,
          name: row.name,
          active: row.active,
          version: row.currentVersion,
          triggerType: trigger?.type ?? null,
          tags: v.definition.tags ?? [],
          createdAt: row.createdAt,
          updatedAt: row.updatedAt,
          hooks: v.hooks,
          paused: v.paused,
          heldCount: v.heldCount,
          lastRun: last ? { id: last.id, status: last.status, createdAt: last.createdAt } : null,
          runsLastDay: await d.store.runs.countSince(row.id, since),
        };
      }),
    );
    // Tags compare without regard to case, as they are kept unique.
    const wanted = tag?.toLowerCase();
    res.json({ workflows: wanted === undefined ? listed : listed.filter((w) => w.tags.some((t) => t.toLowerCase() === wanted)) });
  });
  r.post('/', async (req, res) => {
    res.status(201).json(await d.service.create(req.body, principalOf(req).userId));
  });
  r.get('/:id', async (req, res) => {
    // No ETag: the draft's version alone would make a browser reuse a body whose publishedVersion changed.
    res.json(await d.service.get(req.params.id));
  });
  r.put('/:id', async (req, res) => {
    const p = principalOf(req);
    const ifMatch = parseIfMatch(req.headers['if-match']);
    const base = ifMatch === '*' ? (await d.service.get(req.params.id)).version : ifMatch;
    res.json(await d.service.update(req.params.id, req.body, { userId: p.userId, name: p.userName }, base));
  });
  r.post('/:id/publish', async (req, res) => {
    const body = parseInput(publishSchema, req.body ?? {});
    res.json(await d.service.publish(req.params.id, principalOf(req).userName, body.message ?? null, body.version));
  });
  r.post('/:id/unpublish', async (req, res) => {
    res.json(await d.service.unpublish(req.params.id));
  });
  r.delete('/:id', async (req, res) => {
    await d.service.remove(req.params.id);
    res.status(204).end();
  });
  r.post('/:id/activate', async (req, res) => {
    res.json(await d.service.setActive(req.params.id, true, principalOf(req).userName));
  });
  r.post('/:id/deactivate', async (req, res) => {
    res.json(await d.service.setActive(req.params.id, false));
  });
  // Pause and hold (distinct from deactivate): trigger URLs keep answering 202 and store events, which run on resume.
  r.post('/:id/pause', async (req, res) => {
    await d.pauses.pause(req.params.id);
    res.json(await d.service.get(req.params.id));
  });
  r.post('/:id/resume', async (req, res) => {
    const { released } = await d.pauses.resume(req.params.id);
    res.json({ ...(await d.service.get(req.params.id)), released });
  });
  r.get('/:id/versions', async (req, res) => {
    await d.service.get(req.params.id);
    res.json({ versions: await d.store.workflows.listVersions(req.params.id) });
  });
  r.get('/:id/versions/:version', async (req, res) => {
    const v = await d.store.workflows.getVersion(req.params.id, versionParam(req.params.version));
    if (!v) throw new AppError('NOT_FOUND', 404, 'There is no such version of this workflow.');
    res.json({ version: v.version, definition: v.definition, createdAt: v.createdAt });
  });
  r.post('/:id/test-run', async (req, res) => {
    const body = parseInput(z.object({ event: eventSchema.optional(), nodeId: z.string().optional() }).default({}), req.body ?? {});
    const runId = await d.testEvents.testRun(req.params.id, body.event, body.nodeId);
    res.status(202).json({ runId });
  });
  r.post('/:id/run', async (req, res) => {
    const body = parseInput(z.object({ payload: z.unknown().optional(), idempotencyKey: z.string().min(1).max(255).optional() }).default({}), req.body ?? {});
    const outcome = await d.testEvents.runNow(req.params.id, body.payload, body.idempotencyKey);
    res.status(outcome.kind === 'accepted' ? 202 : 200).json({ runId: outcome.runId, eventId: outcome.eventId, ...(outcome.kind === 'duplicate' ? { duplicate: true } : {}) });
  });
  r.post('/:id/listen', async (req, res) => {
    const { nodeId, timeoutMs } = parseInput(z.object({ nodeId: z.string().min(1), timeoutMs: z.number().int().min(100).max(60_000).default(30_000) }), req.body);
    const event = await d.testEvents.listen(req.params.id, nodeId, timeoutMs);
    if (!event) return void res.status(204).end();
    res.json({ event });
  });
  r.get('/:id/sample', async (req, res) => {
    const { nodeId } = parseInput(z.object({ nodeId: z.string().min(1).max(64).optional() }), req.query, 'query');
    const event = await d.testEvents.sample(req.params.id, nodeId);
    if (!event) throw new AppError('NOT_FOUND', 404, 'No sample event yet: send a request to the trigger URL or listen for one.');
    res.json({ event });
  });
  return r;
}
