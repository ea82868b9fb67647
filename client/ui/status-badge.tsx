/** A run or step status as a coloured pill; the text is always there, colour only helps. */
export function StatusBadge({ status, small }: { status: string; small?: boolean }) {
  return (
    <span className={`status status-${status}${small ? ' status-small' : ''}`}>
      <span className="status-dot" aria-hidden="true" />
      {status}
    </span>
  );
}
