// Why: before voting, vetoing or executing, people need to see what a proposal does and
// where it stands: the change as old → new values, a grant's milestones, the votes tallied
// and the receipts still pending, the phase and what happens next. How: reads the
// proposals, receipts, config and treasury and prints them (read-only); the phase comes
// from proposalStatus (offchain/governance/readers.ts).
import { type Command } from "../command.js";
import { json as jsonText, table } from "../format.js";
import { DEPLOYMENT_FLAG, guarded, JSON_FLAG, makeCtx, NETWORK_FLAGS, QUIET_FLAG } from "../../net/cli.js";
import type { ProposalDatum } from "../../codec/governance.js";
import { ID_TEXT, idFlag, jetText, kindText, openGov, pick, powerText, proposalJson, statusJson } from "./govshared.js";

const READ_FLAGS = [JSON_FLAG, QUIET_FLAG, DEPLOYMENT_FLAG, ...NETWORK_FLAGS];

/** yes/no power of receipts not yet tallied. */
function pendingOf(receipts: readonly { datum: { yes: boolean; power: bigint } }[]) {
  return {
    count: receipts.length,
    yes: receipts.filter((r) => r.datum.yes).reduce((a, r) => a + r.datum.power, 0n),
    no: receipts.filter((r) => !r.datum.yes).reduce((a, r) => a + r.datum.power, 0n),
  };
}

export const govListCommand: Command = {
  name: "gov-list",
  summary: "list open proposals: kind, phase, yes/no, quorum reached, passed",
  description: `Lists every open proposal (authenticated by its token): id, kind, phase (voting, timelock, executable,
failed, expired), yes and no power tallied (Jet × epochs), receipts not yet tallied, whether it reached
quorum and passed on the tally so far. Read-only.`,
  flags: READ_FLAGS,
  examples: ["gov-list", "gov-list --json"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const s = await openGov(ctx, []);
      const { proposalStatus, readProposals, readReceipts } = await import("../../governance/readers.js");
      const [proposals, receipts] = await Promise.all([readProposals(s.chain.lucid, s.p), readReceipts(s.chain.lucid, s.p)]);
      const rows = proposals.map((pr) => ({ pr, st: proposalStatus(pr.datum, s.epoch), pending: pendingOf(receipts.filter((r) => r.datum.proposal === pr.id)) }));
      if (ctx.json) {
        io.out(jsonText({ epoch: s.epoch.toString(), proposals: rows.map(({ pr, st, pending }) => ({ ...proposalJson(pr), status: statusJson(st), pendingReceipts: pending.count, pendingYes: pending.yes.toString(), pendingNo: pending.no.toString() })) }));
        return;
      }
      const head = `epoch ${s.epoch}: ${rows.length} open proposal${rows.length === 1 ? "" : "s"}`;
      if (rows.length === 0) {
        io.out(head + "\n");
        return;
      }
      const t = table(
        ["proposal", "kind", "phase", "yes (Jet×epochs)", "no (Jet×epochs)", "untallied", "quorum", "passed"],
        rows.map(({ pr, st, pending }) => [
          pr.id,
          pr.datum.kind.type,
          st.phase,
          jetText(pr.datum.yes).replace(" Jet", ""),
          jetText(pr.datum.no).replace(" Jet", ""),
          String(pending.count),
          st.quorumReached ? "yes" : "no",
          st.passed ? "yes" : "no",
        ]),
        ["left", "left", "left", "right", "right", "right", "left", "left"],
      );
      io.out(`${head}\n${t}`);
    }),
};

export const govShowCommand: Command = {
  name: "gov-show",
  summary: "show one proposal: what it changes (old → new), milestones, votes, phase and what happens next",
  description: `Shows --proposal: its kind — a config change as the old → new value of every field it changes (against
the current config; a proposal for an older config version is stale), a grant's recipient and milestones
(and whether the treasury holds enough), a text's hash —, the votes tallied and the receipts still to
tally, quorum and approval, the phase (voting, timelock, executable, failed, expired) and what happens next.
Read-only.`,
  flags: [{ name: "proposal", type: "string", value: "ID", required: true, description: `the proposal's ${ID_TEXT}` }, ...READ_FLAGS],
  examples: ["gov-show --proposal 9be1d2c4", "gov-show --proposal 9be1d2c4 --json"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const pid = idFlag(args, "proposal")!;
      const s = await openGov(ctx, []);
      const { describeConfigChange, proposalStatus, readProposals, readReceipts, readTreasury } = await import("../../governance/readers.js");
      const { passed, quorumReached } = await import("../../tx/governance/common.js");
      const { configFromData } = await import("../../codec/data.js");
      const { addressFromData } = await import("../../tx/governance/address.js");
      const pr = pick(await readProposals(s.chain.lucid, s.p), pid, "proposal");
      const d: ProposalDatum = pr.datum;
      const st = proposalStatus(d, s.epoch);
      const pending = pendingOf(await readReceipts(s.chain.lucid, s.p, pr.id));
      const projected = { ...d, yes: d.yes + pending.yes, no: d.no + pending.no };
      const quorumNeeded = (d.quorumBps * d.maxPower + 9_999n) / 10_000n;
      let returnTo: string;
      try {
        returnTo = addressFromData(d.returnTo, s.p.params.network);
      } catch {
        returnTo = "(an address this tool cannot print)";
      }
      const lines: string[] = [`proposal ${pr.id}: ${kindText(d.kind)}`];
      const extra: Record<string, unknown> = {};
      const k = d.kind;
      if (k.type === "config") {
        const cur = s.config.datum;
        const next = configFromData(k.newConfig);
        const diff = describeConfigChange(cur, next);
        const stale = k.replacesVersion !== cur.version;
        lines.push(stale ? `STALE: it replaces config version ${k.replacesVersion}, the config is at version ${cur.version}; it can no longer execute. Against the current config:` : `changes (old → new), config version ${cur.version} → ${next.version}:`);
        lines.push(...(diff.length ? diff.map((c) => `  ${c.text}`) : ["  (no field differs from the current config)"]));
        Object.assign(extra, { stale, configVersion: cur.version.toString(), changes: diff.map(({ field, before, after }) => ({ field, before, after })) });
      } else if (k.type === "grant") {
        const total = k.milestones.reduce((a, m) => a + m.amount, 0n);
        const t = await readTreasury(s.chain.lucid, s.p);
        lines.push(`recipient ${k.recipient}, ${jetText(total)} in all:`, ...k.milestones.map((m, i) => `  milestone ${i + 1}: ${jetText(m.amount)} from epoch ${m.epoch}`));
        lines.push(`the treasury holds ${jetText(t.jetPack)}${t.jetPack < total ? ` — NOT enough to execute it (${jetText(total)} needed)` : ""}`);
        Object.assign(extra, { treasuryPack: t.jetPack.toString(), totalPack: total.toString() });
      } else lines.push(`document hash (blake2b-256) ${k.hash}`);
      lines.push(
        `votes tallied: yes ${powerText(d.yes)}, no ${powerText(d.no)}; quorum ${d.quorumBps} bps of the maximum power ${powerText(d.maxPower)} = ${powerText(quorumNeeded)} cast, approval ${d.approvalBps} bps of the votes cast`,
        pending.count > 0
          ? `receipts not yet tallied: ${pending.count} (yes ${powerText(pending.yes)}, no ${powerText(pending.no)}); once tallied: ${passed(projected) ? "it passes" : quorumReached(projected) ? "quorum reached, approval not" : "quorum not reached"}`
          : "receipts not yet tallied: none",
        `quorum reached: ${st.quorumReached ? "yes" : "no"}; passed: ${st.passed ? "yes" : "no"} (on the tally so far)`,
        `epochs: voting ${st.voting.from}..${st.voting.to}, timelock (tally, veto) ${st.timelock.from}..${st.timelock.to}, execution ${st.execution.from}..${st.execution.to}`,
        `deposit ${Number(d.deposit) / 1e6} ADA, back to ${returnTo} if it reaches quorum (else to the treasury)`,
        `epoch ${s.epoch}: ${st.phase} — ${st.next}`,
      );
      if (ctx.json) {
        io.out(
          jsonText({
            ...proposalJson(pr),
            returnTo,
            status: statusJson(st),
            pendingReceipts: pending.count,
            pendingYes: pending.yes.toString(),
            pendingNo: pending.no.toString(),
            passesOnceTallied: passed(projected),
            ...extra,
          }),
        );
        return;
      }
      io.out(lines.join("\n") + "\n");
    }),
};
