"use client";

import { useState } from "react";
import { Card, CardHeader } from "@/components/ui/card";
import { CreateTokenForm } from "@/components/settings/create-token-form";
import { CreatedTokenNotice } from "@/components/settings/created-token-notice";
import { TokenList } from "@/components/settings/token-list";
import type { CreatedApiToken } from "@/lib/dto/token";

/** API tokens: create (value shown once), list, revoke. Viewers can look but not change. */
export function ApiTokensSection({ canManage }: { canManage: boolean }) {
  const [created, setCreated] = useState<CreatedApiToken | null>(null);

  return (
    <Card aria-labelledby="tokens-heading">
      <CardHeader
        headingId="tokens-heading"
        title="API tokens"
        description="For scripts and CI: send a token as Authorization: Bearer <token>. Admin and viewer tokens can also log in here; deploy tokens, made on an app's settings page, only deploy that app."
      />
      <div className="flex flex-col gap-5">
        {canManage ? <CreateTokenForm onCreated={setCreated} /> : <p className="text-sm text-fg-muted">Only an admin can create or revoke tokens.</p>}
        {created ? <CreatedTokenNotice created={created} onDismiss={() => setCreated(null)} /> : null}
        <TokenList canRevoke={canManage} />
      </div>
    </Card>
  );
}
