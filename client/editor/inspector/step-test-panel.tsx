import { useState } from 'react';
import { getNodeType } from '../../../shared/nodes/registry.js';
import type { StepTest } from '../../api/types.js';
import { useApp } from '../../store/store-context.js';
import { useApi } from '../../ui/api-context.js';

const json = (v: unknown) => JSON.stringify(v, null, 2) ?? 'undefined';

/**
 * Pinned data and "Test this step" for one step: pin the output the last run gave it (test
 * runs then use it instead of running the step), and run this step alone on the sample and the
 * pinned outputs before it. The draft is saved first, since the server tests what is saved.
 */
export function StepTestPanel({ nodeId, nodeType }: { nodeId: string; nodeType: string }) {
  // Triggers are tested by listening or by Test run; they have no panel.
  return getNodeType(nodeType)?.kind === 'trigger' ? null : <StepTestControls nodeId={nodeId} />;
}

function StepTestControls({ nodeId }: { nodeId: string }) {
  const api = useApi();
  const isPinned = useApp((s) => Object.hasOwn(s.pinned, nodeId));
  const pinnedOutput = useApp((s) => s.pinned[nodeId]);
  const last = useApp((s) => s.editorSteps[nodeId]);
  const setPinned = useApp((s) => s.setPinned);
  const save = useApp((s) => s.save);
  const [result, setResult] = useState<StepTest | { status: 'error'; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const test = async () => {
    setBusy(true);
    try {
      const id = await save();
      if (!id) return setResult({ status: 'error', message: 'Save the workflow first.' });
      setResult(await api.workflows.testStep(id, nodeId));
    } catch (e) {
      setResult({ status: 'error', message: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel-section" aria-label="Test this step">
      <h3>Test this step</h3>
      {isPinned ? (
        <>
          <p className="muted small">Pinned output: test runs use it instead of running this step.</p>
          <pre className="code-block" aria-label="Pinned output">
            {json(pinnedOutput)}
          </pre>
          <button type="button" className="button button-small" onClick={() => setPinned(nodeId, undefined)}>
            Unpin
          </button>
        </>
      ) : last?.status === 'succeeded' ? (
        <button type="button" className="button button-small" onClick={() => setPinned(nodeId, last.output)}>
          Pin the last run’s output
        </button>
      ) : (
        <p className="muted small">Run the workflow once to pin this step’s output.</p>
      )}
      <button type="button" className="button button-small button-primary" disabled={busy} onClick={() => void test()}>
        {busy ? 'Testing…' : 'Test this step'}
      </button>
      {result ? (
        <div role="status" aria-label="Step test result">
          {result.status === 'error' ? <p className="field-error">{result.message}</p> : null}
          {result.status === 'failed' ? <p className="field-error">{result.error?.message}</p> : null}
          {result.status === 'succeeded' ? <pre className="code-block">{json(result.output)}</pre> : null}
        </div>
      ) : null}
    </section>
  );
}
