import { Router } from 'express';
import { z } from 'zod';
import type { AuditService } from '../services/audit-service.js';
import { parseInput } from './errors.js';
import { lazySchema } from '../../shared/lazy-schema.js';

const str = (max: number) => z.string().min(1).max(max).optional();
/** Epoch milliseconds or an ISO date, as the runs list takes them. */
const time = lazySchema(() =>
  z
    .string()
    .max(40)
    .transform((v, ctx) => {
      const n = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
      if (!Number.isFinite(n)) {
        ctx.addIssue({ code: 'custom', message: 'Use epoch milliseconds or an ISO date.' });
        return z.NEVER;
      }
      return n;
    })
    .optional(),
);
const querySchema = lazySchema(() =>
  z.object({
    actorId: str(100),
    action: str(100),
    targetType: str(50),
    targetId: str(200),
    from: time,
    to: time,
    cursor: str(100),
    limit: z.coerce.number().int().min(1).max(200).optional(),
  }),
);

/** `GET /api/audit?actorId=&action=&targetType=&targetId=&from=&to=&limit=&cursor=`: newest first (owner only). */
export function createAuditRouter(audit: AuditService): Router {
  const r = Router();
  r.get('/', async (req, res) => {
    const q = parseInput(querySchema, req.query, 'query');
    res.json(await audit.query(Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined))));
  });
  return r;
}
