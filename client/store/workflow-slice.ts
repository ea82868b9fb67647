import { ApiError, type ApiIssue } from '../api/http.js';
import type { Hook } from '../api/types.js';
import { loadHeavyChecks } from '../lazy/heavy-checks.js';
import { afterPaint } from '../lib/after-paint.js';
import { buildDefinition, readDefinition } from './definition.js';
import type { Slice } from './slice.js';

/** The open workflow's identity, saved state, and the IO that loads, saves and (de)activates it. */
export interface WorkflowSlice {
  workflowId: string | null;
  name: string;
  description: string;
  /** The workflow's tags, kept through saves. */
  tags: string[];
  /** Pinned step outputs (test runs use them instead of running those steps), kept through saves. */
  pinned: Record<string, unknown>;
  settings: Record<string, unknown>;
  /** The draft's version (what the next save sends as If-Match). */
  version: number;
  /** The live version; null until published. The editor shows "draft differs from live" when it is not `version`. */
  publishedVersion: number | null;
  /** Set when a save was refused because someone saved a newer version: the server's sentence. */
  conflict: string | null;
  active: boolean;
  hooks: Hook[];
  /** True when the canvas differs from the last saved version. */
  dirty: boolean;
  /** Counts edits, so a save knows whether more came in while it was in flight. */
  edits: number;
  saving: boolean;
  loadState: 'idle' | 'loading' | 'ready' | 'error';
  loadError: string | undefined;
  savedAt: number | null;
  /** Counts opened workflows (and new drafts), so the canvas starts fresh for each one. */
  openSeq: number;
  /** Issues the server sent back when it refused a save. */
  saveIssues: ApiIssue[];
  newWorkflow: () => void;
  loadWorkflow: (id: string) => Promise<void>;
  setName: (name: string) => void;
  /** Pins a step's output for test runs (`undefined` unpins it); saved with the draft. */
  setPinned: (nodeId: string, output: unknown) => void;
  /** Saves a new version (creating the workflow on first save); returns its id, or undefined on failure. */
  save: () => Promise<string | undefined>;
  setActive: (active: boolean) => Promise<boolean>;
  /** Makes the saved draft live (saving first when there are unsaved edits). */
  publish: (message?: string) => Promise<boolean>;
  /** After a conflict: keep this canvas as a new workflow ("<name> (copy)"); returns its id. */
  saveAsCopy: () => Promise<string | undefined>;
  /** Brings back an earlier version's graph and saves it as the newest version. */
  restoreVersion: (version: number) => Promise<boolean>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A workflow not saved yet, as the editor starts with it and as New resets to it. */
const blankWorkflow = () => ({
  workflowId: null,
  name: 'Untitled workflow',
  description: '',
  tags: [] as string[],
  pinned: {},
  settings: {},
  version: 0,
  publishedVersion: null,
  conflict: null,
  active: false,
  hooks: [],
  dirty: false,
  loadError: undefined,
  savedAt: null,
  saveIssues: [],
});

export const createWorkflowSlice: Slice<WorkflowSlice> =
  ({ api, now }) =>
  (set, get) => ({
    ...blankWorkflow(),
    edits: 0,
    saving: false,
    loadState: 'idle',
    openSeq: 0,

    newWorkflow: () => {
      set({
        ...blankWorkflow(),
        loadState: 'ready',
        sample: null,
        editorRun: null,
        editorSteps: {},
        issuesOpen: false,
        openSeq: get().openSeq + 1,
      });
      get().loadGraph({});
    },

    loadWorkflow: async (id) => {
      set({ loadState: 'loading', loadError: undefined, workflowId: id, sample: null, editorRun: null, editorSteps: {}, saveIssues: [] });
      try {
        const wf = await api.workflows.get(id);
        if (get().workflowId !== id) return;
        const def = readDefinition(wf.definition);
        set({
          name: def.name || wf.name,
          description: def.description,
          tags: def.tags,
          pinned: def.pinned,
          settings: def.settings,
          version: wf.version,
          publishedVersion: wf.publishedVersion ?? null,
          conflict: null,
          active: wf.active,
          hooks: wf.hooks,
          dirty: false,
          savedAt: null,
          loadState: 'ready',
          issuesOpen: false,
          openSeq: get().openSeq + 1,
        });
        // The canvas first, its issues a frame later: validating 300 nodes (and loading the
        // syntax checks, client/lazy/) must not delay the picture.
        get().loadGraph(def.doc, { validate: false });
        await afterPaint();
        await loadHeavyChecks().catch(() => undefined);
        if (get().workflowId === id) get().revalidate();
      } catch (e) {
        if (get().workflowId === id) set({ loadState: 'error', loadError: message(e) });
      }
    },

    setName: (name) => {
      set({ name, dirty: true, edits: get().edits + 1 });
      get().revalidate();
    },

    setPinned: (nodeId, output) => {
      const { [nodeId]: _old, ...rest } = get().pinned;
      set({ pinned: output === undefined ? rest : { ...rest, [nodeId]: output }, dirty: true, edits: get().edits + 1 });
    },

    save: async () => {
      if (get().saving) return undefined;
      // Validation may still be pending right after an open; a save must judge the current graph.
      get().revalidate();
      const s = get();
      if (s.validation.errors > 0) {
        get().toast('error', `Fix ${s.validation.errors} problem${s.validation.errors === 1 ? '' : 's'} before saving; they are listed under Issues.`);
        set({ issuesOpen: true });
        return undefined;
      }
      // Ctrl+S out of habit on a saved workflow: nothing to send, and no new version.
      if (s.workflowId && !s.dirty) {
        get().toast('info', `No changes to save: this is version ${s.version}.`);
        return s.workflowId;
      }
      const at = s.edits;
      const definition = buildDefinition(s, s.graphDoc());
      set({ saving: true, saveIssues: [] });
      try {
        const res = s.workflowId ? await api.workflows.update(s.workflowId, definition, s.version) : await api.workflows.create(definition);
        const hooks = res.hooks ?? (await api.workflows.get(res.id)).hooks;
        set({
          workflowId: res.id,
          version: res.version,
          publishedVersion: res.publishedVersion ?? null,
          conflict: null,
          hooks,
          active: res.active ?? get().active,
          saving: false,
          savedAt: now(),
          dirty: get().edits !== at,
        });
        // The server answers a save of an unchanged graph with the current version.
        get().toast('success', res.version === s.version && s.workflowId ? `No changes to save: this is version ${res.version}.` : `Saved as version ${res.version}.`);
        return res.id;
      } catch (e) {
        const issues = e instanceof ApiError ? e.issues : [];
        const conflict = e instanceof ApiError && e.code === 'CONFLICT' ? e.message : null;
        set({ saving: false, saveIssues: issues, issuesOpen: issues.length > 0 || get().issuesOpen, conflict });
        get().toast('error', `Could not save: ${message(e)}`);
        return undefined;
      }
    },

    setActive: async (active) => {
      const before = get().active;
      // Optimistic: the switch moves at once and moves back if the server refuses.
      set({ active });
      let id: string | null | undefined = get().workflowId;
      if (!id || get().dirty) id = await get().save();
      if (!id) {
        set({ active: before });
        return false;
      }
      try {
        const res = active ? await api.workflows.activate(id) : await api.workflows.deactivate(id);
        set({ active: res.active ?? active, publishedVersion: res.publishedVersion ?? get().publishedVersion, ...(res.hooks ? { hooks: res.hooks } : {}) });
        get().toast('success', active ? (get().hooks.length ? 'Workflow is active: its trigger URL now starts runs.' : 'Workflow is active: its trigger now starts runs.') : 'Workflow deactivated.');
        return true;
      } catch (e) {
        set({ active: before });
        get().toast('error', `Could not ${active ? 'activate' : 'deactivate'}: ${message(e)}`);
        return false;
      }
    },

    publish: async (text) => {
      let id: string | null | undefined = get().workflowId;
      if (!id || get().dirty) id = await get().save();
      if (!id) return false;
      try {
        const res = await api.workflows.publish(id, text);
        set({ publishedVersion: res.publishedVersion ?? res.version, ...(res.hooks ? { hooks: res.hooks } : {}) });
        get().toast('success', `Published version ${res.version}: live trigger URLs run it from now on.`);
        return true;
      } catch (e) {
        get().toast('error', `Could not publish: ${message(e)}`);
        return false;
      }
    },

    saveAsCopy: async () => {
      const s = get();
      try {
        const res = await api.workflows.create({ ...buildDefinition(s, s.graphDoc()), name: `${s.name} (copy)` });
        const hooks = res.hooks ?? (await api.workflows.get(res.id)).hooks;
        set({ workflowId: res.id, name: `${s.name} (copy)`, version: res.version, publishedVersion: null, active: false, hooks, conflict: null, dirty: false, savedAt: now() });
        get().toast('success', 'Saved your edit as a new workflow; the original keeps the other change.');
        return res.id;
      } catch (e) {
        get().toast('error', `Could not save a copy: ${message(e)}`);
        return undefined;
      }
    },

    restoreVersion: async (version) => {
      const id = get().workflowId;
      if (!id) return false;
      try {
        const v = await api.workflows.version(id, version);
        const def = readDefinition(v.definition);
        get().checkpoint();
        const { past } = get();
        set({ name: def.name, description: def.description, tags: def.tags, pinned: def.pinned, settings: def.settings });
        get().loadGraph(def.doc);
        // Restoring is undoable: keep the history that loadGraph cleared.
        set({ past, dirty: true, edits: get().edits + 1 });
        const saved = await get().save();
        return saved !== undefined;
      } catch (e) {
        get().toast('error', `Could not restore version ${version}: ${message(e)}`);
        return false;
      }
    },
  });
