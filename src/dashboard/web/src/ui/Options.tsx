export interface Choice {
  value: string;
  label: string;
}

/** A select's options: the empty value first when `none` names it ("Semua status", "Pilih model"), then each choice. */
export function Options({ none, choices }: { none?: string; choices: readonly Choice[] }) {
  return (
    <>
      {none !== undefined && <option value="">{none}</option>}
      {choices.map((choice) => (
        <option key={choice.value} value={choice.value}>
          {choice.label}
        </option>
      ))}
    </>
  );
}
