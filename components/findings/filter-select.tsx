/** The choice for "no filter": an empty value, which the query parser reads as not given. */
export const ANY = { value: "", label: "Any" };

/**
 * One filter of a GET form: a labelled choice, sent as `name` (an empty value: no filter). A value
 * the address holds that is not among the choices (a comma list typed into the URL) is offered as
 * it stands, so that applying the form keeps it instead of silently switching to the first choice.
 */
export function FilterSelect(props: {
  label: string;
  name: string;
  value: string;
  choices: { value: string; label: string }[];
}) {
  const known = props.choices.some((c) => c.value === props.value);
  const choices = known ? props.choices : [...props.choices, { value: props.value, label: props.value }];
  return (
    <label className="flex flex-col">
      <span className="text-slate-700">{props.label}</span>
      <select
        name={props.name}
        defaultValue={props.value}
        className="rounded border border-slate-300 bg-white px-2 py-1"
      >
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** One free-text filter of a GET form, sent as `name` (empty: no filter). */
export function FilterInput(props: {
  label: string;
  name: string;
  value: string;
  placeholder: string;
  type?: "text" | "search";
}) {
  return (
    <label className="flex flex-col">
      <span className="text-slate-700">{props.label}</span>
      <input
        type={props.type ?? "text"}
        name={props.name}
        defaultValue={props.value}
        placeholder={props.placeholder}
        className="rounded border border-slate-300 px-2 py-1"
      />
    </label>
  );
}
