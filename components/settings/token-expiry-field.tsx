import { SelectField } from "@/components/ui/field";

const expiryOptions = [
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
  { value: "", label: "Never" },
];

type Props = { id: string; value: string; onChange: (value: string) => void; error?: string };

/** How long a new token lives, as `expiresInDays` ("" for never); shared by both token forms. */
export function TokenExpiryField({ id, value, onChange, error }: Props) {
  return (
    <SelectField id={id} label="Expires after" value={value} onChange={(event) => onChange(event.target.value)} error={error}>
      {expiryOptions.map((option) => (
        <option key={option.label} value={option.value}>
          {option.label}
        </option>
      ))}
    </SelectField>
  );
}
