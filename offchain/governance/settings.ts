/**
 * The `governance` object of a config JSON file (`jetpack init --config`, `jetpack gov
 * propose --config-file`): the governance settings a deployer chooses, and later a
 * proposal may change (docs/cli.md). Numbers as JSON integers or decimal strings; the
 * owner scripts as 28-byte script hashes.
 *
 *   "governance": { "votingEpochs": 1, "timelockEpochs": 1, "executionEpochs": 2,
 *                   "quorumBps": 100, "proposalThreshold": "1000000000", … ,
 *                   "exchangeFeeBps": 30, "discountTiers": [{ "minPower": "7300000000", "bps": 500 }],
 *                   "guardrails": { "weightStepBps": 2500, … } }      // guardrails: init only
 *
 * Every problem is an InputError naming the JSON path (callers prefix the file name).
 */
import { expectArray, expectObject, onlyKeys, parseNonNegInt } from "../cli/input.js";
import { InputError } from "../economics/errors.js";
import type { Guardrails } from "../codec/data.js";
import { DEFAULT_GOV_SETTINGS, type GovSettings } from "../tx/config/params.js";

/** The numeric governance settings (all but `ownerScripts` and the guardrails). */
export const GOV_NUMERIC_FIELDS = [
  "maxLockEpochs",
  "proposalThreshold",
  "depositLovelace",
  "votingEpochs",
  "timelockEpochs",
  "executionEpochs",
  "quorumBps",
  "approvalBps",
  "sunsetEpoch",
  "disputeEpochs",
  "exchangeFeeBps",
] as const;
const GUARDRAILS = ["capMinPack", "capMaxPack", "claimWindowMinMs", "claimWindowMaxMs", "maxChangeBps", "weightStepBps"] as const;

/** The settings `raw` (at JSON path `path`) sets; `guardrails` only when `allowGuardrails`. */
export function parseGovSettings(raw: unknown, path = "governance", allowGuardrails = true): Partial<GovSettings> {
  const o = expectObject(raw, path);
  const keys: string[] = [...GOV_NUMERIC_FIELDS, "ownerScripts", "discountTiers", ...(allowGuardrails ? ["guardrails"] : [])];
  if (!allowGuardrails && o.guardrails !== undefined) throw new InputError(`${path}.guardrails`, "the guardrails never change after the genesis");
  onlyKeys(o, keys, path);
  const out: Partial<GovSettings> = {};
  for (const k of GOV_NUMERIC_FIELDS) if (o[k] !== undefined) out[k] = parseNonNegInt(o[k], `${path}.${k}`);
  if (o.ownerScripts !== undefined)
    out.ownerScripts = expectArray(o.ownerScripts, `${path}.ownerScripts`).map((v, i) => {
      if (typeof v !== "string" || !/^[0-9a-fA-F]{56}$/.test(v)) throw new InputError(`${path}.ownerScripts[${i}]`, "must be a 28-byte script hash (56 hex digits)");
      return v.toLowerCase();
    });
  if (o.discountTiers !== undefined)
    out.discountTiers = expectArray(o.discountTiers, `${path}.discountTiers`).map((v, i) => {
      const t = expectObject(v, `${path}.discountTiers[${i}]`);
      onlyKeys(t, ["minPower", "bps"], `${path}.discountTiers[${i}]`);
      return { minPower: parseNonNegInt(t.minPower, `${path}.discountTiers[${i}].minPower`), bps: parseNonNegInt(t.bps, `${path}.discountTiers[${i}].bps`) };
    });
  if (o.guardrails !== undefined) {
    const g = expectObject(o.guardrails, `${path}.guardrails`);
    onlyKeys(g, GUARDRAILS, `${path}.guardrails`);
    // Guardrails not given keep their defaults (fullConfig replaces the whole object).
    const r: Guardrails = { ...DEFAULT_GOV_SETTINGS.guardrails };
    for (const k of GUARDRAILS) if (g[k] !== undefined) r[k] = parseNonNegInt(g[k], `${path}.guardrails.${k}`);
    out.guardrails = r;
  }
  return out;
}

/** JSON form of governance settings (bigints as decimal strings). */
export function govSettingsJson(g: Partial<GovSettings>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(g, (_k, v) => (typeof v === "bigint" ? v.toString() : v))) as Record<string, unknown>;
}
