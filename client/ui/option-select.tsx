/** A select of plain text options, with an optional first empty choice (`blank`: its label). */
export function OptionSelect({
  id,
  value,
  options,
  blank,
  describedBy,
  onChange,
}: {
  id: string;
  value: string;
  options: readonly string[];
  blank?: string;
  describedBy?: string;
  onChange: (v: string) => void;
}) {
  return (
    <select id={id} className="input" value={value} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)}>
      {blank !== undefined ? <option value="">{blank}</option> : null}
      {options.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  );
}
