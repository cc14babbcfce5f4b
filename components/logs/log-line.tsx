import { memo } from "react";
import { parseAnsi, type AnsiStyle } from "@/lib/logs/ansi";
import { splitMatches } from "@/lib/logs/search-lines";
import { streamColour } from "@/lib/logs/stream-colour";
import type { BufferedLine } from "@/lib/logs/log-buffer";

function styleOf(style: AnsiStyle): React.CSSProperties | undefined {
  if (!style.fg && !style.bg && !style.isBold && !style.isDim && !style.isItalic && !style.isUnderline) return undefined;
  return {
    color: style.fg,
    backgroundColor: style.bg,
    fontWeight: style.isBold ? 700 : undefined,
    opacity: style.isDim ? 0.7 : undefined,
    fontStyle: style.isItalic ? "italic" : undefined,
    textDecoration: style.isUnderline ? "underline" : undefined,
  };
}

/**
 * One log row: timestamp (optional), the pod/container in its colour, and the text with its
 * ANSI colours as spans and search matches marked. Everything is a text node; no HTML from the
 * log is ever interpreted.
 */
export const LogLine = memo(function LogLine({
  line,
  isTimestampShown,
  isPrefixShown,
  query,
  isCurrentHit,
}: {
  line: BufferedLine;
  isTimestampShown: boolean;
  isPrefixShown: boolean;
  query: string;
  isCurrentHit: boolean;
}) {
  if (!line.stream) return <span className="text-fg-muted italic">— {line.text} —</span>;
  return (
    <span className={isCurrentHit ? "bg-warning/20" : undefined}>
      {isTimestampShown ? <span className="text-fg-muted">{line.ts} </span> : null}
      {isPrefixShown ? <span style={{ color: streamColour(line.stream) }}>{line.stream} </span> : null}
      {parseAnsi(line.text).map((segment, i) => (
        <span key={i} style={styleOf(segment.style)}>
          {query
            ? splitMatches(segment.text, query).map((part, j) =>
                part.isMatch ? (
                  <mark key={j} className="rounded-sm bg-warning/40 text-inherit">
                    {part.text}
                  </mark>
                ) : (
                  part.text
                ),
              )
            : segment.text}
        </span>
      ))}
    </span>
  );
});

/** Characters a row shows, for the list's wrapped-height arithmetic. */
export function lineChars(line: BufferedLine, isTimestampShown: boolean, isPrefixShown: boolean): number {
  if (!line.stream) return line.text.length + 4;
  return (isTimestampShown ? line.ts.length + 1 : 0) + (isPrefixShown ? line.stream.length + 1 : 0) + line.text.length;
}
