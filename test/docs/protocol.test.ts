import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { attackRows, withIndex } from "../../scripts/attack-index.js";

describe("docs/protocol.md", () => {
  it("names every Emulator test and the trace it asserts (regenerate with scripts/attack-index.ts --write)", () => {
    const doc = readFileSync("docs/protocol.md", "utf8");
    expect(doc).toBe(withIndex(doc));
  });

  it("every attack suite test that rejects names a trace", () => {
    const rows = attackRows().filter((r) => r.file.includes("/attacks/"));
    expect(rows.filter((r) => r.traces.length > 0).length).toBeGreaterThan(100);
  });
});
