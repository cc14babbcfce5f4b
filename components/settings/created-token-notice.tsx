import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import type { CreatedApiToken } from "@/lib/dto/token";

/** The one and only time a token's value is on screen. Dismissing it forgets the value. */
export function CreatedTokenNotice({ created, onDismiss }: { created: CreatedApiToken; onDismiss: () => void }) {
  return (
    <Alert tone="success" title={`Token "${created.name}" created`}>
      <p>Copy it now: Berth stores only a hash and will never show this value again.</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code data-testid="created-token-value" className="min-w-0 max-w-full break-all rounded bg-panel px-2 py-1 font-mono text-xs text-fg">
          {created.token}
        </code>
        <CopyButton value={created.token} />
        <Button variant="ghost" size="sm" onClick={onDismiss}>
          Done
        </Button>
      </div>
    </Alert>
  );
}
