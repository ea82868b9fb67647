import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Workflows and runs through the API, as the page's own session (cookie and CSRF token), for flow-control tests. */

export interface Created {
  id: string;
}
export interface Hooked {
  hooks: { url: string }[];
}
export interface RunSummary {
  id: string;
  status: string;
}

/** A node position. */
export const at = (x: number, y: number) => ({ x, y });

export function flowApi(page: () => Page, poll: { timeout: number; interval: number }) {
  /** Calls the API from the page, as the editor does. */
  async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await page().evaluate(
      async ({ method, path, body }) => {
        const token = /(?:^|;\s*)sy_csrf=([\w-]+)/.exec(document.cookie)?.[1];
        const r = await fetch(path, {
          method,
          headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token && method !== 'GET' ? { 'x-csrf-token': token } : {}) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: r.status, text: await r.text() };
      },
      { method, path, body },
    );
    if (res.status >= 400) throw new Error(`${method} ${path} answered ${res.status}: ${res.text}`);
    return JSON.parse(res.text) as T;
  }

  /** Saves and activates a workflow; returns its id and trigger URL. */
  async function createActive(definition: unknown): Promise<{ id: string; url: string }> {
    const { id } = await api<Created>('POST', '/api/workflows', definition);
    const { hooks } = await api<Hooked>('POST', `/api/workflows/${id}/activate`);
    const url = hooks[0]?.url;
    if (!url) throw new Error('the workflow has no trigger URL');
    return { id, url };
  }

  /** Sends a real request to a trigger URL. */
  async function trigger(url: string, body: unknown) {
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(r.status).toBeLessThan(300);
  }

  const runsOf = async (workflowId: string) => (await api<{ runs: RunSummary[] }>('GET', `/api/runs?workflowId=${workflowId}`)).runs;

  /** Waits until the newest run of a workflow has `status`, and returns it. */
  async function newestRun(workflowId: string, status: string) {
    await expect.poll(async () => (await runsOf(workflowId))[0]?.status, poll).toBe(status);
    return (await runsOf(workflowId))[0] as RunSummary;
  }

  const workflowNamed = async (name: string) => (await api<{ workflows: { id: string; name: string }[] }>('GET', '/api/workflows')).workflows.find((w) => w.name === name);

  return { api, createActive, trigger, runsOf, newestRun, workflowNamed };
}
