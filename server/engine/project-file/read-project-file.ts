/**
 * Reads a project file (lib/schemas/project-file.ts) from its text: refused with the YAML
 * layer's checks (size, alias bombs, duplicate keys, tags) and then the API's schemas, every
 * problem named with its line and column — the same path-to-line mapping the YAML editor uses.
 */
import { findFieldPosition } from "@/lib/yaml/field-path-position";
import { parseYamlSafely, type YamlProblem } from "@/lib/yaml/parse-yaml-safely";
import { formatIssuePath } from "@/lib/schemas/format-issues";
import { issuePath, omittedSecretsOf, projectFileSchema, type OmittedSecret, type ProjectFile } from "@/lib/schemas/project-file";
import { AppError } from "@/server/errors";

export interface ReadProjectFile {
  file: ProjectFile;
  /** Secret values the file leaves out, which the import leaves to be set. */
  omitted: OmittedSecret[];
}

/** At most this many problems are named; the rest are counted. */
const SHOWN = 8;

function describe(problems: YamlProblem[]): string {
  const shown = problems.slice(0, SHOWN).map((p) => (p.line ? `Line ${p.line}, column ${p.column ?? 1}: ${p.message}` : p.message));
  const more = problems.length > SHOWN ? [`…and ${problems.length - SHOWN} more.`] : [];
  return [`The project file was not imported (nothing was created).`, ...shown, ...more].join("\n");
}

function refuse(problems: YamlProblem[]): AppError {
  return new AppError({ code: "invalid", message: describe(problems) });
}

export function readProjectFile(text: string): ReadProjectFile {
  if (text.trim() === "") throw refuse([{ message: "The file is empty; choose a file Berth exported (apiVersion: berth.dev/v1, kind: Project)." }]);
  const parsed = parseYamlSafely(text);
  if (!parsed.ok) throw refuse(parsed.problems);
  if (parsed.documents.length !== 1) throw refuse([{ message: `The file holds ${parsed.documents.length} documents; a project file is one (apiVersion: berth.dev/v1, kind: Project).` }]);
  const [{ doc, value }] = parsed.documents;
  const result = projectFileSchema.safeParse(value);
  if (!result.success) {
    throw refuse(
      result.error.issues.map((issue) => {
        const path = formatIssuePath(issuePath(issue));
        const at = path ? findFieldPosition(doc, parsed.lineCounter, path) : undefined;
        return { message: path ? `${path}: ${issue.message}` : issue.message, line: at?.line ?? parsed.documents[0].line, column: at?.column ?? 1 };
      }),
    );
  }
  return { file: result.data, omitted: omittedSecretsOf(value) };
}
