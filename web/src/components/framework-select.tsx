/** Picks the framework a page shows; the list is what the API says is in force or judged. */
export function FrameworkSelect(props: { value: string | null; frameworks: string[] | undefined; onChange: (framework: string) => void }) {
  const { value, frameworks, onChange } = props;
  return (
    <label>
      Framework{' '}
      <select value={value ?? ''} onChange={(e) => onChange(e.currentTarget.value)} disabled={!frameworks}>
        {(frameworks ?? (value ? [value] : [])).map((f) => (
          <option key={f} value={f}>
            {f}
          </option>
        ))}
      </select>
    </label>
  );
}
