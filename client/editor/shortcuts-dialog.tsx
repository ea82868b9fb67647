import { Dialog } from '../ui/dialog.js';
import { isMac, shortcuts } from './shortcuts.js';

/** The list of keyboard shortcuts ("?"). */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const mod = isMac() ? '⌘' : 'Ctrl';
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={onClose}>
      <table className="shortcuts">
        <tbody>
          {shortcuts.map((s) => (
            <tr key={s.does}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={i}>
                    {i > 0 ? ' + ' : ''}
                    <kbd>{k === 'mod' ? mod : k}</kbd>
                  </span>
                ))}
              </td>
              <td>{s.does.replace('mod', mod)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
