/**
 * Attacks on the state side of Sweep (the emission script spending the state with `Sweep`;
 * protocol.md rule 5), and a negative mint under Advance (it needs Jet in the attacker's
 * wallet, which this world provides after a claim and a reward).
 *
 * World: epoch 1 is advanced with A = 30,000 Jet and B = 7,000 Jet in one pool shard; A
 * claims and pays 1 Jet to the operator; B never claims. After the pool's expiry the
 * operator sweeps B's 7,000 Jet. Each test changes one thing in a valid plan from the SDK.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { UTxO } from "@lucid-evolution/lucid";
import { newWorld, run, type World } from "../../helpers/chain.js";
import { deploy } from "../../helpers/deploy.js";
import type { Protocol } from "../../../offchain/protocol.js";
import { advanceEpoch, epochStart } from "../../../offchain/tx/emission/advance.js";
import { sweep } from "../../../offchain/tx/emission/sweep.js";
import { claim } from "../../../offchain/tx/pool/claim.js";
import { reward } from "../../../offchain/tx/lock/reward.js";
import { toTx, type TxPlan } from "../../../offchain/tx/plan.js";
import { decodeState, emissionRedeemer, encodeState } from "../../../offchain/codec/data.js";
import { cumulativePack, emissionPack } from "../../../offchain/economics/emission.js";
import { configUtxo, expectRejected, giveJunk, mutated, payToScript, poolUtxos, setState, stateOf, stateUtxo, withStake } from "./emission.helpers.js";
import { entryWithProof } from "../../../offchain/tx/emission/proof.js";

let w: World;
let p: Protocol;
let valid: TxPlan; // the full sweep: state + B's pool, burns 7,000 Jet
let stateOnly: TxPlan; // the same sweep with the pool and the burn taken out (a no-op sweep)
let junk: string;
const STATE = 0;
const A = 30_000_000_000n;
const B = 7_000_000_000n;

describe("sweep attacks (state side) and a negative mint under Advance", () => {
  beforeAll(async () => {
    w = await newWorld();
    p = await deploy(w);
    junk = await giveJunk(w, "operator");
    const adv = advanceEpoch({
      protocol: p,
      stateUtxo: await stateUtxo(w, p),
      configUtxo: await configUtxo(w, p),
      fTotalPack: emissionPack(1),
      entries: [
        { id: "A", service: w.pkh.svcA, level: 1, amountPack: A },
        { id: "B", service: w.pkh.svcB, level: 6, amountPack: B },
      ],
      operator: w.pkh.operator,
      nowMs: w.emulator.now(),
    });
    await run(w, adv.plan, "operator");
    const a = entryWithProof(adv.file, { id: "A" });
    const [pool] = await poolUtxos(w, p);
    await run(w, claim({ protocol: p, pool: pool!, configUtxo: await configUtxo(w, p), entry: { index: a.index, service: a.service, level: a.level, amountPack: A, proof: a.proof }, nowMs: w.emulator.now() }), "svcA");
    const locks = await w.lucid.utxosAt(p.lock.address);
    await run(w, reward({ protocol: p, locks, configUtxo: await configUtxo(w, p), payouts: [{ address: w.accounts.operator.address, amountPack: 1_000_000n }] }), "svcA");
    // Past the pool's expiry (the advance's validity end, ≤ 10 minutes on, + the 3-day claim window).
    w.emulator.awaitSlot(3 * 86_400 + 15 * 60);
    valid = sweep({ protocol: p, stateUtxo: await stateUtxo(w, p), configUtxo: await configUtxo(w, p), pools: await poolUtxos(w, p), operator: w.pkh.operator, nowMs: w.emulator.now() });
    stateOnly = mutated(valid, (q) => {
      q.spend = [q.spend[0]!];
      delete q.mint;
      setState(q, STATE, decodeState(q.spend[0]!.utxos[0]!.datum!));
    });
  });

  it("positive control: the unmutated sweep plan completes", async () => {
    w.lucid.selectWallet.fromSeed(w.accounts.operator.seedPhrase);
    await toTx(w.lucid, valid).complete({ localUPLCEval: true });
  });
  it("positive control: a sweep of the state alone (nothing burned) completes", async () => {
    w.lucid.selectWallet.fromSeed(w.accounts.operator.seedPhrase);
    await toTx(w.lucid, stateOnly).complete({ localUPLCEval: true });
  });

  it("Jet cannot be minted under Sweep", async () => {
    const q = mutated(stateOnly, (q) => {
      q.mint = { assets: { [p.units.jet]: 1_000n }, redeemer: emissionRedeemer("Sweep") };
      setState(q, STATE, { ...stateOf(q, STATE), minted: stateOf(q, STATE).minted + 1_000n });
    });
    await expectRejected(w, q, "operator", "sweep: only burns");
  });
  it("an outsider cannot sweep", async () => {
    await expectRejected(w, mutated(stateOnly, (q) => (q.signers = [w.pkh.attacker])), "attacker", "sweep: signed by an operator");
  });
  it("the sweep cannot leave minted unchanged while burning", async () => {
    await expectRejected(w, mutated(valid, (q) => setState(q, STATE, decodeState(q.spend[0]!.utxos[0]!.datum!))), "operator", "state: continuing datum");
  });
  it("the sweep cannot lower minted by more than it burns", async () => {
    await expectRejected(w, mutated(valid, (q) => setState(q, STATE, { ...stateOf(q, STATE), minted: stateOf(q, STATE).minted - 1n })), "operator", "state: continuing datum");
  });
  it("the sweep cannot change the epoch", async () => {
    await expectRejected(w, mutated(valid, (q) => setState(q, STATE, { ...stateOf(q, STATE), epoch: 2n })), "operator", "state: continuing datum");
  });
  it("the sweep cannot change scheduled", async () => {
    await expectRejected(w, mutated(valid, (q) => setState(q, STATE, { ...stateOf(q, STATE), scheduled: stateOf(q, STATE).scheduled + 1n })), "operator", "state: continuing datum");
  });
  it("the state NFT cannot leave the emission address during a sweep", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.outputs[STATE]!.address = w.accounts.operator.address)), "operator", "state: continues at the same address");
  });
  it("the state cannot gain a staking credential during a sweep", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.outputs[STATE]!.address = withStake(p.emission.address, w.pkh.operator))), "operator", "state: continues at the same address");
  });
  it("a junk token cannot be added to the state during a sweep", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.outputs[STATE]!.assets[junk] = 1n)), "operator", "state: holds only ADA and the state NFT");
  });
  it("a forged state UTxO without the NFT cannot be swept", async () => {
    const forged = await payToScript(w, "attacker", p.emission.address, valid.spend[0]!.utxos[0]!.datum!);
    const q = mutated(stateOnly, (q) => {
      q.spend[0]!.utxos = [forged];
      q.outputs[STATE] = { address: p.emission.address, assets: { ...forged.assets }, datum: forged.datum! };
    });
    await expectRejected(w, q, "operator", "state: input holds the state NFT");
  });

  it("the valid sweep burns B's 7,000 Jet and lowers minted by 7,000 Jet", async () => {
    const before = decodeState((await stateUtxo(w, p)).datum!);
    await run(w, valid, "operator");
    const after = decodeState((await stateUtxo(w, p)).datum!);
    expect(after).toEqual({ ...before, minted: before.minted - B });
  });

  describe("epoch 2", () => {
    let adv2: TxPlan;
    beforeAll(async () => {
      const start2 = Number(epochStart(p.params.genesisTimeMs, 2));
      w.emulator.awaitSlot(Math.ceil((start2 - w.emulator.now()) / 1000) + 1);
      const s = decodeState((await stateUtxo(w, p)).datum!);
      adv2 = advanceEpoch({
        protocol: p,
        stateUtxo: await stateUtxo(w, p),
        configUtxo: await configUtxo(w, p),
        fTotalPack: cumulativePack(2) - s.minted,
        entries: [],
        operator: w.pkh.operator,
        nowMs: w.emulator.now(),
      }).plan;
    });
    it("positive control: the epoch-2 advance with no allocations completes", async () => {
      w.lucid.selectWallet.fromSeed(w.accounts.operator.seedPhrase);
      await toTx(w.lucid, adv2).complete({ localUPLCEval: true });
    });
    it("the operator cannot burn Jet under Advance (a negative mint)", async () => {
      const q = mutated(adv2, (q) => {
        q.mint = { assets: { [p.units.jet]: -1_000_000n }, redeemer: emissionRedeemer("Advance") };
        setState(q, STATE, { ...stateOf(q, STATE), minted: stateOf(q, STATE).minted - 1_000_000n });
      });
      await expectRejected(w, q, "operator", "advance: mint is not negative");
    });
    it("the epoch-2 advance is accepted", async () => {
      await run(w, adv2, "operator");
      expect(decodeState((await stateUtxo(w, p)).datum!).epoch).toBe(2n);
      void encodeState;
      void ({} as UTxO);
    });
  });
});
