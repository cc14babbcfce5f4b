import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/lib/format-time";
import type { ApiTokenSummary } from "@/lib/dto/token";

type TokenRowProps = { token: ApiTokenSummary; canRevoke: boolean; onRevoke: (token: ApiTokenSummary) => void };

function expiryText(token: ApiTokenSummary): string {
  if (token.revoked) return "Revoked";
  if (!token.expiresAt) return "Never expires";
  const isExpired = new Date(token.expiresAt).getTime() <= Date.now();
  return `${isExpired ? "Expired" : "Expires"} ${formatDateTime(token.expiresAt)}`;
}

/** A deploy token's reach, as its badge says it. */
function scopeText(scope: NonNullable<ApiTokenSummary["scope"]>): string {
  return scope.app ? `deploys ${scope.project}/${scope.app}` : `deploys any app of ${scope.project}`;
}

export function TokenRow({ token, canRevoke, onRevoke }: TokenRowProps) {
  return (
    <li data-testid="token-row" className="flex flex-wrap items-center justify-between gap-3 py-3">
      <div className="min-w-0">
        <p className="flex flex-wrap items-center gap-2 font-medium text-fg">
          <span className="break-all">{token.name}</span>
          <span className="rounded bg-muted px-1.5 py-0.5 text-xs font-normal text-fg-muted">{token.role}</span>
          {token.scope ? <span className="rounded bg-muted px-1.5 py-0.5 text-xs font-normal text-fg-muted">{scopeText(token.scope)}</span> : null}
          {token.isAdminLogin ? <span className="rounded bg-muted px-1.5 py-0.5 text-xs font-normal text-fg-muted">admin login</span> : null}
        </p>
        <p className="mt-1 break-all text-xs text-fg-muted">
          <span className="font-mono">{token.hint}</span> · created {formatDateTime(token.createdAt)} · {expiryText(token)} · last used{" "}
          {token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "never"}
        </p>
      </div>
      {canRevoke && !token.revoked && !token.isAdminLogin ? (
        <Button variant="secondary" size="sm" onClick={() => onRevoke(token)} aria-label={`Revoke token ${token.name}`}>
          Revoke
        </Button>
      ) : null}
    </li>
  );
}
