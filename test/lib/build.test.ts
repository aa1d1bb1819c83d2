// The blueprint build (scripts/build.ts: `aiken build`, `aiken export`) and its loader
// (offchain/blueprint.ts).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { validatorToScriptHash } from "@lucid-evolution/lucid";
import { loadBlueprint, getScript, TRACED_BLUEPRINT, type BlueprintFile } from "../../offchain/blueprint.js";

const REPO = resolve(import.meta.dirname, "../..");

function validate(bp: BlueprintFile): void {
  expect(bp.preamble).toMatchObject({ plutusVersion: "v3", compiler: { name: "Aiken" } });
  expect((bp.preamble.compiler as { version: string }).version).toMatch(/^v1\.1\.24/);
  for (const v of bp.validators) {
    expect(v.title).toMatch(/^(emission|config|pool|lock|lock_rules|governance|treasury|exchange)\.(emission|config|pool|lock|lock_rules|governance|treasury|exchange)\.(mint|spend|withdraw|else)$/);
    expect(v.hash).toBe(validatorToScriptHash({ type: "PlutusV3", script: v.compiledCode }));
  }
  const titles = bp.validators.map((v) => v.title);
  for (const t of ["emission.emission.mint", "emission.emission.spend", "config.config.spend", "pool.pool.spend", "pool.pool.mint", "lock.lock.spend", "lock_rules.lock_rules.withdraw", "governance.governance.spend", "governance.governance.mint", "treasury.treasury.spend", "exchange.exchange.spend", "exchange.exchange.mint", "exchange.exchange.withdraw"]) expect(titles).toContain(t);
  // one program per validator: every handler of a validator shares its code and hash
  const emission = bp.validators.filter((v) => v.title.startsWith("emission."));
  expect(new Set(emission.map((v) => v.hash)).size).toBe(1);
}

describe("blueprint build", () => {
  it("the committed plutus.json and plutus.exports.json are the silent build of the current sources, and the hashes are Lucid's", () => {
    const dir = mkdtempSync(join(tmpdir(), "jetpack-build-"));
    const out = join(dir, "plutus.json");
    const exportsOut = join(dir, "plutus.exports.json");
    const r = spawnSync(process.execPath, ["--import", "tsx", join(REPO, "scripts/build.ts"), "--out", out, "--exports", exportsOut], { cwd: REPO, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const committed = readFileSync(join(REPO, "plutus.json"), "utf8");
    expect(committed === readFileSync(out, "utf8"), "plutus.json is stale: run `npm run build` and commit it").toBe(true);
    expect(readFileSync(join(REPO, "plutus.exports.json"), "utf8") === readFileSync(exportsOut, "utf8"), "plutus.exports.json is stale: run `npm run build`").toBe(true);
    validate(JSON.parse(committed));
    expect(Buffer.from(committed).includes(Buffer.from("claim: "))).toBe(false); // no trace strings
  }, 300_000);

  it("the traced build (made by the test setup) carries every check's message; the deployed one none", () => {
    const traced = loadBlueprint(TRACED_BLUEPRINT);
    validate(traced.file);
    const code = Buffer.from(traced.getScript("pool", "spend"), "hex");
    for (const m of ["claim: signed by the service", "claim: leaf proven against the pool root", "pool: unknown redeemer"]) expect(code.includes(Buffer.from(m)), m).toBe(true);
    const silent = Buffer.from(getScript("pool", "spend"), "hex");
    expect(silent.includes(Buffer.from("claim: "))).toBe(false);
  });

  it("the loader returns compiled code by name and purpose (plutus.json and the traced build)", () => {
    const bp = loadBlueprint();
    for (const v of bp.file.validators) {
      const [, name, purpose] = v.title.split(".") as [string, string, "mint" | "spend" | "withdraw"];
      expect(getScript(name, purpose)).toBe(v.compiledCode);
      expect(bp.getHash(name, purpose)).toBe(v.hash);
    }
    expect(() => bp.getScript("nope", "mint")).toThrow(/no validator nope for mint/);
    const traced = loadBlueprint(TRACED_BLUEPRINT);
    expect(traced.file.validators.map((v) => v.title)).toEqual(bp.file.validators.map((v) => v.title));
    expect(traced.getScript("pool", "spend")).not.toBe(bp.getScript("pool", "spend"));
  });

  it("the generated constants (lib/jetpack/constants.ak) are fresh", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", join(REPO, "scripts/gen-constants.ts"), "--check"], { cwd: REPO, encoding: "utf8" });
    expect(r.status, r.stderr + r.stdout).toBe(0);
  });
});
