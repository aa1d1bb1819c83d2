/**
 * Readers of the governance layer: the authenticated UTxOs at the governance address
 * (commitments, proposals, vote receipts, grants), the treasury, and two pure helpers the
 * CLI and SDK users share — where a proposal stands (`proposalStatus`) and what a config
 * change does, field by field (`describeConfigChange`).
 *
 * Why: anyone can send a datum copy to the governance address; only a UTxO holding its
 * kind's governance token is what it claims to be (`authenticate`, the validator's own
 * first rule), so everything here reads through it and skips the rest.
 */
import { GOV_NUMERIC_FIELDS } from "./settings.js";
import type { LucidEvolution, UTxO } from "@lucid-evolution/lucid";
import type { ConfigDatum, GovParams } from "../codec/data.js";
import type { CommitmentDatum, GrantDatum, ProposalDatum, ReceiptDatum } from "../codec/governance.js";
import { configChanges, type ConfigChange, type ConfigFieldJson } from "../net/configdiff.js";
import type { Protocol } from "../protocol.js";
import { authenticate, passed, quorumReached, type Authenticated } from "../tx/governance/common.js";

export interface GovRead<D> {
  id: string;
  utxo: UTxO;
  datum: D;
}

/** Every authenticated governance UTxO (commitments, proposals, receipts, grants). */
export async function readGovernance(lucid: LucidEvolution, p: Protocol): Promise<Authenticated[]> {
  const utxos = await lucid.utxosAt(p.governance.address);
  return utxos.map((u) => authenticate(p, u)).filter((a): a is Authenticated => a !== null);
}

interface DatumOf {
  commitment: CommitmentDatum;
  proposal: ProposalDatum;
  receipt: ReceiptDatum;
  grant: GrantDatum;
}

function ofKind<K extends keyof DatumOf>(all: readonly Authenticated[], kind: K): GovRead<DatumOf[K]>[] {
  return all.filter((a) => a.kind === kind).map((a) => ({ id: a.id, utxo: a.utxo, datum: a.datum as DatumOf[K] }));
}

/** Commitments (optionally only those owned by key hash `ownerKeyHash`). */
export async function readCommitments(lucid: LucidEvolution, p: Protocol, ownerKeyHash?: string): Promise<GovRead<CommitmentDatum>[]> {
  const all = ofKind(await readGovernance(lucid, p), "commitment");
  return ownerKeyHash === undefined ? all : all.filter((c) => "key" in c.datum.owner && c.datum.owner.key === ownerKeyHash);
}

/** Open proposals, oldest snapshot first. */
export async function readProposals(lucid: LucidEvolution, p: Protocol): Promise<GovRead<ProposalDatum>[]> {
  return ofKind(await readGovernance(lucid, p), "proposal").sort((a, b) => Number(a.datum.snapshot - b.datum.snapshot) || (a.id < b.id ? -1 : 1));
}

/** Vote receipts not tallied yet (optionally of one proposal). A receipt's id is its proposal's. */
export async function readReceipts(lucid: LucidEvolution, p: Protocol, proposalId?: string): Promise<GovRead<ReceiptDatum>[]> {
  const all = ofKind(await readGovernance(lucid, p), "receipt");
  return proposalId === undefined ? all : all.filter((r) => r.datum.proposal === proposalId);
}

/** Running grants (a grant's id is the id of the proposal that made it). */
export async function readGrants(lucid: LucidEvolution, p: Protocol): Promise<GovRead<GrantDatum>[]> {
  return ofKind(await readGovernance(lucid, p), "grant");
}

export interface TreasuryRead {
  utxos: UTxO[];
  jetPack: bigint;
  lovelace: bigint;
}

/** Everything at the treasury address (donations need no datum or token: all of it counts). */
export async function readTreasury(lucid: LucidEvolution, p: Protocol): Promise<TreasuryRead> {
  const utxos = await lucid.utxosAt(p.treasury.address);
  return {
    utxos,
    jetPack: utxos.reduce((s, u) => s + (u.assets[p.units.jet] ?? 0n), 0n),
    lovelace: utxos.reduce((s, u) => s + (u.assets.lovelace ?? 0n), 0n),
  };
}

// ---------------------------------------------------------------------------------------
// Where a proposal stands

/**
 * - voting: epochs snapshot..voteEnd, commitments vote;
 * - timelock: voteEnd+1..execStart−1, anyone tallies the receipts, the guardians may veto;
 * - executable: execStart..execEnd and it passed (quorum and approval);
 * - failed: execStart..execEnd and it did not pass (anyone closes it);
 * - expired: after execEnd (anyone closes it; a passed one can no longer execute).
 */
export type ProposalPhase = "voting" | "timelock" | "executable" | "failed" | "expired";

export interface ProposalStatus {
  epoch: bigint;
  phase: ProposalPhase;
  /** On the tally so far (receipts not yet tallied are not counted). */
  quorumReached: boolean;
  passed: boolean;
  voting: { from: bigint; to: bigint };
  timelock: { from: bigint; to: bigint };
  execution: { from: bigint; to: bigint };
  /** Where the deposit goes when the proposal ends now: "proposer" (it reached quorum) or "treasury". */
  depositTo: "proposer" | "treasury";
  /** The `jetpack` commands that apply now. */
  actions: string[];
  /** One sentence: what happens next. */
  next: string;
}

export function proposalStatus(d: ProposalDatum, epoch: bigint): ProposalStatus {
  const voting = { from: d.snapshot, to: d.voteEnd };
  const timelock = { from: d.voteEnd + 1n, to: d.execStart - 1n };
  const execution = { from: d.execStart, to: d.execEnd };
  const q = quorumReached(d);
  const ok = passed(d);
  const depositTo = q ? "proposer" : "treasury";
  const base = { epoch, quorumReached: q, passed: ok, voting, timelock, execution, depositTo } as const;
  if (epoch <= d.voteEnd)
    return {
      ...base,
      phase: "voting",
      actions: ["gov vote"],
      next: `commitments vote until epoch ${d.voteEnd}; then the receipts are tallied (and the guardians may veto) in epochs ${timelock.from}..${timelock.to}; if it passes it executes in epochs ${execution.from}..${execution.to}`,
    };
  if (epoch < d.execStart)
    return {
      ...base,
      phase: "timelock",
      actions: ["gov tally", "gov veto"],
      next: `anyone tallies the vote receipts and the guardians may veto until epoch ${timelock.to}; from epoch ${execution.from} it ${ok ? "can be executed (it passes on the tally so far)" : "can be executed only if the tally makes it pass, else closed"}`,
    };
  if (epoch <= d.execEnd) {
    if (ok) return { ...base, phase: "executable", actions: ["gov execute"], next: `it passed: anyone executes it until epoch ${d.execEnd} (gov execute); the deposit goes back to the proposer` };
    return {
      ...base,
      phase: "failed",
      actions: ["gov close"],
      next: `it did not pass (${q ? "approval not reached" : "quorum not reached"}): anyone closes it (gov close); the deposit goes to the ${depositTo}`,
    };
  }
  return {
    ...base,
    phase: "expired",
    actions: ["gov close"],
    next: `its execution window ended at epoch ${d.execEnd}${ok ? " without an execution" : ""}: anyone closes it (gov close); the deposit goes to the ${depositTo}`,
  };
}

// ---------------------------------------------------------------------------------------
// What a config change does

/** Governance settings a proposal may change (the rest of GovParams is fixed at genesis). */
export const GOV_SETTING_FIELDS = [...GOV_NUMERIC_FIELDS, "ownerScripts", "discountTiers"] as const satisfies readonly (keyof GovParams)[];

export interface ConfigChangeLine {
  /** A config field (`weightsBps`), or `governance.<setting>`. */
  field: string;
  before: ConfigFieldJson;
  after: ConfigFieldJson;
  /** `weightsBps: 5000/3000/2000 → 4000/4000/2000` */
  text: string;
}

function govValue(g: GovParams, f: (typeof GOV_SETTING_FIELDS)[number]): ConfigFieldJson {
  const v = g[f];
  if (f === "discountTiers") return g.discountTiers.map((t) => `${t.bps} bps from power ${t.minPower}`);
  return Array.isArray(v) ? v.map(String) : String(v);
}

function govText(f: string, v: ConfigFieldJson): string {
  if (Array.isArray(v)) return v.length === 0 ? "(none)" : v.join(", ");
  if (v === null) return "none";
  if (f === "depositLovelace") return `${v} lovelace (${Number(BigInt(v)) / 1e6} ADA)`;
  if (f.endsWith("Bps")) return `${v} bps (${Number(v) / 100} %)`;
  if (f === "proposalThreshold") return `${v} (Pack × epochs)`;
  if (f.endsWith("Epochs")) return `${v} epochs`;
  if (f === "sunsetEpoch") return `epoch ${v}`;
  return v;
}

/**
 * Every field a config change moves, old → new: the config's own fields (as
 * `config-update` prints them, offchain/net/configdiff.ts) and then the governance
 * settings. The version (always + 1) is not listed.
 */
export function describeConfigChange(before: ConfigDatum, after: ConfigDatum): ConfigChangeLine[] {
  const out: ConfigChangeLine[] = configChanges(before, after).map((c: ConfigChange) => ({ field: c.field, before: c.before, after: c.after, text: c.text }));
  for (const f of GOV_SETTING_FIELDS) {
    const b = govValue(before.governance, f);
    const a = govValue(after.governance, f);
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    out.push({ field: `governance.${f}`, before: b, after: a, text: `governance.${f}: ${govText(f, b)} → ${govText(f, a)}` });
  }
  return out;
}
