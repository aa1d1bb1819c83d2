/**
 * Attacks on Advance (the emission script spending the state with `Advance`, and its
 * minting policy). Each test takes the valid epoch-1 plan from the SDK builder
 * (offchain/tx/emission/advance.ts), changes one thing and expects the exact trace of the
 * check that names the attack (protocol.md rule 2, rule 7 for purpose confusion).
 */
import { fullConfig } from "../../../offchain/tx/config/params.js";
import { beforeAll, describe, expect, it } from "vitest";
import { Constr, Data, validatorToRewardAddress, type UTxO } from "@lucid-evolution/lucid";
import { exUnits, newWorld, run, type World } from "../../helpers/chain.js";
import { defaultConfig, deploy } from "../../helpers/deploy.js";
import type { Protocol } from "../../../offchain/protocol.js";
import { advanceEpoch, epochStart } from "../../../offchain/tx/emission/advance.js";
import { toTx, type TxPlan } from "../../../offchain/tx/plan.js";
import { configToData, emissionRedeemer, encodeConfig, encodeState, type ConfigDatum } from "../../../offchain/codec/data.js";
import { cumulativePack, emissionPack } from "../../../offchain/economics/emission.js";
import {
  bytesOf,
  configUtxo,
  expectRejected,
  giveJunk,
  mutated,
  payToScript,
  poolOf,
  setPool,
  setPoolFields,
  setState,
  stateOf,
  stateUtxo,
  withStake,
} from "./emission.helpers.js";

let w: World;
let p: Protocol;
let valid: TxPlan;
let junk: string;
let forgedState: UTxO;
let forgedConfig: UTxO;
let cfg: UTxO;

const STATE = 0; // output index of the continuing state in the advance plan
const POOL = 1; // output index of the (single) pool shard
const D = 37_000_000_000n; // Pack minted by the valid plan (30,000 + 7,000 Jet)

function plan(entries = [
  { id: "A", service: "", level: 1, amountPack: 30_000_000_000n },
  { id: "B", service: "", level: 6, amountPack: 7_000_000_000n },
], state?: UTxO): TxPlan {
  return advanceEpoch({
    protocol: p,
    stateUtxo: state!,
    configUtxo: cfg,
    fTotalPack: emissionPack(1),
    entries: entries.map((e) => ({ ...e, service: e.id === "A" ? w.pkh.svcA : w.pkh.svcB })),
    operator: w.pkh.operator,
    nowMs: w.emulator.now(),
  }).plan;
}

describe("advance attacks (epoch 1)", () => {
  beforeAll(async () => {
    w = await newWorld();
    p = await deploy(w);
    junk = await giveJunk(w, "operator");
    cfg = await configUtxo(w, p);
    valid = plan(undefined, await stateUtxo(w, p));
    // A UTxO at the emission address with a valid-looking datum but no state NFT.
    forgedState = await payToScript(w, "attacker", p.emission.address, encodeState({ epoch: 0n, scheduled: 0n, minted: 0n }));
    // A UTxO at the config address naming the attacker as operator, without the config NFT.
    const c: ConfigDatum = fullConfig(p, defaultConfig(w, { operators: [w.pkh.attacker] }));
    forgedConfig = await payToScript(w, "attacker", p.config.address, encodeConfig(c));
  });

  it("positive control: the unmutated advance plan completes", async () => {
    w.lucid.selectWallet.fromSeed(w.accounts.operator.seedPhrase);
    const tx = await toTx(w.lucid, valid).complete({ localUPLCEval: true });
    const units = exUnits(tx);
    console.log("ex-units advance (spend + mint, one pool)", JSON.stringify(units, (_k, v) => (typeof v === "bigint" ? Number(v) : v)));
    expect(units.length).toBe(2);
  });

  it("positive control: an advance with no allocations (D = 0, no pool, no mint) completes", async () => {
    w.lucid.selectWallet.fromSeed(w.accounts.operator.seedPhrase);
    const tx = await toTx(w.lucid, plan([], await stateUtxo(w, p))).complete({ localUPLCEval: true });
    console.log("ex-units advance (D = 0)", JSON.stringify(exUnits(tx), (_k, v) => (typeof v === "bigint" ? Number(v) : v)));
  });

  it("exactly scheduled' − minted (the whole f_total) can be minted", async () => {
    const all = emissionPack(1);
    const q = mutated(valid, (q) => {
      q.mint!.assets[p.units.jet] = all;
      q.outputs[POOL]!.assets[p.units.jet] = all;
      setState(q, STATE, { ...stateOf(q, STATE), minted: all });
    });
    w.lucid.selectWallet.fromSeed(w.accounts.operator.seedPhrase);
    await toTx(w.lucid, q).complete({ localUPLCEval: true });
  });

  // Who and when --------------------------------------------------------------------------
  it("an outsider cannot advance the epoch", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.signers = [w.pkh.attacker])), "attacker", "advance: signed by an operator");
  });
  it("the operator cannot skip to epoch t+2", async () => {
    await expectRejected(w, mutated(valid, (q) => setState(q, STATE, { epoch: 2n, scheduled: cumulativePack(2), minted: D })), "operator", "state: continuing datum");
  });
  it("the operator cannot advance with a validity range starting before the epoch", async () => {
    const start = Number(epochStart(p.params.genesisTimeMs, 1));
    await expectRejected(w, mutated(valid, (q) => (q.validFrom = start - 1_000)), "operator", "advance: validity starts at or after the epoch start");
  });
  it("the operator cannot advance with an infinite lower bound", async () => {
    await expectRejected(w, mutated(valid, (q) => delete q.validFrom), "operator", "validity range must be finite");
  });
  it("the operator cannot advance with an open-ended validity range (the pools' expiry counts from its end)", async () => {
    await expectRejected(w, mutated(valid, (q) => delete q.validTo), "operator", "advance: validity range has a finite end");
  });
  it("the operator cannot widen the validity range past 10 minutes to push the pools' expiry out", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.validTo = q.validFrom! + 11 * 60_000)), "operator", "advance: validity range at most 10 minutes wide");
  });
  it("a fresh pool cannot carry a reference script (its fee would fall on the shard's first claimant)", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.outputs[POOL]!.scriptRef = p.lock.script)), "operator", "advance: fresh pool carries no reference script");
  });
  it("a pool cannot snapshot caps other than the config's", async () => {
    await expectRejected(w, mutated(valid, (q) => setPool(q, POOL, { ...poolOf(q, POOL), capsPack: poolOf(q, POOL).capsPack.map((c) => c * 2n) })), "operator", "advance: fresh pool datum for this epoch");
  });

  // How much ------------------------------------------------------------------------------
  it("the operator cannot mint one Pack more than scheduled' − minted", async () => {
    const over = emissionPack(1) + 1n;
    const q = mutated(valid, (q) => {
      q.mint!.assets[p.units.jet] = over;
      q.outputs[POOL]!.assets[p.units.jet] = over;
      setState(q, STATE, { ...stateOf(q, STATE), minted: over });
    });
    await expectRejected(w, q, "operator", "advance: mint within schedule plus carry-over");
  });
  it("the operator cannot mint a second state NFT under Advance", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.mint!.assets[p.units.state] = 1n)), "operator", "emission: only Jet and pool tokens may be minted or burned");
  });
  it("the operator cannot mint another token name under the policy", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.mint!.assets[p.jetPolicy + "4a657458"] = 5n)), "operator", "emission: only Jet and pool tokens may be minted or burned");
  });
  it("the operator cannot mint a second config NFT under Advance", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.mint!.assets[p.units.config] = 1n)), "operator", "emission: only Jet and pool tokens may be minted or burned");
  });

  // Where the minted Jet goes -------------------------------------------------------------
  it("minted Jet cannot go to a non-pool output", async () => {
    const q = mutated(valid, (q) => {
      q.outputs[POOL]!.assets[p.units.jet] = D - 1n;
      q.outputs.push({ address: w.accounts.attacker.address, assets: { lovelace: 2_000_000n, [p.units.jet]: 1n } });
    });
    await expectRejected(w, q, "operator", "advance: pools receive exactly the minted Jet");
  });
  it("minted Jet cannot be parked in the state UTxO", async () => {
    const q = mutated(valid, (q) => {
      q.mint!.assets[p.units.jet] = D + 1n;
      q.outputs[STATE]!.assets[p.units.jet] = 1n;
      setState(q, STATE, { ...stateOf(q, STATE), minted: D + 1n });
    });
    await expectRejected(w, q, "operator", "state: holds only ADA and the state NFT");
  });
  it("a pool output cannot carry a staking credential", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.outputs[POOL]!.address = withStake(p.pool.address, w.pkh.attacker))), "operator", "advance: pool output has no stake credential");
  });
  it("a pool cannot be created for another epoch", async () => {
    await expectRejected(w, mutated(valid, (q) => setPool(q, POOL, { ...poolOf(q, POOL), epoch: 2n })), "operator", "advance: fresh pool datum for this epoch");
  });
  it("a pool cannot be created with a non-empty bitmap", async () => {
    await expectRejected(w, mutated(valid, (q) => setPool(q, POOL, { ...poolOf(q, POOL), bitmap: "01" })), "operator", "advance: fresh pool datum for this epoch");
  });
  it("a pool cannot be created with a later expiry", async () => {
    await expectRejected(w, mutated(valid, (q) => setPool(q, POOL, { ...poolOf(q, POOL), expiry: poolOf(q, POOL).expiry + 1n })), "operator", "advance: fresh pool datum for this epoch");
  });
  it("a pool cannot be created with an earlier expiry", async () => {
    await expectRejected(w, mutated(valid, (q) => setPool(q, POOL, { ...poolOf(q, POOL), expiry: poolOf(q, POOL).expiry - 1n })), "operator", "advance: fresh pool datum for this epoch");
  });
  it("a pool datum cannot carry an extra field", async () => {
    await expectRejected(w, mutated(valid, (q) => setPoolFields(q, POOL, (f) => [...f, 0n])), "operator", "advance: fresh pool datum for this epoch");
  });
  it("a pool root cannot be 31 bytes", async () => {
    await expectRejected(w, mutated(valid, (q) => setPool(q, POOL, { ...poolOf(q, POOL), root: bytesOf(31) })), "operator", "advance: pool root and file hash are 32 bytes");
  });
  it("a pool file hash cannot be 33 bytes", async () => {
    await expectRejected(w, mutated(valid, (q) => setPool(q, POOL, { ...poolOf(q, POOL), fileHash: bytesOf(33) })), "operator", "advance: pool root and file hash are 32 bytes");
  });
  it("a pool shard number cannot be negative", async () => {
    await expectRejected(w, mutated(valid, (q) => setPool(q, POOL, { ...poolOf(q, POOL), shard: -1n })), "operator", "advance: shard is non-negative");
  });
  it("a junk token cannot be added to a pool", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.outputs[POOL]!.assets[junk] = 1n)), "operator", "advance: pool holds ADA, Jet and one pool token");
  });

  // The continuing state ------------------------------------------------------------------
  /** The valid plan with the continuing state datum shifted by `delta`. */
  const shifted = (delta: { epoch?: bigint; scheduled?: bigint; minted?: bigint }) =>
    mutated(valid, (q) => {
      const s = stateOf(q, STATE);
      setState(q, STATE, { epoch: s.epoch + (delta.epoch ?? 0n), scheduled: s.scheduled + (delta.scheduled ?? 0n), minted: s.minted + (delta.minted ?? 0n) });
    });
  it("the continuing state cannot claim one Pack more scheduled", async () => {
    await expectRejected(w, shifted({ scheduled: 1n }), "operator", "state: continuing datum");
  });
  it("the continuing state cannot claim one Pack less scheduled", async () => {
    await expectRejected(w, shifted({ scheduled: -1n }), "operator", "state: continuing datum");
  });
  it("the continuing state cannot record one Pack more minted than the mint", async () => {
    await expectRejected(w, shifted({ minted: 1n }), "operator", "state: continuing datum");
  });
  it("the continuing state cannot record one Pack less minted than the mint", async () => {
    await expectRejected(w, shifted({ minted: -1n }), "operator", "state: continuing datum");
  });
  it("the continuing state cannot keep the old epoch", async () => {
    await expectRejected(w, shifted({ epoch: -1n }), "operator", "state: continuing datum");
  });
  it("the state NFT cannot leave the emission address", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.outputs[STATE]!.address = w.accounts.attacker.address)), "operator", "state: continues at the same address");
  });
  it("the state cannot continue with a staking credential", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.outputs[STATE]!.address = withStake(p.emission.address, w.pkh.attacker))), "operator", "state: continues at the same address");
  });
  it("a junk token cannot be added to the state output", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.outputs[STATE]!.assets[junk] = 1n)), "operator", "state: holds only ADA and the state NFT");
  });

  // Forged state and config ---------------------------------------------------------------
  it("a forged state UTxO without the NFT cannot be advanced", async () => {
    await expectRejected(w, plan([], forgedState), "operator", "state: input holds the state NFT");
  });
  it("a forged state UTxO without the NFT cannot be advanced while minting", async () => {
    // Lucid evaluates the spend before the mint and reports the first failure.
    await expectRejected(w, plan(undefined, forgedState), "operator", "state: input holds the state NFT");
  });
  it("a state-like UTxO without the NFT cannot authorize a mint", async () => {
    // The same datum at the attacker's own key address: only the minting policy runs.
    const decoy = await payToScript(w, "attacker", w.accounts.attacker.address, encodeState({ epoch: 0n, scheduled: 0n, minted: 0n }));
    const q = mutated(valid, (q) => {
      q.spend = [{ utxos: [decoy] }];
      q.outputs.splice(STATE, 1);
      q.signers = [w.pkh.attacker];
    });
    await expectRejected(w, q, "attacker", "mint: the state UTxO must be spent");
  });
  it("the advance cannot run without the config reference input", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.reference = q.reference.filter((u) => u.txHash !== cfg.txHash || u.outputIndex !== cfg.outputIndex))), "operator", "config reference input missing");
  });
  it("a forged config (no NFT) naming the attacker as operator is never read", async () => {
    const q = mutated(valid, (q) => {
      q.reference = q.reference.map((u) => (u.txHash === cfg.txHash && u.outputIndex === cfg.outputIndex ? forgedConfig : u));
      q.signers = [w.pkh.attacker];
    });
    await expectRejected(w, q, "attacker", "config reference input missing");
  });
  it("a forged config next to the real one does not make the attacker an operator", async () => {
    const q = mutated(valid, (q) => {
      q.reference.push(forgedConfig);
      q.signers = [w.pkh.attacker];
    });
    await expectRejected(w, q, "attacker", "advance: signed by an operator");
  });

  // Purpose and redeemer confusion ---------------------------------------------------------
  it("the state cannot be spent with the Genesis redeemer", async () => {
    await expectRejected(w, mutated(plan([], valid.spend[0]!.utxos[0]), (q) => (q.spend[0]!.redeemer = emissionRedeemer("Genesis"))), "operator", "state: genesis is not a spend");
  });
  it("the Sweep action cannot be used to mint the epoch's Jet", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.spend[0]!.redeemer = emissionRedeemer("Sweep"))), "operator", "sweep: only burns");
  });
  it("the Genesis action cannot be reused to mint after genesis", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.mint!.redeemer = emissionRedeemer("Genesis"))), "operator", "genesis: seed UTxO spent");
  });
  it("the policy cannot mint under Advance without spending the state", async () => {
    const q = mutated(valid, (q) => {
      q.spend = [];
      q.outputs.splice(STATE, 1);
    });
    await expectRejected(w, q, "operator", "mint: the state UTxO must be spent");
  });
  it("the policy cannot mint under Sweep without spending the state", async () => {
    const q = mutated(valid, (q) => {
      q.spend = [];
      q.outputs.splice(STATE, 1);
      q.mint!.redeemer = emissionRedeemer("Sweep");
    });
    await expectRejected(w, q, "operator", "mint: the state UTxO must be spent");
  });
  it("an unknown redeemer (constructor 3) is rejected by the spend", async () => {
    await expectRejected(w, mutated(plan([], valid.spend[0]!.utxos[0]), (q) => (q.spend[0]!.redeemer = Data.to(new Constr(3, [])))), "operator", "emission: unknown redeemer");
  });
  it("an unknown redeemer (constructor 3) is rejected by the mint", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.mint!.redeemer = Data.to(new Constr(3, [])))), "operator", "emission: unknown redeemer");
  });
  it("a redeemer that is not a constructor (an integer) is rejected by the spend", async () => {
    await expectRejected(w, mutated(plan([], valid.spend[0]!.utxos[0]), (q) => (q.spend[0]!.redeemer = Data.to(1n))), "operator", "emission: unknown redeemer");
  });
  it("the Advance redeemer with a field is rejected by the mint", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.mint!.redeemer = Data.to(new Constr(1, [0n])))), "operator", "emission: unknown redeemer");
  });

  it("the emission script cannot be used as a withdrawal script", async () => {
    const rewardAddress = validatorToRewardAddress("Custom", p.emission.script);
    await expectRejected(w, (tx) => tx.withdraw(rewardAddress, 0n, emissionRedeemer("Advance")).readFrom([p.refs!.emission!]), "attacker", "emission: unsupported purpose");
  });
  it("the emission script cannot authorize a certificate", async () => {
    const rewardAddress = validatorToRewardAddress("Custom", p.emission.script);
    await expectRejected(w, (tx) => tx.register.Stake(rewardAddress, emissionRedeemer("Advance")).readFrom([p.refs!.emission!]), "attacker", "emission: unsupported purpose");
  });

  it("the valid advance is accepted and the state becomes (1, emission(1), D)", async () => {
    await run(w, valid, "operator");
    const s = await stateUtxo(w, p);
    expect(s.datum).toBe(encodeState({ epoch: 1n, scheduled: emissionPack(1), minted: D }));
    void configToData;
  });
});
