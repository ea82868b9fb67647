import { useEffect } from 'react';
import { useApp } from '../store/store-context.js';
import type { Toast } from '../store/ui-slice.js';
import { Icon } from './icons.js';

const TOAST_MS = 5000;

function ToastItem({ toast, onClose }: { toast: Toast; onClose: () => void }) {
  useEffect(() => {
    const t = setTimeout(onClose, toast.kind === 'error' ? TOAST_MS * 2 : TOAST_MS);
    return () => clearTimeout(t);
  }, [toast, onClose]);
  const icon = toast.kind === 'success' ? 'check' : toast.kind === 'error' ? 'alert' : 'info';
  return (
    <div className={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
      <Icon name={icon} />
      <span>{toast.message}</span>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={onClose}>
        <Icon name="x" size={14} />
      </button>
    </div>
  );
}

/** Where toasts appear (bottom right), announced to screen readers. */
export function ToastHost() {
  const toasts = useApp((s) => s.toasts);
  const dismiss = useApp((s) => s.dismissToast);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} onClose={() => dismiss(t.id)} />
      ))}
    </div>
  );
}
