/**
 * Attacks on the genesis (the emission script as a minting policy, redeemer `Genesis`).
 * Each test takes the valid genesis plan from the SDK builder, changes one thing and
 * expects the exact trace of the check that names the attack (protocol.md rule 1).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { UTxO } from "@lucid-evolution/lucid";
import { exUnits, newWorld, run, type World } from "../../helpers/chain.js";
import { defaultConfig, publish } from "../../helpers/deploy.js";
import type { Protocol } from "../../../offchain/protocol.js";
import { genesis } from "../../../offchain/tx/genesis.js";
import { toTx, type TxPlan } from "../../../offchain/tx/plan.js";
import { bytesOf, configOf, expectRejected, giveJunk, mutated, setConfig, setConfigFields, setState, withStake } from "./emission.helpers.js";

let w: World;
let p: Protocol;
let seed: UTxO;
let valid: TxPlan;
let junk: string;

const STATE = 0; // output index of the state in the genesis plan
const CONFIG = 1; // output index of the config

/** The valid genesis plan with the config datum edited (the SDK refuses malformed configs). */
const withConfig = (edit: (c: ReturnType<typeof configOf>) => ReturnType<typeof configOf>) =>
  mutated(valid, (q) => setConfig(q, CONFIG, edit(configOf(q, CONFIG))));

describe("genesis attacks", () => {
  beforeAll(async () => {
    w = await newWorld();
    p = await publish(w);
    [seed] = (await w.lucid.utxosAt(w.accounts.deployer.address)).filter(
      (u) => u.txHash === p.params.seed.txHash && u.outputIndex === p.params.seed.outputIndex,
    );
    junk = await giveJunk(w, "deployer");
    valid = genesis({ protocol: p, seed: seed!, config: defaultConfig(w) });
  });

  it("positive control: the unmutated genesis plan completes", async () => {
    w.lucid.selectWallet.fromSeed(w.accounts.deployer.seedPhrase);
    const tx = await toTx(w.lucid, valid).complete({ localUPLCEval: true });
    const units = exUnits(tx);
    console.log("ex-units genesis", JSON.stringify(units, (_k, v) => (typeof v === "bigint" ? Number(v) : v)));
    expect(units.length).toBe(1);
  });

  // Minting -------------------------------------------------------------------------------
  it("the deployer cannot mint Jet at genesis", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.mint!.assets[p.units.jet] = 1_000n)), "deployer", "genesis: mints exactly one state NFT and one config NFT");
  });
  it("the deployer cannot mint a third token name at genesis", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.mint!.assets[p.jetPolicy + "4a657458"] = 1n)), "deployer", "genesis: mints exactly one state NFT and one config NFT");
  });
  it("the deployer cannot mint two state NFTs at genesis", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.mint!.assets[p.units.state] = 2n)), "deployer", "genesis: mints exactly one state NFT and one config NFT");
  });
  it("the deployer cannot mint the state NFT without the config NFT", async () => {
    const q = mutated(valid, (q) => {
      delete q.mint!.assets[p.units.config];
      q.outputs.splice(CONFIG, 1);
    });
    await expectRejected(w, q, "deployer", "genesis: mints exactly one state NFT and one config NFT");
  });

  // State output --------------------------------------------------------------------------
  it("the state cannot start at a datum other than (0, 0, 0)", async () => {
    await expectRejected(w, mutated(valid, (q) => setState(q, STATE, { epoch: 0n, scheduled: 0n, minted: 1n })), "deployer", "genesis: state datum is (0, 0, 0)");
  });
  it("the state cannot start at a later epoch", async () => {
    await expectRejected(w, mutated(valid, (q) => setState(q, STATE, { epoch: 5n, scheduled: 0n, minted: 0n })), "deployer", "genesis: state datum is (0, 0, 0)");
  });
  it("the state cannot be placed at the emission address with a staking credential", async () => {
    await expectRejected(
      w,
      mutated(valid, (q) => (q.outputs[STATE]!.address = withStake(p.emission.address, w.pkh.attacker))),
      "deployer",
      "genesis: state at the emission script, no stake credential",
    );
  });
  it("the state NFT cannot be sent to a key address", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.outputs[STATE]!.address = w.accounts.attacker.address)), "deployer", "genesis: state at the emission script, no stake credential");
  });
  it("the state NFT cannot be sent to the config script", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.outputs[STATE]!.address = p.config.address)), "deployer", "genesis: state at the emission script, no stake credential");
  });
  it("a junk token cannot sit next to the state NFT", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.outputs[STATE]!.assets[junk] = 1n)), "deployer", "genesis: state holds only ADA and the state NFT");
  });

  // Config output -------------------------------------------------------------------------
  it("the config NFT cannot be sent to a key address", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.outputs[CONFIG]!.address = w.accounts.attacker.address)), "deployer", "genesis: config at the config script, no stake credential");
  });
  it("the config cannot be placed at the config address with a staking credential", async () => {
    await expectRejected(
      w,
      mutated(valid, (q) => (q.outputs[CONFIG]!.address = withStake(p.config.address, w.pkh.attacker))),
      "deployer",
      "genesis: config at the config script, no stake credential",
    );
  });
  it("the config NFT cannot be sent to the emission script", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.outputs[CONFIG]!.address = p.emission.address)), "deployer", "genesis: config at the config script, no stake credential");
  });
  it("a junk token cannot sit next to the config NFT", async () => {
    await expectRejected(w, mutated(valid, (q) => (q.outputs[CONFIG]!.assets[junk] = 1n)), "deployer", "genesis: config holds only ADA and the config NFT");
  });

  // Malformed or bloated config (one well-formedness rule each) ---------------------------
  it("the config weights must sum to 10000", async () => {
    await expectRejected(w, withConfig((c) => ({ ...c, weightsBps: [5000n, 3000n, 2001n] })), "deployer", "config: weights sum to 10000");
  });
  it("the config must have 3 weights, not 2", async () => {
    await expectRejected(w, withConfig((c) => ({ ...c, weightsBps: [5000n, 5000n] })), "deployer", "config: 3 weights");
  });
  it("the config weights cannot be negative", async () => {
    await expectRejected(w, withConfig((c) => ({ ...c, weightsBps: [11000n, -1000n, 0n] })), "deployer", "config: weights non-negative");
  });
  it("the config must have 9 level caps, not 8", async () => {
    await expectRejected(w, withConfig((c) => ({ ...c, levelCapsPack: c.levelCapsPack.slice(0, 8) })), "deployer", "config: 9 level caps");
  });
  it("the config must have 9 level caps, not 10", async () => {
    await expectRejected(w, withConfig((c) => ({ ...c, levelCapsPack: [...c.levelCapsPack, 1n] })), "deployer", "config: 9 level caps");
  });
  it("a level cap cannot be negative", async () => {
    await expectRejected(w, withConfig((c) => ({ ...c, levelCapsPack: [...c.levelCapsPack.slice(0, 8), -1n] })), "deployer", "config: caps non-negative");
  });
  it("the quorum cannot be 0", async () => {
    await expectRejected(w, withConfig((c) => ({ ...c, quorum: 0n })), "deployer", "config: quorum within 1..governors");
  });
  it("the quorum cannot exceed the number of governors", async () => {
    await expectRejected(w, withConfig((c) => ({ ...c, quorum: 4n })), "deployer", "config: quorum within 1..governors");
  });
  it("a governor cannot be listed twice (counted twice toward the quorum)", async () => {
    await expectRejected(w, withConfig((c) => ({ ...c, governors: [c.governors[0]!, c.governors[0]!, c.governors[1]!] })), "deployer", "config: governors strictly ascending");
  });
  it("the governors must be sorted", async () => {
    await expectRejected(w, withConfig((c) => ({ ...c, governors: [...c.governors].reverse() })), "deployer", "config: governors strictly ascending");
  });
  it("a governor key hash cannot be 27 bytes", async () => {
    await expectRejected(w, withConfig((c) => ({ ...c, governors: [bytesOf(27), ...c.governors.slice(1)] })), "deployer", "config: governors are key hashes");
  });
  it("an operator key hash cannot be 27 bytes", async () => {
    await expectRejected(w, withConfig((c) => ({ ...c, operators: [bytesOf(27)] })), "deployer", "config: operators are key hashes");
  });
  it("the operators cannot be empty", async () => {
    await expectRejected(w, withConfig((c) => ({ ...c, operators: [] })), "deployer", "config: operators non-empty");
  });
  it("the governors cannot be empty", async () => {
    await expectRejected(w, withConfig((c) => ({ ...c, governors: [] })), "deployer", "config: governors non-empty");
  });
  it("the claim window cannot be 0", async () => {
    await expectRejected(w, withConfig((c) => ({ ...c, claimWindowMs: 0n })), "deployer", "config: claim window positive");
  });
  it("the reward attestor must be a 28-byte key hash", async () => {
    await expectRejected(w, withConfig((c) => ({ ...c, rewardAttestor: bytesOf(27) })), "deployer", "config: reward attestor is a key hash");
  });
  it("the pool script must be a 28-byte hash", async () => {
    await expectRejected(w, withConfig((c) => ({ ...c, poolScript: bytesOf(29) })), "deployer", "config: pool script is a script hash");
  });
  it("the lock script must be a 28-byte hash", async () => {
    await expectRejected(w, withConfig((c) => ({ ...c, lockScript: bytesOf(27) })), "deployer", "config: lock script is a script hash");
  });
  it("the config datum cannot carry an extra field", async () => {
    await expectRejected(
      w,
      mutated(valid, (q) => setConfigFields(q, CONFIG, configOf(valid, CONFIG), (f) => [...f, 0n])),
      "deployer",
      "config: constructor 0 with 11 fields",
    );
  });
  it("the config datum cannot use another constructor", async () => {
    await expectRejected(
      w,
      mutated(valid, (q) => setConfigFields(q, CONFIG, configOf(valid, CONFIG), (f) => f, 1)),
      "deployer",
      "config: constructor 0 with 11 fields",
    );
  });

  // Once only -----------------------------------------------------------------------------
  it("genesis runs once; a second genesis cannot spend the seed again", async () => {
    await run(w, valid, "deployer");
    // The seed is gone: a second genesis can only spend another UTxO of the deployer.
    const [other] = await w.lucid.utxosAt(w.accounts.deployer.address);
    const again = mutated(valid, (q) => (q.spend[0]!.utxos = [other!]));
    await expectRejected(w, again, "deployer", "genesis: seed UTxO spent");
  });
  it("a second genesis that names the spent seed is refused by the ledger", async () => {
    w.lucid.selectWallet.fromSeed(w.accounts.deployer.seedPhrase);
    let error = "";
    try {
      const tx = await toTx(w.lucid, valid).complete({ localUPLCEval: true });
      await (await tx.sign.withWallet().complete()).submit();
    } catch (e) {
      error = String(e);
    }
    expect(error).toContain("already spent");
  });
});
