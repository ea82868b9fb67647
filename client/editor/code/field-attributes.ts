import { EditorView } from '@codemirror/view';

/** What every editor of a field needs: its accessible name and its place in the form. */
export interface FieldAttributes {
  id: string;
  label: string;
  describedBy?: string;
}

/** The field's accessible name and description, on the editable element. */
export const contentAttributes = (f: FieldAttributes) =>
  EditorView.contentAttributes.of({
    id: f.id,
    'aria-label': f.label,
    ...(f.describedBy ? { 'aria-describedby': f.describedBy } : {}),
  });
