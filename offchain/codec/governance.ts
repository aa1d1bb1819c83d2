/**
 * Codecs of the governance script's datums and redeemers (lib/jetpack/types.ak: GovDatum,
 * GovSpend, GovMint). Decoders check every field like the protocol's other codecs: what
 * sits at the governance address is hostile until its token and datum both check out.
 */
import { Constr, Data } from "@lucid-evolution/lucid";
import { bytes, constr, DatumError, hash32, int, keyHash, list, outRefToData, parse } from "./data.js";

export type Owner = { key: string } | { script: string };

export interface VoteMark {
  proposal: string; // proposal id (28 bytes)
  voteEnd: bigint;
}

export interface CommitmentDatum {
  owner: Owner;
  amount: bigint; // Pack
  lockEnd: bigint; // epoch
  since: bigint; // epoch of the last change
  votes: VoteMark[];
}

export interface Milestone {
  epoch: bigint;
  amount: bigint; // Pack
}

export type ProposalKind =
  | { type: "config"; newConfig: Data; replacesVersion: bigint }
  | { type: "grant"; recipient: string; milestones: Milestone[] }
  | { type: "text"; hash: string };

export interface ProposalDatum {
  kind: ProposalKind;
  returnTo: Data; // an Address as Plutus Data
  deposit: bigint; // lovelace
  snapshot: bigint;
  voteEnd: bigint;
  execStart: bigint;
  execEnd: bigint;
  maxLock: bigint;
  maxPower: bigint;
  quorumBps: bigint;
  approvalBps: bigint;
  yes: bigint;
  no: bigint;
}

export interface ReceiptDatum {
  proposal: string;
  commitment: string;
  power: bigint;
  yes: boolean;
}

export interface GrantDatum {
  recipient: string;
  milestones: Milestone[];
  paused: boolean;
  disputeEnd: bigint;
  end: bigint;
}

export type GovDatum =
  | ({ type: "commitment" } & CommitmentDatum)
  | ({ type: "proposal" } & ProposalDatum)
  | ({ type: "receipt" } & ReceiptDatum)
  | ({ type: "grant" } & GrantDatum);

// ---------------------------------------------------------------------------------------
// Encoders

const bool = (b: boolean) => new Constr(b ? 1 : 0, []);
const ownerToData = (o: Owner) => ("key" in o ? new Constr(0, [o.key]) : new Constr(1, [o.script]));
const milestoneToData = (m: Milestone) => new Constr(0, [m.epoch, m.amount]);

export function kindToData(k: ProposalKind): Data {
  if (k.type === "config") return new Constr(0, [k.newConfig, k.replacesVersion]);
  if (k.type === "grant") return new Constr(1, [k.recipient, k.milestones.map(milestoneToData)]);
  return new Constr(2, [k.hash]);
}

export const encodeCommitment = (c: CommitmentDatum) =>
  Data.to(new Constr(0, [ownerToData(c.owner), c.amount, c.lockEnd, c.since, c.votes.map((v) => new Constr(0, [v.proposal, v.voteEnd]))]));

export const encodeProposal = (p: ProposalDatum) =>
  Data.to(
    new Constr(1, [kindToData(p.kind), p.returnTo, p.deposit, p.snapshot, p.voteEnd, p.execStart, p.execEnd, p.maxLock, p.maxPower, p.quorumBps, p.approvalBps, p.yes, p.no]),
  );

export const encodeReceipt = (r: ReceiptDatum) => Data.to(new Constr(2, [r.proposal, r.commitment, r.power, bool(r.yes)]));

export const encodeGrant = (g: GrantDatum) =>
  Data.to(new Constr(3, [g.recipient, g.milestones.map(milestoneToData), bool(g.paused), g.disputeEnd, g.end]));

// ---------------------------------------------------------------------------------------
// Decoders

function boolOf(d: unknown, what: string): boolean {
  if (d instanceof Constr && d.fields.length === 0 && (d.index === 0 || d.index === 1)) return d.index === 1;
  throw new DatumError(`${what}: expected a Bool`);
}

function ownerOf(d: unknown, what: string): Owner {
  if (d instanceof Constr && d.fields.length === 1) {
    if (d.index === 0) return { key: keyHash(d.fields[0], what) };
    if (d.index === 1) return { script: keyHash(d.fields[0], what) };
  }
  throw new DatumError(`${what}: expected a credential`);
}

const milestoneOf = (d: unknown, what: string): Milestone => {
  const f = constr(d, what, 0, 2);
  return { epoch: int(f[0], `${what}.epoch`), amount: int(f[1], `${what}.amount`) };
};

function kindOf(d: unknown, what: string): ProposalKind {
  if (!(d instanceof Constr)) throw new DatumError(`${what}: expected a constructor`);
  if (d.index === 0) {
    const f = constr(d, what, 0, 2);
    return { type: "config", newConfig: f[0]!, replacesVersion: int(f[1], `${what}.replacesVersion`) };
  }
  if (d.index === 1) {
    const f = constr(d, what, 1, 2);
    return { type: "grant", recipient: keyHash(f[0], `${what}.recipient`), milestones: list(f[1], `${what}.milestones`, milestoneOf) };
  }
  const f = constr(d, what, 2, 1);
  return { type: "text", hash: hash32(f[0], `${what}.hash`) };
}

/** Any governance datum, by its constructor. */
export function decodeGovDatum(cbor: string): GovDatum {
  const w = "governance datum";
  const d = parse(cbor, w);
  if (!(d instanceof Constr)) throw new DatumError(`${w}: expected a constructor`);
  switch (d.index) {
    case 0: {
      const f = constr(d, "commitment datum", 0, 5);
      return {
        type: "commitment",
        owner: ownerOf(f[0], "commitment datum.owner"),
        amount: int(f[1], "commitment datum.amount"),
        lockEnd: int(f[2], "commitment datum.lockEnd"),
        since: int(f[3], "commitment datum.since"),
        votes: list(f[4], "commitment datum.votes", (x, wv) => {
          const m = constr(x, wv, 0, 2);
          return { proposal: bytes(m[0], `${wv}.proposal`, 28), voteEnd: int(m[1], `${wv}.voteEnd`) };
        }),
      };
    }
    case 1: {
      const w1 = "proposal datum";
      const f = constr(d, w1, 1, 13);
      const n = (i: number, name: string) => int(f[i], `${w1}.${name}`);
      if (!(f[1] instanceof Constr)) throw new DatumError(`${w1}.returnTo: expected an address`);
      return {
        type: "proposal",
        kind: kindOf(f[0], `${w1}.kind`),
        returnTo: f[1]!,
        deposit: n(2, "deposit"),
        snapshot: n(3, "snapshot"),
        voteEnd: n(4, "voteEnd"),
        execStart: n(5, "execStart"),
        execEnd: n(6, "execEnd"),
        maxLock: n(7, "maxLock"),
        maxPower: n(8, "maxPower"),
        quorumBps: n(9, "quorumBps"),
        approvalBps: n(10, "approvalBps"),
        yes: n(11, "yes"),
        no: n(12, "no"),
      };
    }
    case 2: {
      const f = constr(d, "receipt datum", 2, 4);
      return {
        type: "receipt",
        proposal: bytes(f[0], "receipt datum.proposal", 28),
        commitment: bytes(f[1], "receipt datum.commitment", 28),
        power: int(f[2], "receipt datum.power"),
        yes: boolOf(f[3], "receipt datum.yes"),
      };
    }
    case 3: {
      const f = constr(d, "grant datum", 3, 5);
      return {
        type: "grant",
        recipient: keyHash(f[0], "grant datum.recipient"),
        milestones: list(f[1], "grant datum.milestones", milestoneOf),
        paused: boolOf(f[2], "grant datum.paused"),
        disputeEnd: int(f[3], "grant datum.disputeEnd"),
        end: int(f[4], "grant datum.end"),
      };
    }
    default:
      throw new DatumError(`${w}: unknown constructor ${d.index}`);
  }
}

// ---------------------------------------------------------------------------------------
// Redeemers (GovSpend, GovMint)

export const govSpend = {
  increase: () => Data.to(new Constr(0, [])),
  withdraw: () => Data.to(new Constr(1, [])),
  vote: (proposal: string, yes: boolean) => Data.to(new Constr(2, [proposal, bool(yes)])),
  tally: () => Data.to(new Constr(3, [])),
  tallied: () => Data.to(new Constr(4, [])),
  execute: () => Data.to(new Constr(5, [])),
  veto: () => Data.to(new Constr(6, [])),
  close: () => Data.to(new Constr(7, [])),
  payout: () => Data.to(new Constr(8, [])),
  pause: (paused: boolean) => Data.to(new Constr(9, [bool(paused)])),
  return: () => Data.to(new Constr(10, [])),
};

export const govMint = {
  commit: (seed: { txHash: string; outputIndex: number }) => Data.to(new Constr(0, [outRefToData(seed.txHash, seed.outputIndex)])),
  propose: (commitment: string, seed: { txHash: string; outputIndex: number }) => Data.to(new Constr(1, [commitment, outRefToData(seed.txHash, seed.outputIndex)])),
  spent: () => Data.to(new Constr(2, [])),
};

/** Token-name kinds: "c" commitment, "p" proposal, "v" receipt, "g" grant (hex byte). */
export const KIND = { commitment: "63", proposal: "70", receipt: "76", grant: "67" } as const;
