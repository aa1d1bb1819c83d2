/**
 * Typed codecs for every datum and redeemer of the protocol (docs/design.md §5–§6).
 *
 * Why hand-written: a datum read from the chain is untrusted input. Each decoder checks the
 * constructor index, the field count and every field's kind and size, and throws an error
 * that names the datum and the field, so a bloated or malformed UTxO is reported instead
 * of half-read. Encoders produce exactly the Plutus Data the validators rebuild and compare.
 */
import { Constr, Data } from "@lucid-evolution/lucid";

export type PlutusData = Data;

// ---------------------------------------------------------------------------------------
// Types (amounts in Pack, times in POSIX ms, hashes as lowercase hex)

export interface StateDatum {
  epoch: bigint; // last epoch advanced, 0 at genesis
  scheduled: bigint; // Pack, Σ emission(1..epoch)
  minted: bigint; // Pack, minted and not burned
}

export interface ConfigDatum {
  weightsBps: bigint[]; // three entries, basis points, sum 10,000
  levelCapsPack: bigint[]; // nine entries, Pack
  operators: string[]; // key hashes
  governors: string[]; // key hashes
  quorum: bigint;
  claimWindowMs: bigint;
  rewardAttestor: string | null; // key hash or none
  poolScript: string; // script hash
  lockScript: string; // script hash
}

export interface PoolDatum {
  epoch: bigint;
  shard: bigint;
  root: string; // 32 bytes hex
  bitmap: string; // hex, empty at creation
  expiry: bigint; // POSIX ms: the advance's validity upper bound + the claim window
  fileHash: string; // 32 bytes hex
  capsPack: bigint[]; // the nine level caps in force at the advance (a claim checks these)
}

export interface LockDatum {
  owner: string; // key hash
}

export interface LeafData {
  epoch: bigint;
  shard: bigint;
  index: bigint;
  service: string; // key hash
  level: bigint;
  amount: bigint; // Pack
}

export type EmissionAction = "Genesis" | "Advance" | "Sweep";

export interface ClaimRedeemer {
  index: bigint;
  owner: string;
  level: bigint;
  amount: bigint;
  proof: string[]; // sibling hashes, leaf level first
}

// ---------------------------------------------------------------------------------------
// Field readers

export class DatumError extends Error {}

function constr(d: unknown, what: string, index: number, nFields: number): Data[] {
  if (!(d instanceof Constr)) throw new DatumError(`${what}: expected a constructor`);
  if (d.index !== index) throw new DatumError(`${what}: expected constructor ${index}, got ${d.index}`);
  if (d.fields.length !== nFields)
    throw new DatumError(`${what}: expected ${nFields} fields, got ${d.fields.length}`);
  return d.fields as Data[];
}

function int(d: unknown, what: string): bigint {
  if (typeof d !== "bigint") throw new DatumError(`${what}: expected an integer`);
  return d;
}

function bytes(d: unknown, what: string, len?: number): string {
  if (typeof d !== "string" || !/^([0-9a-f]{2})*$/.test(d)) throw new DatumError(`${what}: expected bytes`);
  if (len !== undefined && d.length !== len * 2)
    throw new DatumError(`${what}: expected ${len} bytes, got ${d.length / 2}`);
  return d;
}

function list<T>(d: unknown, what: string, item: (x: unknown, w: string) => T): T[] {
  if (!Array.isArray(d)) throw new DatumError(`${what}: expected a list`);
  return d.map((x, i) => item(x, `${what}[${i}]`));
}

const keyHash = (d: unknown, what: string) => bytes(d, what, 28);
const hash32 = (d: unknown, what: string) => bytes(d, what, 32);

function parse(cbor: string, what: string): Data {
  try {
    return Data.from(cbor);
  } catch (e) {
    throw new DatumError(`${what}: not valid Plutus Data CBOR (${(e as Error).message})`);
  }
}

// ---------------------------------------------------------------------------------------
// State

export function stateToData(s: StateDatum): Data {
  return new Constr(0, [s.epoch, s.scheduled, s.minted]);
}
export const encodeState = (s: StateDatum) => Data.to(stateToData(s));
export function decodeState(cbor: string): StateDatum {
  const f = constr(parse(cbor, "state datum"), "state datum", 0, 3);
  return {
    epoch: int(f[0], "state datum.epoch"),
    scheduled: int(f[1], "state datum.scheduled"),
    minted: int(f[2], "state datum.minted"),
  };
}

// ---------------------------------------------------------------------------------------
// Config

export function configToData(c: ConfigDatum): Data {
  return new Constr(0, [
    c.weightsBps,
    c.levelCapsPack,
    c.operators,
    c.governors,
    c.quorum,
    c.claimWindowMs,
    c.rewardAttestor === null ? new Constr(1, []) : new Constr(0, [c.rewardAttestor]),
    c.poolScript,
    c.lockScript,
  ]);
}
export const encodeConfig = (c: ConfigDatum) => Data.to(configToData(c));
export function decodeConfig(cbor: string): ConfigDatum {
  const w = "config datum";
  const f = constr(parse(cbor, w), w, 0, 9);
  const att = f[6];
  let rewardAttestor: string | null;
  if (att instanceof Constr && att.index === 1 && att.fields.length === 0) rewardAttestor = null;
  else rewardAttestor = keyHash(constr(att, `${w}.rewardAttestor`, 0, 1)[0], `${w}.rewardAttestor`);
  return {
    weightsBps: list(f[0], `${w}.weightsBps`, int),
    levelCapsPack: list(f[1], `${w}.levelCapsPack`, int),
    operators: list(f[2], `${w}.operators`, keyHash),
    governors: list(f[3], `${w}.governors`, keyHash),
    quorum: int(f[4], `${w}.quorum`),
    claimWindowMs: int(f[5], `${w}.claimWindowMs`),
    rewardAttestor,
    poolScript: keyHash(f[7], `${w}.poolScript`),
    lockScript: keyHash(f[8], `${w}.lockScript`),
  };
}

/** The well-formedness rules the config validator enforces, checked before building a tx. */
export function configProblems(c: ConfigDatum): string[] {
  const p: string[] = [];
  if (c.weightsBps.length !== 3) p.push("weightsBps must have 3 entries");
  if (c.weightsBps.some((x) => x < 0n)) p.push("weightsBps must be non-negative");
  if (c.weightsBps.reduce((a, b) => a + b, 0n) !== 10_000n) p.push("weightsBps must sum to 10000");
  if (c.levelCapsPack.length !== 9) p.push("levelCapsPack must have 9 entries");
  if (c.levelCapsPack.some((x) => x < 0n)) p.push("levelCapsPack must be non-negative");
  if (c.operators.length < 1) p.push("at least one operator is required");
  if (c.governors.length < 1) p.push("at least one governor is required");
  if (c.quorum < 1n || c.quorum > BigInt(c.governors.length)) p.push("quorum must be between 1 and the number of governors");
  if (c.claimWindowMs <= 0n) p.push("claimWindowMs must be positive");
  return p;
}

// ---------------------------------------------------------------------------------------
// Pool

export function poolToData(p: PoolDatum): Data {
  return new Constr(0, [p.epoch, p.shard, p.root, p.bitmap, p.expiry, p.fileHash, p.capsPack]);
}
export const encodePool = (p: PoolDatum) => Data.to(poolToData(p));
export function decodePool(cbor: string): PoolDatum {
  const w = "pool datum";
  const f = constr(parse(cbor, w), w, 0, 7);
  return {
    epoch: int(f[0], `${w}.epoch`),
    shard: int(f[1], `${w}.shard`),
    root: hash32(f[2], `${w}.root`),
    bitmap: bytes(f[3], `${w}.bitmap`),
    expiry: int(f[4], `${w}.expiry`),
    fileHash: hash32(f[5], `${w}.fileHash`),
    capsPack: list(f[6], `${w}.capsPack`, int),
  };
}

// ---------------------------------------------------------------------------------------
// Lock

export const lockToData = (l: LockDatum): Data => new Constr(0, [l.owner]);
export const encodeLock = (l: LockDatum) => Data.to(lockToData(l));
export function decodeLock(cbor: string): LockDatum {
  const f = constr(parse(cbor, "lock datum"), "lock datum", 0, 1);
  return { owner: keyHash(f[0], "lock datum.owner") };
}

// ---------------------------------------------------------------------------------------
// Leaf

export const leafToData = (l: LeafData): Data =>
  new Constr(0, [l.epoch, l.shard, l.index, l.service, l.level, l.amount]);

// ---------------------------------------------------------------------------------------
// Redeemers

const EMISSION_INDEX: Record<EmissionAction, number> = { Genesis: 0, Advance: 1, Sweep: 2 };
export const emissionRedeemer = (a: EmissionAction) => Data.to(new Constr(EMISSION_INDEX[a], []));
export const claimRedeemer = (c: ClaimRedeemer) =>
  Data.to(new Constr(0, [c.index, c.owner, c.level, c.amount, c.proof]));
export const poolSweepRedeemer = () => Data.to(new Constr(1, []));
export const rewardRedeemer = () => Data.to(new Constr(0, []));
export const configUpdateRedeemer = () => Data.to(new Constr(0, []));

/** V3 TxOutRef as Data: Constr 0 [B txid, I idx]. */
export const outRefToData = (txHash: string, outputIndex: number): Data =>
  new Constr(0, [txHash, BigInt(outputIndex)]);
