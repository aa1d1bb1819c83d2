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
  version: bigint; // +1 on every update; a config-change proposal names the version it replaces
  governance: GovParams;
}

/** The config's governance section (docs/governance.md). `govScript`, `treasuryScript`,
 *  `genesisMs` and `guardrails` never change; the rest only by a passed proposal. */
export interface GovParams {
  govScript: string;
  treasuryScript: string;
  genesisMs: bigint;
  maxLockEpochs: bigint;
  proposalThreshold: bigint; // power: Pack × epochs
  depositLovelace: bigint;
  votingEpochs: bigint;
  timelockEpochs: bigint;
  executionEpochs: bigint;
  quorumBps: bigint;
  approvalBps: bigint;
  sunsetEpoch: bigint;
  ownerScripts: string[];
  disputeEpochs: bigint;
  guardrails: Guardrails;
  exchangeFeeBps: bigint; // the exchange's fee: basis points of a fill's ADA side, to the treasury (0..1000)
  discountTiers: DiscountTier[]; // payments in Jet: the discount by the payer's veJet power
}

/** A payer with veJet power ≥ `minPower` (Pack × epochs) pays `bps` basis points less. */
export interface DiscountTier {
  minPower: bigint;
  bps: bigint;
}

export interface Guardrails {
  capMinPack: bigint;
  capMaxPack: bigint;
  claimWindowMinMs: bigint;
  claimWindowMaxMs: bigint;
  maxChangeBps: bigint; // a cap or the claim window moves by at most this fraction per update
  weightStepBps: bigint; // a weight moves by at most this many basis points per update
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

export function constr(d: unknown, what: string, index: number, nFields: number): Data[] {
  if (!(d instanceof Constr)) throw new DatumError(`${what}: expected a constructor`);
  if (d.index !== index) throw new DatumError(`${what}: expected constructor ${index}, got ${d.index}`);
  if (d.fields.length !== nFields)
    throw new DatumError(`${what}: expected ${nFields} fields, got ${d.fields.length}`);
  return d.fields as Data[];
}

export function int(d: unknown, what: string): bigint {
  if (typeof d !== "bigint") throw new DatumError(`${what}: expected an integer`);
  return d;
}

export function bytes(d: unknown, what: string, len?: number): string {
  if (typeof d !== "string" || !/^([0-9a-f]{2})*$/.test(d)) throw new DatumError(`${what}: expected bytes`);
  if (len !== undefined && d.length !== len * 2)
    throw new DatumError(`${what}: expected ${len} bytes, got ${d.length / 2}`);
  return d;
}

export function list<T>(d: unknown, what: string, item: (x: unknown, w: string) => T): T[] {
  if (!Array.isArray(d)) throw new DatumError(`${what}: expected a list`);
  return d.map((x, i) => item(x, `${what}[${i}]`));
}

export const keyHash = (d: unknown, what: string) => bytes(d, what, 28);
export const hash32 = (d: unknown, what: string) => bytes(d, what, 32);

export function parse(cbor: string, what: string): Data {
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
    c.version,
    govToData(c.governance),
  ]);
}

export function govToData(g: GovParams): Data {
  const r = g.guardrails;
  return new Constr(0, [
    g.govScript,
    g.treasuryScript,
    g.genesisMs,
    g.maxLockEpochs,
    g.proposalThreshold,
    g.depositLovelace,
    g.votingEpochs,
    g.timelockEpochs,
    g.executionEpochs,
    g.quorumBps,
    g.approvalBps,
    g.sunsetEpoch,
    g.ownerScripts,
    g.disputeEpochs,
    new Constr(0, [r.capMinPack, r.capMaxPack, r.claimWindowMinMs, r.claimWindowMaxMs, r.maxChangeBps, r.weightStepBps]),
    g.exchangeFeeBps,
    g.discountTiers.map((t) => new Constr(0, [t.minPower, t.bps])),
  ]);
}

function decodeGov(d: unknown, w: string): GovParams {
  const f = constr(d, w, 0, 17);
  const r = constr(f[14], `${w}.guardrails`, 0, 6);
  const n = (i: number, name: string) => int(f[i], `${w}.${name}`);
  const rn = (i: number, name: string) => int(r[i], `${w}.guardrails.${name}`);
  return {
    govScript: keyHash(f[0], `${w}.govScript`),
    treasuryScript: keyHash(f[1], `${w}.treasuryScript`),
    genesisMs: n(2, "genesisMs"),
    maxLockEpochs: n(3, "maxLockEpochs"),
    proposalThreshold: n(4, "proposalThreshold"),
    depositLovelace: n(5, "depositLovelace"),
    votingEpochs: n(6, "votingEpochs"),
    timelockEpochs: n(7, "timelockEpochs"),
    executionEpochs: n(8, "executionEpochs"),
    quorumBps: n(9, "quorumBps"),
    approvalBps: n(10, "approvalBps"),
    sunsetEpoch: n(11, "sunsetEpoch"),
    ownerScripts: list(f[12], `${w}.ownerScripts`, keyHash),
    disputeEpochs: n(13, "disputeEpochs"),
    guardrails: {
      capMinPack: rn(0, "capMinPack"),
      capMaxPack: rn(1, "capMaxPack"),
      claimWindowMinMs: rn(2, "claimWindowMinMs"),
      claimWindowMaxMs: rn(3, "claimWindowMaxMs"),
      maxChangeBps: rn(4, "maxChangeBps"),
      weightStepBps: rn(5, "weightStepBps"),
    },
    exchangeFeeBps: n(15, "exchangeFeeBps"),
    discountTiers: list(f[16], `${w}.discountTiers`, (t, tw) => {
      const tf = constr(t, tw, 0, 2);
      return { minPower: int(tf[0], `${tw}.minPower`), bps: int(tf[1], `${tw}.bps`) };
    }),
  };
}
export const encodeConfig = (c: ConfigDatum) => Data.to(configToData(c));
export function decodeConfig(cbor: string): ConfigDatum {
  const w = "config datum";
  return configFromData(parse(cbor, w));
}

/** A config from Plutus Data (e.g. a config-change proposal's new config). */
export function configFromData(d: Data): ConfigDatum {
  const w = "config datum";
  const f = constr(d, w, 0, 11);
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
    version: int(f[9], `${w}.version`),
    governance: decodeGov(f[10], `${w}.governance`),
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
  for (let i = 1; i < c.levelCapsPack.length; i++)
    if (c.levelCapsPack[i]! > c.levelCapsPack[i - 1]!) p.push(`levelCapsPack must not increase by level (level ${i + 1} > level ${i})`);
  const g = c.governance;
  const r = g.guardrails;
  if (c.levelCapsPack.some((x) => x < r.capMinPack || x > r.capMaxPack)) p.push(`levelCapsPack must lie within the guardrails ${r.capMinPack}..${r.capMaxPack} Pack`);
  if (c.claimWindowMs < r.claimWindowMinMs || c.claimWindowMs > r.claimWindowMaxMs) p.push(`claimWindowMs must lie within the guardrails ${r.claimWindowMinMs}..${r.claimWindowMaxMs} ms`);
  if (c.version < 0n) p.push("version must be non-negative");
  if (g.maxLockEpochs < 1n) p.push("governance.maxLockEpochs must be at least 1");
  if (g.proposalThreshold < 0n || g.depositLovelace < 0n) p.push("governance.proposalThreshold and depositLovelace must be non-negative");
  if (g.votingEpochs < 1n || g.timelockEpochs < 1n || g.executionEpochs < 1n) p.push("governance voting, timelock and execution epochs must be at least 1");
  if (g.quorumBps < 1n || g.quorumBps > 10_000n) p.push("governance.quorumBps must be within 1..10000");
  if (g.approvalBps < 5_000n || g.approvalBps > 10_000n) p.push("governance.approvalBps must be within 5000..10000");
  if (g.sunsetEpoch < 0n || g.disputeEpochs < 0n) p.push("governance.sunsetEpoch and disputeEpochs must be non-negative");
  if (r.capMinPack < 0n || r.capMinPack > r.capMaxPack || r.claimWindowMinMs < 1n || r.claimWindowMinMs > r.claimWindowMaxMs || r.maxChangeBps < 0n || r.weightStepBps < 0n || r.weightStepBps > 10_000n)
    p.push("governance.guardrails are not well-formed");
  if (g.exchangeFeeBps < 0n || g.exchangeFeeBps > 1_000n) p.push("governance.exchangeFeeBps must be within 0..1000");
  if (!tiersAscending(g.discountTiers)) p.push("governance.discountTiers must be at most 10, minPower and bps strictly ascending, bps within 1..5000");
  return p;
}

function tiersAscending(tiers: DiscountTier[]): boolean {
  let power = 0n;
  let bps = 0n;
  for (const t of tiers) {
    if (t.minPower <= power || t.bps <= bps || t.bps > 5_000n) return false;
    power = t.minPower;
    bps = t.bps;
  }
  return tiers.length <= 10;
}

/**
 * The guardrails a config update must respect (the config validator's rules): what breaks
 * them, each as one line. `byProposal`: only a proposal may change the governance section.
 */
export function guardrailProblems(old: ConfigDatum, next: ConfigDatum, byProposal: boolean): string[] {
  const p: string[] = [];
  const r = old.governance.guardrails;
  const bounded = (o: bigint, n: bigint) => (n > o ? n - o : o - n) * 10_000n <= r.maxChangeBps * o;
  if (next.version !== old.version + 1n) p.push(`version must be ${old.version + 1n} (the current ${old.version} + 1)`);
  next.weightsBps.forEach((w, i) => {
    const o = old.weightsBps[i] ?? 0n;
    if ((w > o ? w - o : o - w) > r.weightStepBps) p.push(`weight ${i + 1} moves ${o} → ${w}, more than the weight step of ${r.weightStepBps} bps`);
  });
  next.levelCapsPack.forEach((c, i) => {
    const o = old.levelCapsPack[i] ?? 0n;
    if (!bounded(o, c)) p.push(`level ${i + 1} cap moves ${o} → ${c} Pack, more than ${r.maxChangeBps} bps of ${o}`);
  });
  if (!bounded(old.claimWindowMs, next.claimWindowMs)) p.push(`claimWindowMs moves ${old.claimWindowMs} → ${next.claimWindowMs}, more than ${r.maxChangeBps} bps`);
  const og = old.governance;
  const ng = next.governance;
  if (ng.govScript !== og.govScript || ng.treasuryScript !== og.treasuryScript || ng.genesisMs !== og.genesisMs) p.push("the governance and treasury scripts and the genesis time never change");
  if (Data.to(govToData({ ...ng, guardrails: og.guardrails })) !== Data.to(govToData(ng))) p.push("the guardrails never change");
  if (!byProposal && Data.to(govToData(ng)) !== Data.to(govToData(og))) p.push("only a proposal may change the governance section");
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
/** The config's `Apply`: a passed config-change proposal is executed in the same transaction. */
export const configApplyRedeemer = () => Data.to(new Constr(1, []));

/** V3 TxOutRef as Data: Constr 0 [B txid, I idx]. */
export const outRefToData = (txHash: string, outputIndex: number): Data =>
  new Constr(0, [txHash, BigInt(outputIndex)]);
