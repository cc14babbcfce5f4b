import { describe, expect, it } from "vitest";
import { fileLanguage } from "@/lib/apps/file-language";

describe("fileLanguage", () => {
  it.each([
    ["/etc/app/config.yaml", "yaml"],
    ["/etc/app/settings.JSON", "json"],
    ["/etc/app/pyproject.toml", "ini"],
    ["/etc/nginx/conf.d/default.conf", "shell"],
    ["/srv/app/.env", "shell"],
    ["/srv/app/.env.production", "shell"],
    ["/srv/app/init.sql", "sql"],
    ["/srv/app/index.html", "html"],
    ["/srv/app/README.md", "markdown"],
    ["/srv/app/.htpasswd", "plaintext"],
    ["/srv/app/Caddyfile", "plaintext"],
  ])("%s → %s", (path, language) => {
    expect(fileLanguage(path)).toBe(language);
  });
});
