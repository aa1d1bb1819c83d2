// Why: a proposal ends in one of three ways — executed once it passed (after the timelock,
// within the execution window), vetoed by a quorum of the guardians during the timelock,
// or closed by anyone once it failed or its window passed — and its deposit goes back to
// the proposer (it reached quorum) or to the treasury. How: each builds the SDK's plan
// (offchain/tx/governance/{execute,end}.ts) from the chain's current epoch; execute of a
// grant picks treasury UTxOs holding enough Jet; veto collects the guardians' signatures
// as config-update does (--sign-with now, or --signers with --out to sign the file later).
import type { UTxO } from "@lucid-evolution/lucid";
import { type Command, UsageError } from "../command.js";
import { guarded, makeCtx, report, submitAll, txCommandFlags } from "../../net/cli.js";
import { buildOne, checkGuardianFlags, GUARDIAN_FLAGS, guardianSignatures, ID_TEXT, idFlag, jetText, kindJson, kindText, openGovWithKey, pick } from "./govshared.js";

const PROPOSAL_FLAG = { name: "proposal", type: "string" as const, value: "ID", required: true, description: `the proposal's ${ID_TEXT}` };

/** Treasury UTxOs holding at least `need` Jet: the largest first, as few as possible. */
export function selectTreasury(utxos: readonly UTxO[], jetUnit: string, need: bigint): UTxO[] {
  const sorted = [...utxos].filter((u) => (u.assets[jetUnit] ?? 0n) > 0n).sort((a, b) => ((b.assets[jetUnit] ?? 0n) > (a.assets[jetUnit] ?? 0n) ? 1 : -1));
  const out: UTxO[] = [];
  let have = 0n;
  for (const u of sorted) {
    if (have >= need) break;
    out.push(u);
    have += u.assets[jetUnit] ?? 0n;
  }
  return have >= need ? out : [];
}

export const govExecuteCommand: Command = {
  name: "gov-execute",
  summary: "execute a passed proposal in its execution window (config change, grant, text)",
  description: `Executes --proposal once it passed (quorum and approval on the tally), from the first epoch after its
timelock until the end of its execution window. A config change writes the proposal's config (version + 1;
the config script checks the version and the guardrails again) and prints old → new values; a grant moves
its Jet from the treasury (the largest treasury UTxOs first, as few as hold enough) into a grant UTxO the
recipient takes milestone by milestone (grant withdraw); a text only ends the proposal. The deposit goes
back to the proposer. Anyone may execute.`,
  flags: txCommandFlags("signing key of whoever executes; pays the fee", [PROPOSAL_FLAG]),
  examples: ["gov-execute --key any.sk --proposal 9be1d2c4", "gov-execute --key any.sk --proposal 9be1d2c4 --dry-run --json"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const pid = idFlag(args, "proposal")!;
      const s = await openGovWithKey(ctx, ["governance", "config", "treasury"]);
      const { describeConfigChange, readProposals, readReceipts, readTreasury, proposalStatus } = await import("../../governance/readers.js");
      const { execute } = await import("../../tx/governance/execute.js");
      const { configFromData } = await import("../../codec/data.js");
      const pr = pick(await readProposals(s.chain.lucid, s.p), pid, "proposal");
      const d = pr.datum;
      const st = proposalStatus(d, s.epoch);
      if (st.phase !== "executable") {
        const pending = (await readReceipts(s.chain.lucid, s.p, pr.id)).length;
        const why = st.phase === "voting" || st.phase === "timelock" ? `it executes from epoch ${d.execStart} (after its timelock)` : st.phase === "expired" ? `its execution window ended at epoch ${d.execEnd}` : `it did not pass (${st.quorumReached ? "approval not reached" : "quorum not reached"}${pending ? `; ${pending} receipts were never tallied` : ""})`;
        throw new UsageError(`proposal ${pr.id} cannot execute now: ${why}; it is epoch ${s.epoch}`);
      }
      let lines: string[] = [];
      let facts: Record<string, unknown> = {};
      let treasury: UTxO[] | undefined;
      const k = d.kind;
      if (k.type === "config") {
        const next = configFromData(k.newConfig);
        if (k.replacesVersion !== s.config.datum.version) throw new UsageError(`proposal ${pr.id} replaces config version ${k.replacesVersion}; the config is at version ${s.config.datum.version} (stale: it can no longer execute, close it after its window)`);
        const diff = describeConfigChange(s.config.datum, next);
        lines = [`config version ${s.config.datum.version} → ${next.version}, changes (old → new):`, ...diff.map((c) => `  ${c.text}`)];
        facts = { changes: diff.map(({ field, before, after }) => ({ field, before, after })), versionBefore: s.config.datum.version.toString(), version: next.version.toString() };
      } else if (k.type === "grant") {
        const total = k.milestones.reduce((a, m) => a + m.amount, 0n);
        const t = await readTreasury(s.chain.lucid, s.p);
        treasury = selectTreasury(t.utxos, s.p.units.jet, total);
        if (treasury.length === 0) throw new UsageError(`the treasury holds ${jetText(t.jetPack)}; grant ${pr.id} needs ${jetText(total)} (donate with treasury donate)`);
        lines = [`grant ${pr.id}: ${jetText(total)} from the treasury to ${k.recipient}`, ...k.milestones.map((m, i) => `  milestone ${i + 1}: ${jetText(m.amount)} from epoch ${m.epoch}`), `treasury ${jetText(t.jetPack)} → ${jetText(t.jetPack - total)}`];
        facts = { grant: pr.id, totalPack: total.toString(), treasuryBeforePack: t.jetPack.toString(), treasuryAfterPack: (t.jetPack - total).toString() };
      } else lines = [`text ${k.hash} adopted`];
      const plan = execute({ protocol: s.p, proposal: pr.utxo, configUtxo: s.config.utxo, ...(treasury ? { treasury } : {}), nowMs: s.nowMs });
      const built = await buildOne(s, plan, `execute ${pr.id.slice(0, 12)}…: ${kindText(k)}`);
      const submitted = await submitAll(ctx, s.chain, [built], [s.key]);
      await report(ctx, [built], submitted, { proposal: pr.id, kind: kindJson(k), ...facts }, [`executed proposal ${pr.id}: ${kindText(k)}`, ...lines]);
    }),
};

export const govVetoCommand: Command = {
  name: "gov-veto",
  summary: "stop a proposal in its timelock by a quorum of the guardians (the config's governors)",
  description: `Vetoes --proposal during its timelock (the epochs after voting and before execution) and before the
config's sunset epoch, signed by a quorum of the config's governors: --sign-with their key files (and --key,
if a governor), or with --out the unsigned transaction for the governors named in --signers to sign with
tx-sign (then tx-submit). The proposal token is burned; the deposit goes back to the proposer if the
proposal reached quorum, else to the treasury.`,
  flags: txCommandFlags("payer's signing key (counts toward the quorum if a governor)", [PROPOSAL_FLAG, ...GUARDIAN_FLAGS]),
  examples: ["gov-veto --key govA.sk --sign-with govB.sk --proposal 9be1d2c4", "gov-veto --key govA.sk --signers <govB hash> --proposal 9be1d2c4 --out veto.tx.json"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const pid = idFlag(args, "proposal")!;
      checkGuardianFlags(args);
      const s = await openGovWithKey(ctx, ["governance"]);
      const { signWith, governing } = await guardianSignatures(ctx, s.config.datum, s.key, "a veto");
      const { readProposals } = await import("../../governance/readers.js");
      const { veto } = await import("../../tx/governance/end.js");
      const { quorumReached } = await import("../../tx/governance/common.js");
      const pr = pick(await readProposals(s.chain.lucid, s.p), pid, "proposal");
      const plan = veto({ protocol: s.p, proposal: pr.utxo, configUtxo: s.config.utxo, signers: governing, nowMs: s.nowMs });
      const built = await buildOne(s, plan, `veto ${pr.id.slice(0, 12)}…: ${kindText(pr.datum.kind)}`);
      const submitted = await submitAll(ctx, s.chain, [built], [s.key, ...signWith]);
      const to = quorumReached(pr.datum) ? "the proposer" : "the treasury";
      await report(ctx, [built], submitted, { proposal: pr.id, kind: kindJson(pr.datum.kind), signers: governing, depositTo: quorumReached(pr.datum) ? "proposer" : "treasury" }, [
        `vetoed proposal ${pr.id} (${kindText(pr.datum.kind)}) by ${governing.length} of ${s.config.datum.governors.length} governors (quorum ${s.config.datum.quorum}); its deposit goes to ${to}`,
      ]);
    }),
};

export const govCloseCommand: Command = {
  name: "gov-close",
  summary: "end a proposal that failed or whose execution window passed (anyone may)",
  description: `Closes --proposal from its execution window on, when it did not pass, or after the window when it was not
executed, so its deposit and ADA are not left locked: back to the proposer if it reached quorum, else to
the treasury.`,
  flags: txCommandFlags("signing key of whoever closes; pays the fee", [PROPOSAL_FLAG]),
  examples: ["gov-close --key any.sk --proposal 9be1d2c4"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const pid = idFlag(args, "proposal")!;
      const s = await openGovWithKey(ctx, ["governance"]);
      const { readProposals } = await import("../../governance/readers.js");
      const { close } = await import("../../tx/governance/end.js");
      const { quorumReached } = await import("../../tx/governance/common.js");
      const pr = pick(await readProposals(s.chain.lucid, s.p), pid, "proposal");
      const plan = close({ protocol: s.p, proposal: pr.utxo, configUtxo: s.config.utxo, nowMs: s.nowMs });
      const built = await buildOne(s, plan, `close ${pr.id.slice(0, 12)}…`);
      const submitted = await submitAll(ctx, s.chain, [built], [s.key]);
      const to = quorumReached(pr.datum) ? "proposer" : "treasury";
      await report(ctx, [built], submitted, { proposal: pr.id, kind: kindJson(pr.datum.kind), depositTo: to }, [`closed proposal ${pr.id} (${kindText(pr.datum.kind)}); its deposit goes to the ${to}`]);
    }),
};
