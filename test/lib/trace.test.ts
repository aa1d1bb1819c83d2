import { describe, expect, it } from "vitest";
import { bool, compile, int, pfn } from "@harmoniclabs/plu-ts";
import { check, fail, guarded, isTraced, modal, setTraced, withTraced } from "../../lib/trace.js";
import { OnchainFn } from "../../offchain/onchain/eval.js";

describe("trace modes", () => {
  const f = modal(() => pfn([int], bool)((x) => check("x must be positive", x.gt(0)).and(check("x must be small", x.lt(10)))));
  const g = modal(() => pfn([int], int)((x) => guarded("x must be even", x.mod(2).eq(0), x.add(1), int)));
  const h = modal(() => pfn([int], int)((_) => fail("always", int)));

  it("withTraced restores the previous mode", () => {
    const before = isTraced();
    withTraced(!before, () => expect(isTraced()).toBe(!before));
    expect(isTraced()).toBe(before);
  });

  it("traced build: checks log their message when false", () => {
    const t = withTraced(true, () => new OnchainFn(f));
    expect(t.run({ int: 5 })).toMatchObject({ ok: true, value: true, logs: [] });
    const r = t.run({ int: 50 });
    expect(r).toMatchObject({ ok: true, value: false });
    expect(r.logs.join("")).toContain("x must be small");
    expect(withTraced(true, () => new OnchainFn(g)).run({ int: 3 }).logs.join("")).toContain("x must be even");
    expect(withTraced(true, () => new OnchainFn(h)).run({ int: 3 })).toMatchObject({ ok: false, logs: ["always"] });
  });

  it("untraced build: same results, no strings in the script", () => {
    const u = withTraced(false, () => new OnchainFn(f));
    expect(u.run({ int: 5 })).toMatchObject({ ok: true, value: true, logs: [] });
    expect(u.run({ int: 50 })).toMatchObject({ ok: true, value: false, logs: [] });
    expect(withTraced(false, () => new OnchainFn(g)).int({ int: 4 })).toBe(5n);
    expect(withTraced(false, () => new OnchainFn(g)).run({ int: 3 })).toMatchObject({ ok: false, logs: [] });
    const bytes = withTraced(false, () => compile(f));
    expect(Buffer.from(bytes).includes(Buffer.from("x must be"))).toBe(false);
    expect(Buffer.from(withTraced(true, () => compile(f))).includes(Buffer.from("x must be"))).toBe(true);
  });

  it("a modal term follows setTraced after import", () => {
    const before = isTraced();
    try {
      setTraced(false);
      const a = compile(f);
      setTraced(true);
      const b = compile(f);
      expect(a.length).toBeLessThan(b.length);
    } finally {
      setTraced(before);
    }
  });
});
