// Why: the governance commands (ve-*, gov-*, treasury-*, grant-*) read the same things —
// Jet amounts, ids, the governance UTxOs, the guardians' signatures — and must reject bad
// input the same way (one line, exit 2, before anything is built).
// How: flag parsers, an id lookup that names what exists, the guardian quorum check shared
// with config-update's conventions (--sign-with key files now, --signers with --out for
// detached signing), connecting to the chain with the reference scripts a command needs,
// and the text/JSON views of proposals, commitments and grants.
import type { UTxO } from "@lucid-evolution/lucid";
import { type FlagSpec, type ParsedArgs, UsageError } from "../command.js";
import { jet } from "../format.js";
import { PACK_PER_JET } from "../../economics/emission.js";
import { connectChain, loadKeyList, openDeployment, requireKey, walletOf, type Ctx, type OpenDeployment } from "../../net/cli.js";
import type { Chain } from "../../net/chain.js";
import type { SigningKey } from "../../net/keys.js";
import type { ConfigDatum } from "../../codec/data.js";
import type { CommitmentDatum, GrantDatum, ProposalDatum, ProposalKind } from "../../codec/governance.js";
import type { GovRead, ProposalStatus } from "../../governance/readers.js";
import type { Protocol, ScriptName } from "../../protocol.js";

/** "1,000.5 Jet" */
export const jetText = (pack: bigint): string => `${jet(pack)} Jet`;
/** Voting power: Pack × epochs, printed as Jet × epochs. */
export const powerText = (power: bigint): string => `${jet(power)} Jet×epochs`;

/** `--<flag> JET`: a decimal Jet amount (up to 6 decimals) → Pack. */
export function jetFlag(args: ParsedArgs, flag: string, opts: { required?: boolean; positive?: boolean } = {}): bigint | undefined {
  const raw = args.string(flag);
  if (raw === undefined) {
    if (opts.required) throw new UsageError(`missing required flag --${flag}`);
    return undefined;
  }
  const pack = parseJet(raw, `flag --${flag}`);
  if ((opts.positive ?? true) && pack === 0n) throw new UsageError(`flag --${flag}: must be more than 0 Jet`);
  return pack;
}

/** "12.5" (Jet) → 12500000 Pack; at most 6 decimals; never negative. */
export function parseJet(raw: string, where: string): bigint {
  const s = raw.trim();
  if (s.startsWith("-")) throw new UsageError(`${where}: must not be negative, got ${JSON.stringify(s.slice(0, 40))}`);
  const m = /^(\d+)(?:\.(\d{1,6}))?$/.exec(s);
  if (!m) throw new UsageError(`${where}: expected an amount of Jet (up to 6 decimals), got ${JSON.stringify(s.slice(0, 40))}`);
  return BigInt(m[1]!) * PACK_PER_JET + BigInt((m[2] ?? "").padEnd(6, "0") || "0");
}

/** `--<flag> ID`: 56 hex digits, or a prefix of at least 8. */
export function idFlag(args: ParsedArgs, flag: string, required = true): string | undefined {
  const raw = args.string(flag);
  if (raw === undefined) {
    if (required) throw new UsageError(`missing required flag --${flag}`);
    return undefined;
  }
  const v = raw.trim().toLowerCase();
  if (!/^[0-9a-f]{8,56}$/.test(v)) throw new UsageError(`flag --${flag}: expected an id (56 hex digits, or a unique prefix of at least 8), got ${JSON.stringify(raw.slice(0, 80))}`);
  return v;
}

export const ID_TEXT = "id (56 hex digits, or a unique prefix of at least 8)";

/** The item whose id is `id` (or starts with it, if only one does); else a one-line UsageError. */
export function pick<T extends { id: string }>(items: readonly T[], id: string, what: string): T {
  const exact = items.find((x) => x.id === id);
  if (exact) return exact;
  const hits = items.filter((x) => x.id.startsWith(id));
  if (hits.length === 1) return hits[0]!;
  if (hits.length > 1) throw new UsageError(`${what} id ${id} is ambiguous: ${hits.length} ${what}s start with it`);
  const known = items.length === 0 ? `there is no open ${what}` : `${items.length} ${what}${items.length === 1 ? "" : "s"} on chain: ${items.slice(0, 4).map((x) => x.id.slice(0, 12)).join(", ")}${items.length > 4 ? ", …" : ""}`;
  throw new UsageError(`no ${what} ${id} on chain (${known})`);
}

/** A key hash from a key hash or an address (`--owner`, `--grant-to`, `--signers`). */
export async function keyHashOf(value: string, what: string): Promise<string> {
  const { keyHashFrom } = await import("../../net/keys.js");
  return keyHashFrom(value, what);
}

// ---------------------------------------------------------------------------------------
// Guardians (the config's governors): veto, grant pause

export const GUARDIAN_FLAGS: readonly FlagSpec[] = [
  { name: "sign-with", type: "string", value: "FILES", description: "comma-separated governors' key files that sign now (with --key, if a governor, they make the quorum)" },
  { name: "signers", type: "string", value: "LIST", description: "with --out: governors (key hashes or addresses) who will sign the written file (tx-sign)" },
];

/** What can be checked about the guardian flags before connecting. */
export function checkGuardianFlags(args: ParsedArgs): void {
  if (args.has("signers") && !args.has("out")) throw new UsageError("--signers needs --out (they sign the written transaction later); use --sign-with KEYFILES to sign now");
}

/**
 * The governors who sign: --sign-with key files (sign now), --signers (sign the --out file
 * later) and the payer if a governor. Each must be a governor; together they must reach
 * the config's quorum.
 */
export async function guardianSignatures(ctx: Ctx, cfg: ConfigDatum, key: SigningKey, what: string): Promise<{ signWith: SigningKey[]; governing: string[] }> {
  const signWith = await loadKeyList(ctx, "sign-with");
  const raw = ctx.args.string("signers");
  const later: string[] = [];
  if (raw !== undefined) {
    if (!ctx.args.has("out")) throw new UsageError("--signers needs --out (they sign the written transaction later); use --sign-with KEYFILES to sign now");
    for (const [i, s] of raw.split(",").map((x) => x.trim()).filter(Boolean).entries()) later.push(await keyHashOf(s, `--signers[${i}]`));
  }
  for (const k of signWith) if (!cfg.governors.includes(k.pkh)) throw new UsageError(`key ${k.file} (key hash ${k.pkh}) is not a governor in the config`);
  for (const g of later) if (!cfg.governors.includes(g)) throw new UsageError(`--signers: ${g} is not a governor in the config`);
  const governing = [...new Set([...signWith.map((k) => k.pkh), ...later, ...(cfg.governors.includes(key.pkh) ? [key.pkh] : [])])];
  if (BigInt(governing.length) < cfg.quorum)
    throw new UsageError(`${what} needs ${cfg.quorum} governor signatures; ${governing.length} given (${governing.join(", ") || "none"}): add --sign-with KEYFILES (or --signers with --out)`);
  return { signWith, governing };
}

// ---------------------------------------------------------------------------------------
// Connecting

export interface GovSession {
  opened: OpenDeployment;
  chain: Chain;
  /** The protocol with the reference scripts the command needs attached. */
  p: Protocol;
  config: { utxo: UTxO; datum: ConfigDatum };
  nowMs: number;
  epoch: bigint;
}

/** Opens the deployment, connects, attaches `scripts`, reads the config and the chain time. */
export async function openGov(ctx: Ctx, scripts: readonly ScriptName[]): Promise<GovSession> {
  const opened = await openDeployment(ctx);
  const chain = await connectChain(ctx, opened.cfg, opened);
  const { attachReferenceScripts } = await import("../../net/deployment.js");
  const { readConfig } = await import("../../readers.js");
  const { epochOf } = await import("../../governance/clock.js");
  const [p, config, nowMs] = await Promise.all([
    scripts.length > 0 ? attachReferenceScripts(chain.lucid, opened.protocol, opened.deployment, scripts) : Promise.resolve(opened.protocol),
    readConfig(chain.lucid, opened.protocol),
    chain.now(),
  ]);
  return { opened, chain, p, config, nowMs, epoch: epochOf(nowMs, opened.protocol.params.genesisTimeMs) };
}

/** openGov plus the --key wallet (loaded before connecting, so a bad key costs no connection). */
export async function openGovWithKey(ctx: Ctx, scripts: readonly ScriptName[]): Promise<GovSession & { key: SigningKey; wallet: { address: string; utxos: UTxO[] } }> {
  const key = await requireKey(ctx);
  const s = await openGov(ctx, scripts);
  const wallet = await walletOf(s.chain, key);
  return { ...s, key, wallet };
}

/** Builds one plan paid by the session's wallet. */
export async function buildOne(s: GovSession & { wallet: { address: string; utxos: UTxO[] } }, plan: import("../../tx/plan.js").TxPlan, label: string) {
  const { buildPlan } = await import("../../net/tx.js");
  return buildPlan({ lucid: s.chain.lucid, protocol: s.p, plan, label, walletAddress: s.wallet.address, walletUtxos: s.wallet.utxos });
}

/** Jet in a list of UTxOs. */
export const jetIn = (p: Protocol, utxos: readonly UTxO[]): bigint => utxos.reduce((a, u) => a + (u.assets[p.units.jet] ?? 0n), 0n);

/** A wallet UTxO to spend as a seed (a new commitment's or proposal's id): ADA-only first. */
export function seedOf(utxos: readonly UTxO[]): UTxO {
  const sorted = [...utxos].sort((a, b) => Object.keys(a.assets).length - Object.keys(b.assets).length || (a.txHash + a.outputIndex < b.txHash + b.outputIndex ? -1 : 1));
  if (!sorted[0]) throw new UsageError("the wallet holds no UTxOs");
  return sorted[0];
}

// ---------------------------------------------------------------------------------------
// Views

export function kindText(k: ProposalKind): string {
  if (k.type === "config") return `config change (replaces version ${k.replacesVersion})`;
  if (k.type === "grant") return `grant of ${jetText(k.milestones.reduce((a, m) => a + m.amount, 0n))} to ${k.recipient} in ${k.milestones.length} milestone${k.milestones.length === 1 ? "" : "s"}`;
  return `text ${k.hash}`;
}

export function kindJson(k: ProposalKind) {
  if (k.type === "config") return { type: "config", replacesVersion: k.replacesVersion.toString() };
  if (k.type === "grant") return { type: "grant", recipient: k.recipient, milestones: k.milestones.map((m) => ({ epoch: m.epoch.toString(), amountPack: m.amount.toString() })) };
  return { type: "text", hash: k.hash };
}

export function statusJson(s: ProposalStatus) {
  const r = (x: { from: bigint; to: bigint }) => ({ from: x.from.toString(), to: x.to.toString() });
  return { epoch: s.epoch.toString(), phase: s.phase, quorumReached: s.quorumReached, passed: s.passed, voting: r(s.voting), timelock: r(s.timelock), execution: r(s.execution), depositTo: s.depositTo, actions: s.actions, next: s.next };
}

export function proposalJson(pr: GovRead<ProposalDatum>) {
  const d = pr.datum;
  return {
    id: pr.id,
    utxo: `${pr.utxo.txHash}#${pr.utxo.outputIndex}`,
    kind: kindJson(d.kind),
    depositLovelace: d.deposit.toString(),
    snapshot: d.snapshot.toString(),
    voteEnd: d.voteEnd.toString(),
    execStart: d.execStart.toString(),
    execEnd: d.execEnd.toString(),
    maxPower: d.maxPower.toString(),
    quorumBps: d.quorumBps.toString(),
    approvalBps: d.approvalBps.toString(),
    yes: d.yes.toString(),
    no: d.no.toString(),
  };
}

export function commitmentJson(c: GovRead<CommitmentDatum>, power: bigint, epoch: bigint) {
  const d = c.datum;
  return {
    id: c.id,
    utxo: `${c.utxo.txHash}#${c.utxo.outputIndex}`,
    owner: "key" in d.owner ? { key: d.owner.key } : { script: d.owner.script },
    amountPack: d.amount.toString(),
    lockEnd: d.lockEnd.toString(),
    since: d.since.toString(),
    powerNow: power.toString(),
    withdrawable: epoch >= d.lockEnd,
    votes: d.votes.map((v) => ({ proposal: v.proposal, voteEnd: v.voteEnd.toString(), open: v.voteEnd >= epoch })),
  };
}

export function grantJson(g: GovRead<GrantDatum>, p: Protocol) {
  const d = g.datum;
  return {
    id: g.id,
    utxo: `${g.utxo.txHash}#${g.utxo.outputIndex}`,
    recipient: d.recipient,
    milestones: d.milestones.map((m) => ({ epoch: m.epoch.toString(), amountPack: m.amount.toString() })),
    paused: d.paused,
    disputeEnd: d.disputeEnd.toString(),
    end: d.end.toString(),
    jetPack: (g.utxo.assets[p.units.jet] ?? 0n).toString(),
  };
}

export function grantText(g: GovRead<GrantDatum>, epoch: bigint): string[] {
  const d = g.datum;
  const left = d.milestones.reduce((a, m) => a + m.amount, 0n);
  return [
    `grant ${g.id}${d.paused ? " (PAUSED by the guardians)" : ""}: ${jetText(left)} left for ${d.recipient}`,
    ...d.milestones.map((m, i) => `  milestone ${i + 1}: ${jetText(m.amount)} from epoch ${m.epoch}${i === 0 ? (epoch >= m.epoch ? " — due now (grant withdraw)" : ` — due in ${m.epoch - epoch} epoch${m.epoch - epoch === 1n ? "" : "s"}`) : ""}`),
    `  the guardians may pause it until epoch ${d.disputeEnd}; it ends at epoch ${d.end} (then anyone returns what is left to the treasury: grant return)`,
  ];
}
