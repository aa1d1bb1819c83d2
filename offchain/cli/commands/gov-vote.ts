// Why: commitments vote on a proposal while its voting is open, each vote leaving a receipt
// (the proposal is only read, so votes never contend); in the timelock anyone counts the
// receipts into the proposal. How: gov-vote builds one vote per commitment (by default
// every commitment of the key that can vote), chained so all are evaluated before the
// first is submitted; gov-tally spreads the receipts over as few chained transactions as fit
// (at most TALLY_BATCH each), each spending the proposal the previous one wrote.
import { type Command, UsageError } from "../command.js";
import { guarded, makeCtx, report, submitAll, txCommandFlags } from "../../net/cli.js";
import { ID_TEXT, idFlag, openGovWithKey, pick, powerText } from "./govshared.js";

export const govVoteCommand: Command = {
  name: "gov-vote",
  summary: "vote yes or no on a proposal with your veJet commitments (one transaction each)",
  description: `Votes --yes or --no on --proposal with the commitment --commitment, or by default with every commitment of
--key that can vote on it: created or last changed before the proposal's snapshot epoch, locked at least
until the proposal can execute, not yet voted on it. Power is the commitment's at the snapshot. One
transaction per commitment, all built and evaluated before the first is submitted. Voting is open in the
proposal's voting epochs only.`,
  flags: txCommandFlags("holder's signing key: owns the commitments, pays the fees and the receipts' ADA", [
    { name: "proposal", type: "string", value: "ID", required: true, description: `the proposal's ${ID_TEXT}` },
    { name: "yes", type: "boolean", description: "vote for" },
    { name: "no", type: "boolean", description: "vote against" },
    { name: "commitment", type: "string", value: "ID", description: `vote with this commitment only, ${ID_TEXT}` },
  ]),
  examples: ["gov-vote --key holder.sk --proposal 9be1d2c4 --yes", "gov-vote --key holder.sk --proposal 9be1d2c4 --no --commitment 3f2a9c10 --dry-run"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const pid = idFlag(args, "proposal")!;
      const cid = idFlag(args, "commitment", false);
      if (args.boolean("yes") === args.boolean("no")) throw new UsageError("give exactly one of --yes and --no");
      const yes = args.boolean("yes");
      const s = await openGovWithKey(ctx, ["governance"]);
      const { readCommitments, readProposals } = await import("../../governance/readers.js");
      const { vote } = await import("../../tx/governance/vote.js");
      const { buildChain } = await import("../../net/tx.js");
      const [proposals, all] = await Promise.all([readProposals(s.chain.lucid, s.p), readCommitments(s.chain.lucid, s.p)]);
      const pr = pick(proposals, pid, "proposal");
      const d = pr.datum;
      if (s.epoch < d.snapshot || s.epoch > d.voteEnd) throw new UsageError(`proposal ${pr.id} takes votes in epochs ${d.snapshot}..${d.voteEnd}; it is epoch ${s.epoch}`);
      let chosen;
      if (cid !== undefined) {
        const c = pick(all, cid, "commitment");
        if (!("key" in c.datum.owner) || c.datum.owner.key !== s.key.pkh) throw new UsageError(`commitment ${c.id} is not owned by key ${s.key.file} (${s.key.pkh})`);
        chosen = [c];
      } else {
        const mine = all.filter((c) => "key" in c.datum.owner && c.datum.owner.key === s.key.pkh);
        if (mine.length === 0) throw new UsageError(`key ${s.key.file} (${s.key.pkh}) owns no commitment`);
        const why = (c: (typeof mine)[number]): string | null => {
          if (c.datum.votes.some((v) => v.proposal === pr.id)) return "already voted";
          if (c.datum.since >= d.snapshot) return `changed at epoch ${c.datum.since}, not before the snapshot epoch ${d.snapshot}`;
          if (c.datum.lockEnd < d.execStart) return `ends at epoch ${c.datum.lockEnd}, before the proposal can execute (epoch ${d.execStart})`;
          return null;
        };
        chosen = mine.filter((c) => why(c) === null);
        if (chosen.length === 0) throw new UsageError(`no commitment of key ${s.key.file} can vote on proposal ${pr.id}: ${mine.map((c) => `${c.id.slice(0, 12)}… ${why(c)}`).join("; ")}`);
      }
      const plans = chosen.map((c) => ({ c, plan: vote({ protocol: s.p, commitment: c.utxo, proposal: pr.utxo, yes, nowMs: s.nowMs }) }));
      ctx.say(`voting ${yes ? "yes" : "no"} on proposal ${pr.id.slice(0, 12)}… with ${plans.length} commitment${plans.length === 1 ? "" : "s"}`);
      const built = await buildChain({
        lucid: s.chain.lucid,
        protocol: s.p,
        plans: plans.map(({ c, plan }) => ({ plan, label: `vote ${yes ? "yes" : "no"} on ${pr.id.slice(0, 12)}… with commitment ${c.id.slice(0, 12)}…` })),
        walletAddress: s.wallet.address,
        walletUtxos: s.wallet.utxos,
      });
      const submitted = await submitAll(ctx, s.chain, built, [s.key]);
      const total = plans.reduce((a, x) => a + x.plan.power, 0n);
      await report(
        ctx,
        built,
        submitted,
        { proposal: pr.id, yes, votes: plans.map(({ c, plan }) => ({ commitment: c.id, power: plan.power.toString() })), power: total.toString() },
        [
          ...plans.map(({ c, plan }) => `commitment ${c.id}: ${yes ? "yes" : "no"} with power ${powerText(plan.power)}`),
          `${plans.length} vote${plans.length === 1 ? "" : "s"}, ${powerText(total)} ${yes ? "yes" : "no"}; counted when tallied in epochs ${d.voteEnd + 1n}..${d.execStart - 1n} (gov tally)`,
        ],
      );
    }),
};

export const govTallyCommand: Command = {
  name: "gov-tally",
  summary: "count a proposal's vote receipts into it (in its timelock; anyone may)",
  description: `Counts every receipt of --proposal into its yes and no during the timelock (the epochs after voting and
before execution), burning the receipts (their ADA goes to --key). The receipts are spread over as few
chained transactions as fit (at most --max-receipts each, default the SDK's TALLY_BATCH). Nothing to tally
is not an error.`,
  flags: txCommandFlags("signing key of whoever tallies; pays the fees, gets the receipts' ADA", [
    { name: "proposal", type: "string", value: "ID", required: true, description: `the proposal's ${ID_TEXT}` },
    { name: "max-receipts", type: "integer", value: "N", description: "at most N receipts per transaction (default TALLY_BATCH, 60)" },
  ]),
  examples: ["gov-tally --key any.sk --proposal 9be1d2c4", "gov-tally --key any.sk --proposal 9be1d2c4 --max-receipts 20 --dry-run"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const pid = idFlag(args, "proposal")!;
      const { TALLY_BATCH, tally } = await import("../../tx/governance/tally.js");
      const max = args.integer("max-receipts") ?? TALLY_BATCH;
      if (max < 1) throw new UsageError(`flag --max-receipts: must be ≥ 1, got ${max}`);
      const s = await openGovWithKey(ctx, ["governance"]);
      const { readProposals, readReceipts } = await import("../../governance/readers.js");
      const { govUnit, passed, quorumReached } = await import("../../tx/governance/common.js");
      const { buildBatched, buildPlan } = await import("../../net/tx.js");
      const pr = pick(await readProposals(s.chain.lucid, s.p), pid, "proposal");
      const d = pr.datum;
      if (s.epoch <= d.voteEnd || s.epoch >= d.execStart) throw new UsageError(`proposal ${pr.id} is tallied in epochs ${d.voteEnd + 1n}..${d.execStart - 1n} (its timelock); it is epoch ${s.epoch}`);
      const receipts = await readReceipts(s.chain.lucid, s.p, pr.id);
      if (receipts.length === 0) {
        const line = `nothing to tally: proposal ${pr.id} has no receipts left (yes ${powerText(d.yes)}, no ${powerText(d.no)}; ${passed(d) ? "it passes" : quorumReached(d) ? "approval not reached" : "quorum not reached"})`;
        io.out(ctx.json ? JSON.stringify({ proposal: pr.id, receipts: 0, yes: d.yes.toString(), no: d.no.toString(), transactions: [], nothingToTally: line }) + "\n" : line + "\n");
        return;
      }
      const addYes = receipts.filter((r) => r.datum.yes).reduce((a, r) => a + r.datum.power, 0n);
      const addNo = receipts.filter((r) => !r.datum.yes).reduce((a, r) => a + r.datum.power, 0n);
      let proposalUtxo = pr.utxo;
      let utxos = s.wallet.utxos;
      const unit = govUnit(s.p, "proposal", pr.id);
      const built = await buildBatched({
        items: receipts,
        maxPerTx: max,
        probe: max,
        what: "receipts",
        say: ctx.say,
        build: (batch, from) =>
          buildPlan({
            lucid: s.chain.lucid,
            protocol: s.p,
            plan: tally({ protocol: s.p, proposal: proposalUtxo, receipts: batch.map((r) => r.utxo), nowMs: s.nowMs }),
            label: `tally ${pr.id.slice(0, 12)}…: receipts ${from + 1}…${from + batch.length} of ${receipts.length}`,
            walletAddress: s.wallet.address,
            walletUtxos: utxos,
          }),
        accept: (b) => {
          utxos = b.walletAfter;
          const next = b.outputs.find((u) => (u.assets[unit] ?? 0n) === 1n);
          if (!next) throw new Error("tally transaction without the proposal output");
          proposalUtxo = next;
        },
      });
      const submitted = await submitAll(ctx, s.chain, built, [s.key]);
      const after = { ...d, yes: d.yes + addYes, no: d.no + addNo };
      const verdict = passed(after) ? "it passes" : quorumReached(after) ? "quorum reached, approval not" : "quorum not reached";
      await report(
        ctx,
        built,
        submitted,
        { proposal: pr.id, receipts: receipts.length, yesBefore: d.yes.toString(), noBefore: d.no.toString(), yes: after.yes.toString(), no: after.no.toString(), quorumReached: quorumReached(after), passed: passed(after) },
        [`tallied ${receipts.length} receipt${receipts.length === 1 ? "" : "s"} of proposal ${pr.id}: yes ${powerText(after.yes)}, no ${powerText(after.no)}; ${verdict} (executable from epoch ${d.execStart})`],
      );
    }),
};
