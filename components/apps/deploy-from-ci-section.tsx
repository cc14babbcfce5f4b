"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { TextField } from "@/components/ui/field";
import { CreatedTokenNotice } from "@/components/settings/created-token-notice";
import { TokenExpiryField } from "@/components/settings/token-expiry-field";
import { TokenList } from "@/components/settings/token-list";
import { errorMessage } from "@/lib/api-client";
import { ciDeployExample, TOKEN_VARIABLE } from "@/lib/apps/ci-deploy-example";
import type { ApiTokenSummary, CreatedApiToken } from "@/lib/dto/token";
import { useCreateToken } from "@/lib/queries/tokens";
import { createTokenSchema } from "@/lib/schemas/token";

type Props = { project: string; app: string; image: string; canManage: boolean };

/**
 * "Deploy from CI": an admin makes a deploy token for this app (shown once), with the two curl
 * calls a CI job runs; the app's deploy tokens are listed with revoke.
 */
export function DeployFromCiSection({ project, app, image, canManage }: Props) {
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const isThisApp = (token: ApiTokenSummary) => token.scope?.project === project && (token.scope.app === app || token.scope.app === null);

  return (
    <Card aria-labelledby="deploy-from-ci-heading">
      <CardHeader
        headingId="deploy-from-ci-heading"
        title="Deploy from CI"
        description="A deploy token can deploy a new image of this app, roll it back, restart it and read its status and logs — nothing else, and no other app."
      />
      <div className="flex flex-col gap-5">
        {canManage ? <DeployTokenForm project={project} app={app} onCreated={setCreated} /> : <p className="text-sm text-fg-muted">Only an admin can create deploy tokens.</p>}
        {created ? (
          <>
            <CreatedTokenNotice created={created} onDismiss={() => setCreated(null)} />
            <CiExample project={project} app={app} image={image} />
          </>
        ) : null}
        <TokenList canRevoke={canManage} only={{ filter: isThisApp, emptyText: "No deploy tokens for this app yet." }} />
      </div>
    </Card>
  );
}

function DeployTokenForm({ project, app, onCreated }: { project: string; app: string; onCreated: (token: CreatedApiToken) => void }) {
  const createToken = useCreateToken();
  const [name, setName] = useState(`ci-${app}`);
  const [expiry, setExpiry] = useState("90");
  const [nameError, setNameError] = useState<string | undefined>();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = createTokenSchema.safeParse({ name, role: "deployer", project, app, ...(expiry ? { expiresInDays: Number(expiry) } : {}) });
    if (!parsed.success) {
      setNameError(parsed.error.issues[0]?.message);
      return;
    }
    setNameError(undefined);
    createToken.mutate(parsed.data, { onSuccess: onCreated });
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="grid grid-cols-1 gap-4 sm:grid-cols-[2fr_1fr_auto] sm:items-start">
      <TextField id="deploy-token-name" label="Token name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} error={nameError} maxLength={64} />
      <TokenExpiryField id="deploy-token-expiry" value={expiry} onChange={setExpiry} />
      <Button type="submit" isPending={createToken.isPending} className="sm:mt-6">
        Create deploy token
      </Button>
      {createToken.isError ? (
        <Alert tone="error" className="sm:col-span-3">
          {errorMessage(createToken.error)}
        </Alert>
      ) : null}
    </form>
  );
}

/** Rendered only after a token was created in the browser, so `window` is always there. */
function CiExample({ project, app, image }: { project: string; app: string; image: string }) {
  const example = ciDeployExample({ origin: window.location.origin, project, app, image });
  return (
    <div className="flex flex-col gap-3 text-sm text-fg">
      <p>
        Save the token as the CI secret <code className="font-mono">{TOKEN_VARIABLE}</code>. After pushing an image, the job deploys it; the answer names the
        operation (<code className="font-mono">operation.id</code>) and the revision:
      </p>
      <ExampleBlock testId="ci-deploy-command" text={example.deploy} />
      <p>
        Then it waits for the outcome: this answers once the operation has finished (or after a minute; ask again) with{" "}
        <code className="font-mono">&quot;status&quot;: &quot;succeeded&quot;</code> or <code className="font-mono">&quot;failed&quot;</code> and why.
      </p>
      <ExampleBlock testId="ci-wait-command" text={example.wait} />
    </div>
  );
}

function ExampleBlock({ text, testId }: { text: string; testId: string }) {
  return (
    <div className="flex min-w-0 items-start gap-2">
      <pre data-testid={testId} className="min-w-0 flex-1 overflow-x-auto rounded bg-muted px-3 py-2 font-mono text-xs">
        {text}
      </pre>
      <CopyButton value={text} />
    </div>
  );
}
