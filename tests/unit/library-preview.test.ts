import { describe, expect, it } from "vitest";
import { plainPreview } from "@/components/library/library-meta";

describe("plainPreview (library cards)", () => {
  it("keeps underscores and asterisks that are part of the text", () => {
    expect(plainPreview("Restart the service on [VAR:server_name] and check [VAR:queue_status_1].")).toBe(
      "Restart the service on [VAR:server_name] and check [VAR:queue_status_1].",
    );
    expect(plainPreview("Delete old files: rm /var/log/app_*.log and snake_case_name")).toBe("Delete old files: rm /var/log/app_*.log and snake_case_name");
  });

  it("drops emphasis, headings, quotes, list markers, code fences and link targets", () => {
    expect(plainPreview("# Check\n\n**Stop** the _spooler_ and __queue__, then ~~wait~~ `net start`.")).toBe("Check Stop the spooler and queue, then wait net start.");
    expect(plainPreview("> Note: read [the runbook](https://example.com/r)\n- one\n- [x] two\n1. three")).toBe("Note: read the runbook one two three");
    expect(plainPreview("Before\n```\nsecret code\n```\nAfter ![img](x.png)")).toBe("Before After");
    expect(plainPreview("| Host | State |\n|---|---|\n| srv_01 | up |")).toBe("Host State srv_01 up");
  });

  it("shortens long text with an ellipsis", () => {
    const preview = plainPreview("word ".repeat(100), 20);
    expect(preview).toHaveLength(20);
    expect(preview.endsWith("…")).toBe(true);
  });
});
