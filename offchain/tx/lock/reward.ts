/**
 * Reward: a service pays users from its locks; the remainder returns to one lock with the
 * same owner. Merging locks is a reward with no payouts. Payouts must go to key-hash
 * addresses that are not the owner's (checked here first, then on-chain).
 *
 * On chain each lock only asks for the lock rules' zero withdrawal, and the rules check the
 * whole transaction once. Every spent lock holds a JetLock token; the continuing lock keeps
 * one and the others are burned (the pool script is their policy), so a reward that
 * empties its locks burns them all.
 */
import { getAddressDetails, type UTxO } from "@lucid-evolution/lucid";
import { decodeLock, rewardRedeemer } from "../../codec/data.js";
import type { Protocol } from "../../protocol.js";
import { emptyPlan, useScript, type TxPlan } from "../plan.js";
import { JetpackError, requireInlineDatum, unitOf } from "../common.js";
import { LOCK_TOKEN_REDEEMER } from "../pool/claim.js";

export interface Payout {
  address: string; // bech32 key-hash address of a user
  amountPack: bigint;
  lovelace?: bigint; // ADA sent along (min-UTxO), default 1.2 ADA
}

export interface RewardArgs {
  protocol: Protocol;
  locks: UTxO[]; // all owned by the same service
  configUtxo: UTxO;
  payouts: Payout[];
  extraSigners?: string[]; // e.g. the reward attestor
  /** The lock rules' reward-account balance (normally 0). A ledger withdrawal must take the
   *  whole balance, so if anyone made it non-zero (e.g. a governance-action deposit returned
   *  there) the zero withdrawal would fail; the rules accept any amount, so the reward takes
   *  it (it goes to the wallet's change). Read it with `provider.getDelegation`. */
  rewardBalance?: bigint;
}

export function reward(args: RewardArgs): TxPlan {
  const { protocol: p, locks } = args;
  if (locks.length === 0) throw new JetpackError("reward needs at least one lock");
  const owners = new Set(locks.map((l) => decodeLock(requireInlineDatum(l, "lock UTxO")).owner));
  if (owners.size !== 1) throw new JetpackError(`locks belong to ${owners.size} owners; a reward spends one owner's locks`);
  const owner = [...owners][0]!;
  const total = locks.reduce((s, l) => s + unitOf(l, p.units.jet), 0n);
  let paid = 0n;
  args.payouts.forEach((po, i) => {
    if (po.amountPack <= 0n) throw new JetpackError(`payout ${i + 1}: amount must be positive, got ${po.amountPack}`);
    let details;
    try {
      details = getAddressDetails(po.address);
    } catch {
      throw new JetpackError(`payout ${i + 1}: malformed address ${JSON.stringify(po.address)}`);
    }
    if (details.paymentCredential?.type !== "Key") throw new JetpackError(`payout ${i + 1}: ${po.address} is not a key-hash address`);
    if (details.paymentCredential.hash === owner || details.stakeCredential?.hash === owner)
      throw new JetpackError(`payout ${i + 1}: ${po.address} belongs to the lock owner`);
    paid += po.amountPack;
  });
  if (paid > total) throw new JetpackError(`payouts total ${paid} Pack but the locks hold ${total} Pack`);
  const plan = emptyPlan();
  for (const l of locks)
    if (unitOf(l, p.units.lockToken) !== 1n) throw new JetpackError(`UTxO ${l.txHash}#${l.outputIndex} holds no JetLock token: it is not a service lock`);
  plan.spend.push({ utxos: locks, redeemer: rewardRedeemer() });
  plan.withdraw = { rewardAddress: p.lockRules.rewardAddress, redeemer: rewardRedeemer(), amount: args.rewardBalance ?? 0n };
  plan.reference.push(args.configUtxo);
  for (const po of args.payouts) plan.outputs.push({ address: po.address, assets: { lovelace: po.lovelace ?? 1_200_000n, [p.units.jet]: po.amountPack } });
  const lovelace = locks.reduce((s, l) => s + (l.assets.lovelace ?? 0n), 0n);
  if (total - paid > 0n) {
    plan.outputs.push({
      address: locks[0]!.address,
      assets: { lovelace: lovelace < 1_500_000n ? 1_500_000n : lovelace, [p.units.jet]: total - paid, [p.units.lockToken]: 1n },
      datum: requireInlineDatum(locks[0]!, "lock UTxO"),
    });
  }
  const burned = BigInt(locks.length) - (total - paid > 0n ? 1n : 0n);
  if (burned > 0n) {
    plan.mint = { assets: { [p.units.lockToken]: -burned }, redeemer: LOCK_TOKEN_REDEEMER };
    useScript(plan, p, "pool");
  }
  plan.signers.push(owner, ...(args.extraSigners ?? []));
  useScript(plan, p, "lock");
  useScript(plan, p, "lockRules");
  return plan;
}

/** Merging locks of one owner into one: a reward with no payouts. */
export function mergeLocks(args: Omit<RewardArgs, "payouts">): TxPlan {
  return reward({ ...args, payouts: [] });
}

/** The most locks one reward or merge spends (a bound on the transaction's size, measured
 *  in test/tx/attacks/lock.measure.test.ts). */
export const MAX_LOCKS_PER_TX = 10;

/**
 * The locks a reward of `needPack` spends: the fewest, largest first, never a lock without
 * Jet (anyone can put "locks" of 0 Jet at the lock address with a service's datum; they are
 * never picked), at most `max`. Throws, naming the figures, when the `max` largest do not
 * cover the need (merge the service's locks first).
 */
export function selectLocks(locks: readonly UTxO[], jetUnit: string, needPack: bigint, max = MAX_LOCKS_PER_TX): UTxO[] {
  const byJet = locks.filter((l) => unitOf(l, jetUnit) > 0n).sort((a, b) => (unitOf(b, jetUnit) > unitOf(a, jetUnit) ? 1 : unitOf(b, jetUnit) < unitOf(a, jetUnit) ? -1 : 0));
  const out: UTxO[] = [];
  let sum = 0n;
  for (const l of byJet) {
    if (sum >= needPack && out.length > 0) break;
    if (out.length === max) throw new JetpackError(`${needPack} Pack needs more than the ${max} largest locks (they hold ${sum} Pack): merge the service's locks first`);
    out.push(l);
    sum += unitOf(l, jetUnit);
  }
  if (sum < needPack || out.length === 0) throw new JetpackError(`the service's locks hold ${sum} Pack in Jet-holding locks, ${needPack} Pack needed`);
  return out;
}
