"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { TokenExpiryField } from "@/components/settings/token-expiry-field";
import { errorMessage } from "@/lib/api-client";
import { useCreateToken } from "@/lib/queries/tokens";
import { createTokenSchema } from "@/lib/schemas/token";
import type { CreatedApiToken } from "@/lib/dto/token";

type FieldErrors = Partial<Record<"name" | "role" | "expiresInDays", string>>;

/** Creates an API token with the same zod schema the server checks, so messages match. */
export function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedApiToken) => void }) {
  const createToken = useCreateToken();
  const [name, setName] = useState("");
  const [role, setRole] = useState("viewer");
  const [expiry, setExpiry] = useState("90");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = createTokenSchema.safeParse({
      name,
      role,
      ...(expiry ? { expiresInDays: Number(expiry) } : {}),
    });
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as keyof FieldErrors;
        errors[field] ??= issue.message;
      }
      setFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    createToken.mutate(parsed.data, {
      onSuccess: (created) => {
        setName("");
        onCreated(created);
      },
    });
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="grid grid-cols-1 gap-4 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-start">
      <TextField
        id="token-name"
        label="Token name"
        placeholder="e.g. ci-deploy"
        autoComplete="off"
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={fieldErrors.name}
        maxLength={64}
      />
      <SelectField id="token-role" label="Role" value={role} onChange={(event) => setRole(event.target.value)} error={fieldErrors.role}>
        <option value="viewer">Viewer (read only)</option>
        <option value="admin">Admin</option>
      </SelectField>
      <TokenExpiryField id="token-expiry" value={expiry} onChange={setExpiry} error={fieldErrors.expiresInDays} />
      <Button type="submit" isPending={createToken.isPending} className="sm:mt-6">
        Create token
      </Button>
      {createToken.isError ? (
        <Alert tone="error" className="sm:col-span-4">
          {errorMessage(createToken.error)}
        </Alert>
      ) : null}
    </form>
  );
}
