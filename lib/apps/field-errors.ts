/**
 * Where an error belongs in the app form. Both the browser's own zod check and the server's
 * refusal name a field path (`hostnames.0.host`, `hostnames[0].host`); the form shows each
 * message next to the input that holds that path's top-level field.
 */
export type FieldErrors = Partial<Record<string, string>>;

function topField(path: string): string {
  return path.split(/[.[]/)[0] ?? "";
}

function add(errors: FieldErrors, field: string, message: string) {
  errors[field] = errors[field] ? `${errors[field]}; ${message}` : message;
}

/** From zod issues (the shared schema run in the browser). Issues without a path go under "form". */
export function fieldErrorsFromIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String);
    const field = path[0] ?? "form";
    add(errors, field, path.length > 1 ? `${path.slice(1).join(".")}: ${issue.message}` : issue.message);
  }
  return errors;
}

/**
 * From the API's sentence `field.path: what is wrong; other: …`. Parts naming a field the form
 * shows go next to it; the rest stay in "form" so nothing the server said is lost.
 */
export function fieldErrorsFromApiMessage(message: string, fields: ReadonlyArray<string>): FieldErrors {
  const errors: FieldErrors = {};
  for (const part of message.split("; ")) {
    const match = /^([A-Za-z][\w.[\]]*): (.+)$/s.exec(part);
    const field = match ? topField(match[1]) : "";
    if (match && fields.includes(field)) {
      const rest = match[1].slice(field.length).replace(/^\./, "");
      add(errors, field, rest ? `${rest}: ${match[2]}` : match[2]);
    } else add(errors, "form", part);
  }
  return errors;
}
