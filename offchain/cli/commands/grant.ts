// Why: an executed grant holds its Jet at the governance script; the recipient takes each
// milestone from its epoch on, the guardians may pause it within its dispute window, and
// after its end anyone returns what is left to the treasury. How: each command builds the
// SDK's payout, pause or returnGrant plan (offchain/tx/governance/grant.ts) from the
// chain's current epoch; the pause collects the guardians' signatures as gov-veto does.
import { type Command, UsageError } from "../command.js";
import { guarded, makeCtx, report, submitAll, txCommandFlags, type Ctx } from "../../net/cli.js";
import type { GovSession } from "./govshared.js";
import { buildOne, checkGuardianFlags, GUARDIAN_FLAGS, guardianSignatures, ID_TEXT, idFlag, jetText, openGovWithKey, pick } from "./govshared.js";

const GRANT_FLAG = { name: "grant", type: "string" as const, value: "ID", required: true, description: `the grant's ${ID_TEXT} (the id of the proposal that made it)` };

async function theGrant(ctx: Ctx, s: GovSession) {
  const id = idFlag(ctx.args, "grant")!;
  const { readGrants } = await import("../../governance/readers.js");
  return pick(await readGrants(s.chain.lucid, s.p), id, "grant");
}

export const grantWithdrawCommand: Command = {
  name: "grant-withdraw",
  summary: "the grant's recipient takes its next milestone (from the milestone's epoch on)",
  description: `Pays the next milestone of --grant to its recipient (--key must be the recipient) once the milestone's
epoch has come, unless the guardians paused the grant, and before the grant's end. The last milestone
closes the grant. Run it once per milestone.`,
  flags: txCommandFlags("recipient's signing key; pays the fee and receives the Jet", [GRANT_FLAG]),
  examples: ["grant-withdraw --key builder.sk --grant 9be1d2c4"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      idFlag(args, "grant");
      const s = await openGovWithKey(ctx, ["governance"]);
      const g = await theGrant(ctx, s);
      if (g.datum.recipient !== s.key.pkh) throw new UsageError(`grant ${g.id} pays ${g.datum.recipient}, not key ${s.key.file} (${s.key.pkh})`);
      const next = g.datum.milestones[0];
      if (next && g.datum.paused) throw new UsageError(`grant ${g.id} is paused by the guardians: no milestone is paid until they resume it`);
      if (next && s.epoch < next.epoch) throw new UsageError(`grant ${g.id}'s next milestone (${jetText(next.amount)}) is due at epoch ${next.epoch}; it is epoch ${s.epoch}`);
      const { payout } = await import("../../tx/governance/grant.js");
      const plan = payout({ protocol: s.p, grant: g.utxo, nowMs: s.nowMs });
      const rest = g.datum.milestones.slice(1);
      const built = await buildOne(s, plan, `grant ${g.id.slice(0, 12)}…: milestone of ${jetText(plan.amountPack)}`);
      const submitted = await submitAll(ctx, s.chain, [built], [s.key]);
      const left = rest.reduce((a, m) => a + m.amount, 0n);
      await report(
        ctx,
        [built],
        submitted,
        { grant: g.id, amountPack: plan.amountPack.toString(), milestonesLeft: rest.length, leftPack: left.toString(), nextEpoch: rest[0]?.epoch.toString() ?? null },
        [
          `grant ${g.id}: ${jetText(plan.amountPack)} paid to ${s.wallet.address}`,
          rest.length ? `${rest.length} milestone${rest.length === 1 ? "" : "s"} left (${jetText(left)}), the next from epoch ${rest[0]!.epoch}` : "that was the last milestone: the grant is closed",
        ],
      );
    }),
};

export const grantPauseCommand: Command = {
  name: "grant-pause",
  summary: "pause (or --resume) a grant by a quorum of the guardians, within its dispute window",
  description: `Pauses --grant (or resumes it with --resume) within its dispute window, signed by a quorum of the config's
governors: --sign-with their key files (and --key, if a governor), or with --out the unsigned transaction
for the governors named in --signers to sign with tx-sign. A paused grant pays no milestone.`,
  flags: txCommandFlags("payer's signing key (counts toward the quorum if a governor)", [GRANT_FLAG, { name: "resume", type: "boolean", description: "resume a paused grant instead" }, ...GUARDIAN_FLAGS]),
  examples: ["grant-pause --key govA.sk --sign-with govB.sk --grant 9be1d2c4", "grant-pause --key govA.sk --sign-with govB.sk --grant 9be1d2c4 --resume"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      idFlag(args, "grant");
      const paused = !args.boolean("resume");
      checkGuardianFlags(args);
      const s = await openGovWithKey(ctx, ["governance"]);
      const { signWith, governing } = await guardianSignatures(ctx, s.config.datum, s.key, paused ? "pausing a grant" : "resuming a grant");
      const g = await theGrant(ctx, s);
      if (g.datum.paused === paused) throw new UsageError(`grant ${g.id} is already ${paused ? "paused" : "running (not paused)"}`);
      const { pause } = await import("../../tx/governance/grant.js");
      const plan = pause({ protocol: s.p, grant: g.utxo, configUtxo: s.config.utxo, paused, signers: governing, nowMs: s.nowMs });
      const built = await buildOne(s, plan, `${paused ? "pause" : "resume"} grant ${g.id.slice(0, 12)}…`);
      const submitted = await submitAll(ctx, s.chain, [built], [s.key, ...signWith]);
      await report(ctx, [built], submitted, { grant: g.id, paused, signers: governing }, [
        `grant ${g.id} ${paused ? "paused" : "resumed"} by ${governing.length} of ${s.config.datum.governors.length} governors (dispute window until epoch ${g.datum.disputeEnd})`,
      ]);
    }),
};

export const grantReturnCommand: Command = {
  name: "grant-return",
  summary: "return what a grant's recipient did not take to the treasury, after the grant's end (anyone may)",
  description: `After --grant's end epoch, spends it, burns its token and pays the Jet it still holds to the treasury.`,
  flags: txCommandFlags("signing key of whoever returns it; pays the fee", [GRANT_FLAG]),
  examples: ["grant-return --key any.sk --grant 9be1d2c4"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      idFlag(args, "grant");
      const s = await openGovWithKey(ctx, ["governance"]);
      const g = await theGrant(ctx, s);
      const { returnGrant } = await import("../../tx/governance/grant.js");
      const plan = returnGrant({ protocol: s.p, grant: g.utxo, configUtxo: s.config.utxo, nowMs: s.nowMs });
      const jet = g.utxo.assets[s.p.units.jet] ?? 0n;
      const built = await buildOne(s, plan, `return grant ${g.id.slice(0, 12)}… to the treasury`);
      const submitted = await submitAll(ctx, s.chain, [built], [s.key]);
      await report(ctx, [built], submitted, { grant: g.id, returnedPack: jet.toString() }, [`grant ${g.id} ended: ${jetText(jet)} returned to the treasury`]);
    }),
};
