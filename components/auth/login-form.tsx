"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { ApiError, errorMessage } from "@/lib/api-client";
import { useLogin } from "@/lib/queries/session";
import { loginSchema } from "@/lib/schemas/session";

function loginErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 429) {
    return error.retryAfterSeconds !== undefined
      ? `Too many attempts, try again in ${error.retryAfterSeconds} s.`
      : "Too many attempts, wait a minute and try again.";
  }
  return errorMessage(error);
}

/** Exchanges a pasted token for a session cookie, then returns to `nextPath`. */
export function LoginForm({ nextPath }: { nextPath: string }) {
  const router = useRouter();
  const login = useLogin();
  const [token, setToken] = useState("");
  const [fieldError, setFieldError] = useState<string | undefined>();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = loginSchema.safeParse({ token });
    if (!parsed.success) {
      setFieldError(parsed.error.issues[0]?.message);
      return;
    }
    setFieldError(undefined);
    login.mutate(parsed.data, { onSuccess: () => router.replace(nextPath) });
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="flex flex-col gap-4">
      <TextField
        id="login-token"
        name="token"
        type="password"
        label="Admin or API token"
        hint="Berth printed the admin token in its log on first start (kubectl -n berth logs deploy/berth)."
        autoComplete="current-password"
        spellCheck={false}
        value={token}
        onChange={(event) => setToken(event.target.value)}
        error={fieldError}
        autoFocus
      />
      {login.isError ? <Alert tone="error">{loginErrorMessage(login.error)}</Alert> : null}
      <Button type="submit" isPending={login.isPending || login.isSuccess}>
        Log in
      </Button>
    </form>
  );
}
