// The blueprint build (scripts/build.ts) and its loader (offchain/blueprint.ts).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { validatorToScriptHash } from "@lucid-evolution/lucid";
import { bool, data, int, pfn, PScriptContext, perror, pif, pmakeUnit, unit } from "@harmoniclabs/plu-ts";
import { blueprintText, buildBlueprint, type ValidatorSpec } from "../../scripts/build.js";
import { check } from "../../lib/trace.js";
import { loadBlueprint, getScript, TRACED_BLUEPRINT } from "../../offchain/blueprint.js";

const REPO = resolve(import.meta.dirname, "../..");

/** A dummy registry entry: mint and spend, one parameter, a checked redeemer. */
const dummy: ValidatorSpec = {
  name: "dummy",
  purposes: ["mint", "spend"],
  params: [{ name: "limit", schema: { title: "limit", dataType: "integer" } }],
  datum: { title: "DummyDatum", anyOf: [{ title: "DummyDatum", dataType: "constructor", index: 0, fields: [{ title: "owner", dataType: "bytes" }] }] },
  redeemer: { title: "DummyRedeemer", anyOf: [{ title: "Go", dataType: "constructor", index: 0, fields: [] }] },
  make: () =>
    pfn([data, PScriptContext.type], unit)((_limit, _ctx) =>
      pif(unit).$(check("dummy: always true", pfn([int], bool)((x) => x.eq(x)).$(1))).then(pmakeUnit()).else(perror(unit)),
    ),
};

function validate(bp: Awaited<ReturnType<typeof buildBlueprint>>): void {
  expect(bp.preamble).toMatchObject({ plutusVersion: "v3", compiler: { name: "plu-ts", version: "0.9.0" } });
  for (const v of bp.validators) {
    expect(v.title).toMatch(/^[a-z]+\.[a-z]+\.(mint|spend)$/);
    expect(v.hash).toBe(validatorToScriptHash({ type: "PlutusV3", script: v.compiledCode }));
    const refs = JSON.stringify(v).match(/#\/definitions\/[A-Za-z%0-9]+/g) ?? [];
    for (const r of refs) expect(bp.definitions[decodeURIComponent(r.slice("#/definitions/".length))], r).toBeDefined();
    if (v.title.endsWith(".mint")) expect(v.datum).toBeUndefined();
  }
}

describe("blueprint build", () => {
  it("builds a dummy registry: Aiken-style titles, one script for both purposes, hashes = Lucid's, deterministic", async () => {
    const a = await buildBlueprint({ traced: false, registry: [dummy] });
    const b = await buildBlueprint({ traced: false, registry: [dummy] });
    expect(blueprintText(a)).toBe(blueprintText(b));
    expect(a.validators.map((v) => v.title)).toEqual(["dummy.dummy.mint", "dummy.dummy.spend"]);
    expect(a.validators[0]!.compiledCode).toBe(a.validators[1]!.compiledCode);
    expect(a.validators[1]!.datum).toEqual({ title: "datum", schema: { title: "DummyDatum", $ref: "#/definitions/DummyDatum" } });
    expect(a.validators[0]!.parameters).toEqual([{ title: "limit", schema: { title: "limit", $ref: "#/definitions/Int" } }]);
    validate(a);
    const traced = await buildBlueprint({ traced: true, registry: [dummy] });
    expect(traced.validators[0]!.compiledCode).not.toBe(a.validators[0]!.compiledCode);
    expect(Buffer.from(traced.validators[0]!.compiledCode, "hex").includes(Buffer.from("dummy: always true"))).toBe(true);
    expect(Buffer.from(a.validators[0]!.compiledCode, "hex").includes(Buffer.from("dummy: always true"))).toBe(false);
  });

  it("the committed plutus.json is the untraced build of the current sources, and its hashes are Lucid's", () => {
    const out = join(mkdtempSync(join(tmpdir(), "jetpack-build-")), "plutus.json");
    const r = spawnSync(process.execPath, ["--import", "tsx", join(REPO, "scripts/build.ts"), "--out", out], { cwd: REPO, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const fresh = readFileSync(out, "utf8");
    const committed = readFileSync(join(REPO, "plutus.json"), "utf8");
    expect(committed === fresh, "plutus.json is stale: run `npm run build` and commit it").toBe(true);
    const bp = JSON.parse(committed);
    validate(bp);
    expect(Buffer.from(committed).includes(Buffer.from("claim: "))).toBe(false); // no trace strings
  }, 300_000);

  it("the loader returns compiled code by name and purpose (plutus.json and the traced build)", () => {
    const bp = loadBlueprint();
    for (const v of bp.file.validators) {
      const [, name, purpose] = v.title.split(".") as [string, string, "mint" | "spend"];
      expect(getScript(name, purpose)).toBe(v.compiledCode);
      expect(bp.getHash(name, purpose)).toBe(v.hash);
    }
    expect(() => bp.getScript("nope", "mint")).toThrow(/no validator nope for mint/);
    const traced = loadBlueprint(TRACED_BLUEPRINT);
    expect(traced.file.validators.map((v) => v.title)).toEqual(bp.file.validators.map((v) => v.title));
    expect(traced.getScript("pool", "spend")).not.toBe(bp.getScript("pool", "spend"));
  });
});
