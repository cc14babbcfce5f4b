/**
 * A full log as a downloaded text file named after what it holds
 * (`<project>-<app or database>[-<pod>][-<container>][-previous].log`), never cached.
 */
export function logDownloadResponse(body: ReadableStream<Uint8Array>, nameParts: Array<string | undefined>, isPrevious: boolean | undefined): Response {
  const name = nameParts.filter(Boolean).join("-");
  return new Response(body, {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}${isPrevious ? "-previous" : ""}.log"`,
      "Cache-Control": "no-store",
    },
  });
}
