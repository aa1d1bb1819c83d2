/**
 * Attacks on the config validator (spend with `Update`; protocol.md rules 6 and 7). Each
 * test takes the valid update plan from the SDK builder (offchain/tx/config/update.ts),
 * changes one thing and expects the exact trace of the check that names the attack.
 * The governors are govA, govB, govC with quorum 2; the valid update is signed by govA and
 * govB and lengthens the claim window.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Constr, Data, validatorToRewardAddress, type UTxO } from "@lucid-evolution/lucid";
import { newWorld, type World } from "../../helpers/chain.js";
import { defaultConfig, deploy } from "../../helpers/deploy.js";
import type { Protocol } from "../../../offchain/protocol.js";
import { updateConfig } from "../../../offchain/tx/config/update.js";
import { emptyPlan, toTx, useScript, type TxPlan } from "../../../offchain/tx/plan.js";
import { configUpdateRedeemer, decodeConfig } from "../../../offchain/codec/data.js";
import { bytesOf, configOf, configUtxo, expectRejected, giveJunk, mutated, payToScript, runSigned, setConfig, setConfigFields, withStake } from "./emission.helpers.js";

let w: World;
let p: Protocol;
let cfg: UTxO;
let valid: TxPlan;
let junk: string;
const CONT = 0; // output index of the continuing config

const NEW_WINDOW = 4n * 86_400_000n;

describe("config update attacks", () => {
  beforeAll(async () => {
    w = await newWorld();
    p = await deploy(w);
    junk = await giveJunk(w, "govA");
    cfg = await configUtxo(w, p);
    valid = updateConfig({ protocol: p, configUtxo: cfg, next: defaultConfig(w, { claimWindowMs: NEW_WINDOW }), signers: [w.pkh.govA, w.pkh.govB], nowMs: w.emulator.now() });
  });

  it("positive control: the unmutated update plan completes", async () => {
    w.lucid.selectWallet.fromSeed(w.accounts.govA.seedPhrase);
    await toTx(w.lucid, valid).complete({ localUPLCEval: true });
  });

  // Who signs -----------------------------------------------------------------------------
  it("one governor alone is below the quorum of two", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.signers = [w.pkh.govA])), "govA", "config: quorum of governors signed");
  });
  it("a non-governor's signature does not count toward the quorum", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.signers = [w.pkh.govA, w.pkh.attacker])), "govA", "config: quorum of governors signed");
  });
  it("the operator cannot update the config", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.signers = [w.pkh.operator])), "operator", "config: quorum of governors signed");
  });
  it("an attacker cannot make himself governor by signing the update that names him", async () => {
    const q = mutated(valid, (q) => {
      setConfig(q, CONT, { ...configOf(q, CONT), governors: [w.pkh.attacker], quorum: 1n });
      q.signers = [w.pkh.attacker];
    });
    await expectRejected(w, q, "attacker", "config: quorum of governors signed");
  });

  // Where the NFT goes --------------------------------------------------------------------
  it("the config NFT cannot leave the config address", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.outputs[CONT]!.address = w.accounts.attacker.address)), "govA", "config: one continuing output at the config script");
  });
  it("the config NFT cannot leave while a continuing output without it stays", async () => {
    await expectRejected(w, mutated(valid, (q) => delete q.outputs[CONT]!.assets[p.units.config]), "govA", "config: continuing value keeps the NFT and adds nothing");
  });
  it("a junk token cannot be added to the config output", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.outputs[CONT]!.assets[junk] = 1n)), "govA", "config: continuing value keeps the NFT and adds nothing");
  });
  it("a staking credential cannot be swapped onto the config address", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.outputs[CONT]!.address = withStake(p.config.address, w.pkh.attacker))), "govA", "config: continues at the same address");
  });
  it("the update cannot create a second output at the config address", async () => {
    await expectRejected(
      w,
      mutated(valid, (q) => q.outputs.push({ address: p.config.address, assets: { lovelace: 2_000_000n }, datum: q.outputs[CONT]!.datum })),
      "govA",
      "config: one continuing output at the config script",
    );
  });

  // The new datum -------------------------------------------------------------------------
  it("the pool script hash cannot be changed", async () => {
    await expectRejected(w, mutated(valid, (q) => setConfig(q, CONT, { ...configOf(q, CONT), poolScript: w.pkh.attacker })), "govA", "config: pool script is immutable");
  });
  it("the lock script hash cannot be changed", async () => {
    await expectRejected(w, mutated(valid, (q) => setConfig(q, CONT, { ...configOf(q, CONT), lockScript: w.pkh.attacker })), "govA", "config: lock script is immutable");
  });
  it("the new weights must sum to 10000", async () => {
    await expectRejected(w, mutated(valid, (q) => setConfig(q, CONT, { ...configOf(q, CONT), weightsBps: [5000n, 3000n, 1999n] })), "govA", "config: weights sum to 10000");
  });
  it("the new quorum cannot exceed the number of governors", async () => {
    await expectRejected(w, mutated(valid, (q) => setConfig(q, CONT, { ...configOf(q, CONT), quorum: 4n })), "govA", "config: quorum within 1..governors");
  });
  it("the new operator key hash cannot be 27 bytes", async () => {
    await expectRejected(w, mutated(valid, (q) => setConfig(q, CONT, { ...configOf(q, CONT), operators: [bytesOf(27)] })), "govA", "config: operators are key hashes");
  });
  it("the exchange fee cannot exceed 1000 bps", async () => {
    await expectRejected(w, mutated(valid, (q) => setConfig(q, CONT, { ...configOf(q, CONT), governance: { ...configOf(q, CONT).governance, exchangeFeeBps: 1_001n } })), "govA", "config: exchange fee within 0..1000 bps");
  });
  it("the discount tiers must ascend (a larger commitment never earns less)", async () => {
    const tiers = [{ minPower: 2_000n, bps: 500n }, { minPower: 1_000n, bps: 1_000n }];
    await expectRejected(w, mutated(valid, (q) => setConfig(q, CONT, { ...configOf(q, CONT), governance: { ...configOf(q, CONT).governance, discountTiers: tiers } })), "govA", "config: discount tiers ascending, at most 10, within 1..5000 bps");
  });
  it("the new datum cannot be bloated with an extra field", async () => {
    await expectRejected(w, mutated(valid, (q) => setConfigFields(q, CONT, configOf(q, CONT), (f) => [...f, "00".repeat(1000)])), "govA", "config: constructor 0 with 11 fields");
  });

  // Purpose and redeemer confusion ---------------------------------------------------------
  it("the config cannot be spent with a redeemer other than Update or Apply", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.spend[0]!.redeemer = Data.to(new Constr(2, [])))), "govA", "config: unknown redeemer");
  });
  it("the guardians cannot pass their update off as a proposal's (Apply without a proposal spent)", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.spend[0]!.redeemer = Data.to(new Constr(1, [])))), "govA", "config: a proposal is spent");
  });
  it("the config script cannot be used as a minting policy", async () => {
    const q = emptyPlan();
    q.mint = { assets: { [p.config.hash + "4a6574"]: 1n }, redeemer: configUpdateRedeemer() };
    useScript(q, p, "config");
    await expectRejected(w, q, "attacker", "config: unsupported purpose");
  });
  it("the config script cannot be used as a withdrawal script", async () => {
    const rewardAddress = validatorToRewardAddress("Custom", p.config.script);
    await expectRejected(w, (tx) => tx.withdraw(rewardAddress, 0n, configUpdateRedeemer()).readFrom([p.refs!.config!]), "attacker", "config: unsupported purpose");
  });
  it("a UTxO at the config address without a datum cannot be spent", async () => {
    // Lucid needs the output built without a datum: pay to the script with no datum.
    w.lucid.selectWallet.fromSeed(w.accounts.attacker.seedPhrase);
    const tx = await w.lucid.newTx().pay.ToAddress(p.config.address, { lovelace: 3_000_000n }).complete();
    const hash = await (await tx.sign.withWallet().complete()).submit();
    w.emulator.awaitBlock(1);
    const [bare] = await w.lucid.utxosByOutRef([{ txHash: hash, outputIndex: 0 }]);
    const q = emptyPlan();
    q.spend.push({ utxos: [bare!], redeemer: configUpdateRedeemer() });
    useScript(q, p, "config");
    await expectRejected(w, q, "attacker", "config: datum missing");
  });

  it("the valid update is accepted: the quorum signs, the datum changes, the NFT stays", async () => {
    await runSigned(w, valid, "govA", ["govB"]);
    const c = await configUtxo(w, p);
    expect(decodeConfig(c.datum!).claimWindowMs).toBe(NEW_WINDOW);
    expect(c.address).toBe(p.config.address);
    void payToScript;
  });
});
