"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/**
 * What a create did beyond the obvious (a database reusing its kept volume's credentials),
 * shown before leaving the form so the sentence is read rather than lost in a redirect.
 */
export function CreationEffects({ effects, continueLabel, onContinue }: { effects: string[]; continueLabel: string; onContinue: () => void }) {
  return (
    <Alert
      tone="warning"
      title="Created"
      action={
        <Button type="button" size="sm" onClick={onContinue}>
          {continueLabel}
        </Button>
      }
    >
      <ul className="list-disc pl-4">
        {effects.map((effect) => (
          <li key={effect}>{effect}</li>
        ))}
      </ul>
    </Alert>
  );
}
