interface StatProps {
  label: string;
  value: string;
  /** The figure asks for a person (shown in red). */
  alert?: boolean;
}

/** A labelled figure in a `stat` box, for the rows of figures above a page's details. */
export function Stat({ label, value, alert }: StatProps) {
  return (
    <div className={alert ? 'stat alert' : 'stat'}>
      <div className="label">{label}</div>
      <div className="value">{value}</div>
    </div>
  );
}
