/**
 * Helpers of the pool and lock attack suites (test/tx/attacks/{pool,lock}.test.ts).
 *
 * Why: an attack is a VALID plan from the SDK builder with exactly one thing changed. These
 * helpers build the worlds the attacks run in (a deployed protocol with epochs advanced and
 * pools created), find the current pools and locks, and make the few plans the SDK refuses
 * to build on purpose (a claim of an already claimed leaf, a claim after expiry, a claim of
 * a leaf from a tree the test crafted) — `claimUnchecked` is the SDK's `claim` without its
 * guards, and a test checks it equals the SDK's plan on valid input.
 */
import { credentialToAddress, Data, Constr, scriptFromNative, mintingPolicyToId, type Assets, type UTxO } from "@lucid-evolution/lucid";
import { run, type Actor, type World } from "../../helpers/chain.js";
import type { Protocol } from "../../../offchain/protocol.js";
import { emptyPlan, useScript, type PlannedOutput, type TxPlan } from "../../../offchain/tx/plan.js";
import { claimRedeemer, decodePool, decodeState, encodeConfig, encodeLock, encodePool, encodeState, type ConfigDatum, type LeafData, type PoolDatum } from "../../../offchain/codec/data.js";
import { setBit } from "../../../offchain/bitmap.js";
import { advanceEpoch, type AdvanceResult, type AllocationEntryInput } from "../../../offchain/tx/emission/advance.js";
import { LOCK_TOKEN_REDEEMER, type ClaimEntry } from "../../../offchain/tx/pool/claim.js";
import { readConfig, readLocks, readPools, readState } from "../../../offchain/readers.js";
import { chainFTotal } from "../../../offchain/epoch.js";
import { buildTree } from "../../../offchain/merkle/index.js";
import { entryWithProof } from "../../../offchain/tx/emission/proof.js";

export const JET = 1_000_000n; // Pack per Jet
export const DAY_MS = 86_400_000;

/** A deep copy of a plan, to mutate one field of it. */
export function clonePlan(plan: TxPlan): TxPlan {
  return structuredClone(plan);
}

/** A key-hash address, optionally with a key stake part. */
export function keyAddress(pkh: string, stakePkh?: string): string {
  return credentialToAddress("Custom", { type: "Key", hash: pkh }, stakePkh ? { type: "Key", hash: stakePkh } : undefined);
}

/** A script address, optionally with a key stake part. */
export function scriptAddress(hash: string, stakePkh?: string): string {
  return credentialToAddress("Custom", { type: "Script", hash }, stakePkh ? { type: "Key", hash: stakePkh } : undefined);
}

/** Jet (Pack) in some assets. */
export function jetOf(p: Protocol, assets: Assets): bigint {
  return assets[p.units.jet] ?? 0n;
}

/**
 * Mints `amount` of a junk token (a native "signed by the deployer" policy) to each actor,
 * so that an attack can add it to an output and coin selection finds it in the payer's wallet.
 */
export async function mintJunk(w: World, to: Actor[], amount = 1_000n): Promise<string> {
  const policy = scriptFromNative({ type: "sig", keyHash: w.pkh.deployer });
  const unit = mintingPolicyToId(policy) + Buffer.from("Junk").toString("hex");
  w.lucid.selectWallet.fromSeed(w.accounts.deployer.seedPhrase);
  let tx = w.lucid.newTx().mintAssets({ [unit]: amount * BigInt(to.length) }).attach.MintingPolicy(policy);
  for (const a of to) tx = tx.pay.ToAddress(w.accounts[a].address, { lovelace: 2_000_000n, [unit]: amount });
  const built = await tx.complete();
  await (await built.sign.withWallet().complete()).submit();
  w.emulator.awaitBlock(1);
  return unit;
}

/** The current config UTxO. */
export async function configUtxo(w: World, p: Protocol): Promise<UTxO> {
  return (await readConfig(w.lucid, p)).utxo;
}

/** The current pool UTxO of (epoch, shard). */
export async function poolUtxo(w: World, p: Protocol, epoch: number, shard: number): Promise<UTxO> {
  const found = (await readPools(w.lucid, p, epoch)).filter((x) => x.datum.shard === BigInt(shard));
  if (found.length !== 1) throw new Error(`expected one pool of epoch ${epoch} shard ${shard}, found ${found.length}`);
  return found[0]!.utxo;
}

/** The current locks of an owner. */
export async function locksOf(w: World, p: Protocol, owner: string): Promise<UTxO[]> {
  return (await readLocks(w.lucid, p, owner)).map((l) => l.utxo);
}

/** The claim entry of service `id` in an advance's allocation file, with its shard. */
export function entryOf(adv: AdvanceResult, id: string): ClaimEntry & { shard: number } {
  const e = entryWithProof(adv.file, { id });
  return { index: e.index, service: e.service, level: e.level, amountPack: BigInt(e.amountPack), proof: e.proof, shard: e.shard };
}

/**
 * The SDK's claim (offchain/tx/pool/claim.ts) without its guards (already claimed, expired,
 * amount above the pool): the range is [now − 60 s, now + ttl], NOT capped at the expiry.
 */
export function claimUnchecked(args: { protocol: Protocol; pool: UTxO; configUtxo: UTxO; entry: ClaimEntry; nowMs: number; ttlMs?: number }): TxPlan {
  const { protocol: p, pool, entry } = args;
  const d = decodePool(pool.datum!);
  const jet = jetOf(p, pool.assets);
  const plan = emptyPlan();
  plan.spend.push({
    utxos: [pool],
    redeemer: claimRedeemer({ index: BigInt(entry.index), owner: entry.service, level: BigInt(entry.level), amount: entry.amountPack, proof: entry.proof }),
  });
  const contJet = jet - entry.amountPack;
  const contAssets: Assets = { ...pool.assets };
  if (contJet === 0n) delete contAssets[p.units.jet];
  else contAssets[p.units.jet] = contJet;
  plan.outputs.push({ address: pool.address, assets: contAssets, datum: encodePool({ ...d, bitmap: setBit(d.bitmap, entry.index) }) });
  const lockAssets: Assets = { lovelace: 1_500_000n };
  if (entry.amountPack > 0n) lockAssets[p.units.jet] = entry.amountPack;
  lockAssets[p.units.lockToken] = 1n;
  plan.mint = { assets: { [p.units.lockToken]: 1n }, redeemer: LOCK_TOKEN_REDEEMER };
  plan.outputs.push({ address: p.lock.address, assets: lockAssets, datum: encodeLock({ owner: entry.service }) });
  plan.validFrom = args.nowMs - 60_000;
  plan.validTo = args.nowMs + (args.ttlMs ?? 15 * 60_000);
  plan.signers.push(entry.service);
  useScript(plan, p, "pool");
  return plan;
}

/** Advances the next epoch with the SDK (operator-signed) and returns the advance result. */
export async function advance(w: World, p: Protocol, entries: AllocationEntryInput[], leavesPerShard = 2, craft?: (adv: AdvanceResult) => TxPlan): Promise<AdvanceResult> {
  const state = await readState(w.lucid, p);
  const config = await readConfig(w.lucid, p);
  const adv = advanceEpoch({
    protocol: p,
    stateUtxo: state.utxo,
    configUtxo: config.utxo,
    fTotalPack: chainFTotal(state.datum),
    entries,
    operator: w.pkh.operator,
    nowMs: w.emulator.now(),
    leavesPerShard,
  });
  await run(w, craft ? craft(adv) : adv.plan, "operator");
  return adv;
}

/** Moves the Emulator's clock to `ms` (or just past it). */
export function travelTo(w: World, ms: number): void {
  const now = w.emulator.now();
  if (ms > now) w.emulator.awaitSlot(Math.ceil((ms - now) / 1000));
}

/**
 * A crafted pool shard the operator adds to an advance: a tree the test builds itself (the
 * advance rules cannot see inside a Merkle root; the SDK refuses such leaves, the claim
 * validator must still stop them). Returns the advance plan with the extra pool output, the
 * mint raised by the pool's Jet and the state's `minted` raised to match.
 */
export interface CraftedShard {
  shard: number;
  leaves: LeafData[];
  jet: bigint; // Jet (Pack) the crafted pool holds
}

export function withCraftedShard(p: Protocol, adv: AdvanceResult, c: CraftedShard): TxPlan {
  const plan = clonePlan(adv.plan);
  const tree = buildTree(c.leaves);
  const template = decodePool(plan.outputs[1]!.datum!);
  plan.outputs.push({
    address: p.pool.address,
    assets: { lovelace: 2_000_000n, [p.units.jet]: c.jet, [p.units.poolToken]: 1n },
    datum: encodePool({ ...template, shard: BigInt(c.shard), root: tree.root, bitmap: "" }),
  });
  plan.mint = { ...plan.mint!, assets: { [p.units.jet]: plan.mint!.assets[p.units.jet]! + c.jet, [p.units.poolToken]: plan.mint!.assets[p.units.poolToken]! + 1n } };
  const st = decodeState(plan.outputs[0]!.datum!);
  plan.outputs[0] = { ...plan.outputs[0]!, datum: encodeState({ ...st, minted: st.minted + c.jet }) };
  return plan;
}

/** The claim entries of a crafted shard (leaf i with its proof). */
export function craftedEntries(c: CraftedShard): ClaimEntry[] {
  const tree = buildTree(c.leaves);
  return c.leaves.map((l, i) => ({ index: i, service: l.service, level: Number(l.level), amountPack: l.amount, proof: tree.proof(i) }));
}

/** A plan output with a changed inline datum. */
export function withDatum(o: PlannedOutput, datum: string): PlannedOutput {
  return { ...o, datum };
}

/** Plutus Data CBOR of a pool datum with one extra trailing field (a bloated datum). */
export function poolDatumWithExtraField(d: PoolDatum): string {
  return Data.to(new Constr(0, [d.epoch, d.shard, d.root, d.bitmap, d.expiry, d.fileHash, 0n]));
}

/** Random 28-byte key hash (hex), deterministic from `i`. */
export function fakeKeyHash(i: number, salt = 0): string {
  const b = Buffer.alloc(28);
  b.writeUInt32BE(i, 0);
  b.writeUInt32BE(salt, 4);
  for (let k = 8; k < 28; k++) b[k] = (i * 31 + k * 17 + salt * 7) & 0xff;
  return b.toString("hex");
}

/**
 * A forged config: a UTxO at the config address with a chosen config datum but without the
 * config NFT (anyone can create one), paid by `by`. Returns it.
 */
export async function forgeConfig(w: World, p: Protocol, by: Actor, change: (c: ConfigDatum) => ConfigDatum): Promise<UTxO> {
  const real = await readConfig(w.lucid, p);
  w.lucid.selectWallet.fromSeed(w.accounts[by].seedPhrase);
  const tx = await w.lucid
    .newTx()
    .pay.ToContract(p.config.address, { kind: "inline", value: encodeConfig(change(real.datum)) }, { lovelace: 5_000_000n })
    .complete();
  const hash = await (await tx.sign.withWallet().complete()).submit();
  w.emulator.awaitBlock(1);
  const [u] = await w.lucid.utxosByOutRef([{ txHash: hash, outputIndex: 0 }]);
  if (!u || u.address !== p.config.address) throw new Error("forged config not found at output 0");
  return u;
}

/** Plutus Data CBOR of a lock datum with one extra trailing field (a bloated datum). */
export function lockDatumWithExtraField(owner: string): string {
  return Data.to(new Constr(0, [owner, 0n]));
}
