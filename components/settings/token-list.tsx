"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Spinner } from "@/components/ui/spinner";
import { TokenRow } from "@/components/settings/token-row";
import { errorMessage } from "@/lib/api-client";
import { useRevokeToken, useTokens } from "@/lib/queries/tokens";
import type { ApiTokenSummary } from "@/lib/dto/token";

type TokenListProps = {
  canRevoke: boolean;
  /** Only these tokens (the app page lists its deploy tokens), with what to say when there are none. */
  only?: { filter: (token: ApiTokenSummary) => boolean; emptyText: string };
};

/** The tokens that exist, newest first as the server sends them, with revoke behind a confirmation. */
export function TokenList({ canRevoke, only }: TokenListProps) {
  const tokens = useTokens();
  const revokeToken = useRevokeToken();
  const [pendingRevoke, setPendingRevoke] = useState<ApiTokenSummary | null>(null);

  function handleConfirmRevoke() {
    if (!pendingRevoke) return;
    revokeToken.mutate(pendingRevoke.id, { onSuccess: () => setPendingRevoke(null) });
  }

  function handleCancelRevoke() {
    revokeToken.reset();
    setPendingRevoke(null);
  }

  if (tokens.isPending) return <Spinner label="Loading tokens…" />;
  if (tokens.isError) {
    return (
      <Alert
        tone="error"
        title="The token list could not be loaded"
        action={
          <Button size="sm" variant="secondary" onClick={() => void tokens.refetch()}>
            Try again
          </Button>
        }
      >
        {errorMessage(tokens.error)}
      </Alert>
    );
  }

  const activeTokens = tokens.data.tokens.filter((token) => !token.revoked && (only?.filter(token) ?? true));
  if (activeTokens.length === 0) {
    return <p className="text-sm text-fg-muted">{only?.emptyText ?? "No API tokens yet. Create one above for scripts and CI; send it as Authorization: Bearer."}</p>;
  }

  return (
    <>
      <ul aria-label="API tokens" className="divide-y divide-border">
        {activeTokens.map((token) => (
          <TokenRow key={token.id} token={token} canRevoke={canRevoke} onRevoke={setPendingRevoke} />
        ))}
      </ul>
      <ConfirmDialog
        isOpen={pendingRevoke !== null}
        title={`Revoke token "${pendingRevoke?.name ?? ""}"?`}
        confirmLabel="Revoke token"
        isPending={revokeToken.isPending}
        onConfirm={handleConfirmRevoke}
        onCancel={handleCancelRevoke}
      >
        <p>Anything using this token stops working at once. This cannot be undone.</p>
        {revokeToken.isError ? (
          <Alert tone="error" className="mt-3">
            {errorMessage(revokeToken.error)}
          </Alert>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
