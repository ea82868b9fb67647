import type { RunSummary } from '../api/types.js';
import { untilText } from '../editor/schedule-text.js';
import { Link } from '../router/link.js';
import { navigate } from '../router/router.js';
import { dateTime, duration, shortId, timeAgo } from '../ui/format.js';
import { StatusBadge } from '../ui/status-badge.js';

/** The runs list: status, workflow, version, when, how long, and the id; a row opens the run. */
export function RunsTable({ runs, now }: { runs: RunSummary[]; now: number }) {
  return (
    <div className="card table-card">
      <table className="table">
        <thead>
          <tr>
            <th>Status</th>
            <th>Workflow</th>
            <th>Version</th>
            <th>Started</th>
            <th>Duration</th>
            <th>Run</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id} className="clickable" onClick={() => navigate(`/runs/${encodeURIComponent(r.id)}`)}>
              <td>
                <StatusBadge status={r.status} />
                {r.status === 'waiting' && r.wakeAt ? (
                  <div className="muted small" title={r.wakeAt}>
                    resumes {untilText(r.wakeAt, now)}
                  </div>
                ) : null}
              </td>
              <td>
                <Link to={`/runs/${encodeURIComponent(r.id)}`} className="row-title">
                  {r.workflowName ?? r.workflowId}
                </Link>
              </td>
              <td className="muted">v{r.version}</td>
              <td className="muted small" title={r.createdAt}>
                {timeAgo(r.createdAt, now)}
                <div>{dateTime(r.createdAt)}</div>
              </td>
              <td className="muted small">{duration(r.startedAt ?? r.createdAt, r.finishedAt)}</td>
              <td>
                <code className="small" title={r.id}>
                  {shortId(r.id)}
                </code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
