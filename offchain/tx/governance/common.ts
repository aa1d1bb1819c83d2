/**
 * What the governance builders share: token units, new ids, reading an authenticated
 * governance UTxO, addresses as Plutus Data, power.
 *
 * Authenticated means: at the governance script's payment credential, holding exactly one
 * governance token (quantity 1) whose kind byte matches the datum's constructor — the
 * rule the validator applies before any other (validators/governance.ak). A datum copy
 * without its token, or with another kind's token, is ignored.
 */
import { Constr, Data, getAddressDetails, type UTxO } from "@lucid-evolution/lucid";
import { outRefToData } from "../../codec/data.js";
import { decodeGovDatum, KIND, type CommitmentDatum, type GovDatum, type GrantDatum, type ProposalDatum, type ReceiptDatum } from "../../codec/governance.js";
import { blake2b224, fromHex, toHex } from "../../merkle/hash.js";
import type { Protocol } from "../../protocol.js";
import { JetpackError } from "../common.js";

export type Kind = keyof typeof KIND;

/** The unit of governance token kind ‖ id. */
export function govUnit(p: Protocol, kind: Kind, id: string): string {
  return p.governance.hash + KIND[kind] + id;
}

/** The id a Commit or Propose that spends `seed` creates: blake2b-224 of the reference as Data. */
export function seedId(seed: { txHash: string; outputIndex: number }): string {
  return toHex(blake2b224(fromHex(Data.to(outRefToData(seed.txHash, seed.outputIndex)))));
}

export type Authenticated =
  | { kind: "commitment"; id: string; utxo: UTxO; datum: CommitmentDatum }
  | { kind: "proposal"; id: string; utxo: UTxO; datum: ProposalDatum }
  | { kind: "receipt"; id: string; utxo: UTxO; datum: ReceiptDatum }
  | { kind: "grant"; id: string; utxo: UTxO; datum: GrantDatum };

const KIND_OF_CONSTR: Record<GovDatum["type"], Kind> = { commitment: "commitment", proposal: "proposal", receipt: "receipt", grant: "grant" };

/** The UTxO as a governance UTxO, or null when it is not authenticated (see above). */
export function authenticate(p: Protocol, u: UTxO): Authenticated | null {
  if (!u.datum) return null;
  const policy = p.governance.hash;
  const tokens = Object.entries(u.assets).filter(([unit]) => unit.startsWith(policy));
  if (tokens.length !== 1 || tokens[0]![1] !== 1n) return null;
  const name = tokens[0]![0].slice(policy.length);
  if (name.length !== 58) return null;
  let d: GovDatum;
  try {
    d = decodeGovDatum(u.datum);
  } catch {
    return null;
  }
  const kind = KIND_OF_CONSTR[d.type];
  if (name.slice(0, 2) !== KIND[kind]) return null;
  const id = name.slice(2);
  const { type: _t, ...datum } = d;
  return { kind, id, utxo: u, datum } as Authenticated;
}

/** Like `authenticate`, but the UTxO must be of `kind`; throws naming what it is instead. */
export function expectKind<K extends Kind>(p: Protocol, u: UTxO, kind: K, what: string): Extract<Authenticated, { kind: K }> {
  const a = authenticate(p, u);
  if (!a) throw new JetpackError(`${what} ${u.txHash}#${u.outputIndex} is not an authenticated governance UTxO (no governance token, or a datum that does not match it)`);
  if (a.kind !== kind) throw new JetpackError(`${what} ${u.txHash}#${u.outputIndex} is a ${a.kind}, not a ${kind}`);
  return a as Extract<Authenticated, { kind: K }>;
}

/** A bech32 address as the ledger's Plutus Data (Address: payment credential, optional
 *  inline stake credential). */
export function addressToData(address: string): Data {
  const d = getAddressDetails(address);
  const cred = (c: { type: "Key" | "Script"; hash: string }) => new Constr(c.type === "Key" ? 0 : 1, [c.hash]);
  if (!d.paymentCredential) throw new JetpackError(`${address} has no payment credential`);
  const stake = d.stakeCredential ? new Constr(0, [new Constr(0, [cred(d.stakeCredential)])]) : new Constr(1, []);
  return new Constr(0, [cred(d.paymentCredential), stake]);
}

/** Voting power at epoch `at`: amount × min(lockEnd − at, maxLock), 0 once ended (exact). */
export function powerAt(amount: bigint, lockEnd: bigint, at: bigint, maxLock: bigint): bigint {
  const left = lockEnd - at;
  if (left <= 0n) return 0n;
  return amount * (left > maxLock ? maxLock : left);
}

/** Quorum: (yes + no) · 10,000 ≥ quorum_bps · max_power (exact, as on-chain). */
export function quorumReached(p: ProposalDatum): boolean {
  const cast = p.yes + p.no;
  return cast > 0n && cast * 10_000n >= p.quorumBps * p.maxPower;
}

/** Passed: quorum and yes · 10,000 ≥ approval_bps · (yes + no). */
export function passed(p: ProposalDatum): boolean {
  return quorumReached(p) && p.yes * 10_000n >= p.approvalBps * (p.yes + p.no);
}

/** The ADA a receipt or commitment output carries (min-UTxO with margin). */
export const GOV_OUTPUT_LOVELACE = 2_000_000n;
