/**
 * The config's guardrails (lib/jetpack/logic/config/guardrails.ak, well_formed.ak) and the
 * guardians' sunset (lib/jetpack/logic/config/update.ak, logic/governance/veto.ak): each
 * guardrail breached by exactly 1 is rejected with its own trace, and the same change at
 * the bound passes.
 *
 * Guardrails of this world: caps within 0..30,000 Jet (the level-1 cap), claim window
 * within 1 h..4.5 days, each cap and the window move by at most 50 % per update, each
 * weight by at most 2,500 bps. The guardians' sunset is epoch 3.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { expectRejected, newWorld, run, type World } from "../../helpers/chain.js";
import { defaultConfig, deploy } from "../../helpers/deploy.js";
import type { Protocol } from "../../../offchain/protocol.js";
import { encodeConfig, govToData, type ConfigDatum } from "../../../offchain/codec/data.js";
import { updateConfig } from "../../../offchain/tx/config/update.js";
import { DEFAULT_GOV_SETTINGS, nextConfig } from "../../../offchain/tx/config/params.js";
import { DEFAULT_LEVEL_CAPS_PACK } from "../../../offchain/economics/scoring.js";
import { Data } from "@lucid-evolution/lucid";
import { configDatum, configUtxo, JET, toEpoch } from "./gov.helpers.js";

const DAY = 86_400_000n;

describe("config guardrails: every update, by the guardians or by a proposal", () => {
  let w: World;
  let p: Protocol;
  let cfg: ConfigDatum;

  beforeAll(async () => {
    w = await newWorld();
    p = await deploy(
      w,
      defaultConfig(w, {
        governance: { sunsetEpoch: 3n, guardrails: { ...DEFAULT_GOV_SETTINGS.guardrails, capMaxPack: DEFAULT_LEVEL_CAPS_PACK[0]!, claimWindowMaxMs: 4n * DAY + DAY / 2n } },
      }),
    );
    cfg = await configDatum(w, p);
  });

  /** The guardians' update plan for `next` (built from the current config), then `mutate` on its datum. */
  async function plan(change: Partial<ConfigDatum>, mutate?: (c: ConfigDatum) => ConfigDatum) {
    const current = await configDatum(w, p);
    const target = { ...nextConfig(current, { ...current, ...change }) };
    const q = updateConfig({ protocol: p, configUtxo: await configUtxo(w, p), next: current, signers: [w.pkh.govA, w.pkh.govB], nowMs: w.emulator.now() });
    q.outputs[0]!.datum = encodeConfig(mutate ? mutate(target) : target);
    return q;
  }
  const caps = (i: number, v: bigint) => DEFAULT_LEVEL_CAPS_PACK.map((c, j) => (j === i ? v : c));

  it("a weight cannot move by the weight step + 1 (2,501 bps)", async () => {
    await expectRejected(w, await plan({ weightsBps: [7501n, 500n, 1999n] }), "govA", "config: each weight moves by at most the weight step");
  });
  it("a cap cannot fall by 50 % + 1 Pack", async () => {
    const c9 = DEFAULT_LEVEL_CAPS_PACK[8]!;
    await expectRejected(w, await plan({ levelCapsPack: caps(8, c9 - c9 / 2n - 1n) }), "govA", "config: each cap changes by at most the max change");
  });
  it("the claim window cannot shrink by 50 % + 1 ms", async () => {
    const win = cfg.claimWindowMs;
    await expectRejected(w, await plan({ claimWindowMs: win - win / 2n - 1n }), "govA", "config: claim window changes by at most the max change");
  });
  it("a cap cannot exceed the guardrails' maximum by 1 Pack", async () => {
    await expectRejected(w, await plan({ levelCapsPack: caps(0, DEFAULT_LEVEL_CAPS_PACK[0]! + 1n) }), "govA", "config: caps within the guardrails");
  });
  it("the claim window cannot exceed the guardrails' maximum by 1 ms", async () => {
    await expectRejected(w, await plan({ claimWindowMs: 4n * DAY + DAY / 2n + 1n }), "govA", "config: claim window within the guardrails");
  });
  it("the caps cannot increase by level (level 9 above level 8 by 1 Pack)", async () => {
    await expectRejected(w, await plan({ levelCapsPack: caps(8, DEFAULT_LEVEL_CAPS_PACK[7]! + 1n) }), "govA", "config: caps non-increasing by level");
  });
  it("the version must increment by exactly one", async () => {
    await expectRejected(w, await plan({}, (c) => ({ ...c, version: c.version + 1n })), "govA", "config: version increments by one");
    await expectRejected(w, await plan({}, (c) => ({ ...c, version: c.version - 1n })), "govA", "config: version increments by one");
  });
  it("the guardians cannot change the governance section (e.g. their own sunset)", async () => {
    await expectRejected(w, await plan({}, (c) => ({ ...c, governance: { ...c.governance, sunsetEpoch: 100n } })), "govA", "config: only a proposal changes the governance section");
  });
  it("the guardrails themselves never change", async () => {
    // the same change by a proposal is stopped by the config's Apply (proposal.test.ts); the
    // guardians' path reaches the governance-section rule first
    const g = { ...cfg.governance, guardrails: { ...cfg.governance.guardrails, maxChangeBps: 10_000n } };
    expect(Data.to(govToData(g))).not.toBe(Data.to(govToData(cfg.governance)));
    await expectRejected(w, await plan({}, (c) => ({ ...c, governance: g })), "govA", "config: only a proposal changes the governance section");
  });
  it("positive control: each value moved exactly to its bound is accepted", async () => {
    const c9 = DEFAULT_LEVEL_CAPS_PACK[8]!;
    await run(w, await plan({ weightsBps: [7500n, 500n, 2000n], levelCapsPack: caps(8, c9 / 2n), claimWindowMs: cfg.claimWindowMs + cfg.claimWindowMs / 2n }), "govA", ["govB"]);
    const after = await configDatum(w, p);
    expect(after.weightsBps).toEqual([7500n, 500n, 2000n]);
    expect(after.version).toBe(cfg.version + 1n);
  });
  it("an update signed by fewer than the quorum is rejected", async () => {
    const q = await plan({ weightsBps: [7000n, 1000n, 2000n] });
    q.signers = [w.pkh.govA];
    await expectRejected(w, q, "govA", "config: quorum of governors signed");
  });
  it("(epoch 3) the guardians' direct updates stop at the sunset", async () => {
    const q = await plan({ weightsBps: [7000n, 1000n, 2000n] });
    toEpoch(w, p, 3n);
    q.validFrom = w.emulator.now() - 60_000;
    q.validTo = w.emulator.now() + 60_000;
    await expectRejected(w, q, "govA", "config: the guardians' updates end at the sunset");
    await expect(plan({ weightsBps: [7000n, 1000n, 2000n] })).rejects.toThrow(/ended at epoch 3 \(the sunset\)/);
    void JET;
  });
});
