// Why: holders lock Jet for a time in veJet commitments to vote and propose; power is
// amount × the epochs left (capped by the config's maximum lock), so locking longer
// weighs more. How: ve-create/ve-add/ve-extend/ve-withdraw build the SDK's commit,
// increase and withdraw plans (offchain/tx/governance/) from the chain's current epoch,
// signed by the owner's key; ve-show reads the commitments.
import { type Command, UsageError } from "../command.js";
import { json as jsonText, table } from "../format.js";
import { DEPLOYMENT_FLAG, guarded, JSON_FLAG, makeCtx, NETWORK_FLAGS, QUIET_FLAG, report, submitAll, txCommandFlags, type Ctx } from "../../net/cli.js";
import { buildOne, commitmentJson, ID_TEXT, idFlag, jetFlag, jetIn, jetText, keyHashOf, openGov, openGovWithKey, pick, powerText, seedOf } from "./govshared.js";

const KEY_TEXT = "holder's signing key: owns the commitment, pays the fee";

/** The commitment --commitment names, owned by the session's key. */
async function ownedCommitment(ctx: Ctx, s: Awaited<ReturnType<typeof openGovWithKey>>) {
  const id = idFlag(ctx.args, "commitment")!;
  const { readCommitments } = await import("../../governance/readers.js");
  const c = pick(await readCommitments(s.chain.lucid, s.opened.protocol), id, "commitment");
  const owner = c.datum.owner;
  if (!("key" in owner)) throw new UsageError(`commitment ${c.id} is owned by script ${owner.script}: build its transactions with the script's own tooling`);
  if (owner.key !== s.key.pkh) throw new UsageError(`commitment ${c.id} is owned by ${owner.key}, not by key ${s.key.file} (${s.key.pkh})`);
  return c;
}

function lockEndOf(ctx: Ctx, epoch: bigint, required: boolean): bigint | undefined {
  const n = ctx.args.integer("lock-epochs");
  const until = ctx.args.integer("until");
  if (n !== undefined && until !== undefined) throw new UsageError("give either --lock-epochs or --until, not both");
  if (n === undefined && until === undefined) {
    if (required) throw new UsageError("missing --lock-epochs N (lock for N epochs from now) or --until EPOCH");
    return undefined;
  }
  if (n !== undefined && n < 1) throw new UsageError(`flag --lock-epochs: must be ≥ 1, got ${n}`);
  if (until !== undefined && until < 1) throw new UsageError(`flag --until: must be an epoch ≥ 1, got ${until}`);
  return until !== undefined ? BigInt(until) : epoch + BigInt(n!);
}

const LOCK_FLAGS = [
  { name: "lock-epochs", type: "integer" as const, value: "N", description: "lock for N epochs from the current one (at most the config's maximum lock)" },
  { name: "until", type: "integer" as const, value: "EPOCH", description: "lock until epoch EPOCH (withdrawable from then)" },
];

export const veCreateCommand: Command = {
  name: "ve-create",
  summary: "lock Jet in a new veJet commitment (voting power = Jet × epochs left, capped)",
  description: `Locks --amount Jet from the key's wallet at the governance script until the epoch --until, or for
--lock-epochs epochs from the current one (at most the config's maximum lock). Voting power is the amount ×
the epochs left (at most the maximum lock), so it falls as the end nears. A commitment votes only on
proposals opened after the epoch it was created or last changed in. Prints the new commitment's id.`,
  flags: txCommandFlags(KEY_TEXT, [{ name: "amount", type: "string", value: "JET", required: true, description: "Jet to lock (up to 6 decimals)" }, ...LOCK_FLAGS]),
  examples: ["ve-create --key holder.sk --amount 1000 --lock-epochs 52", "ve-create --key holder.sk --amount 250.5 --until 40 --dry-run"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const amount = jetFlag(args, "amount", { required: true })!;
      lockEndOf(ctx, 1n, true);
      const s = await openGovWithKey(ctx, ["governance"]);
      const lockEnd = lockEndOf(ctx, s.epoch, true)!;
      const held = jetIn(s.p, s.wallet.utxos);
      if (held < amount) throw new UsageError(`wallet ${s.wallet.address} holds ${jetText(held)}, less than the ${jetText(amount)} to lock`);
      const { commit } = await import("../../tx/governance/commit.js");
      const { powerAt } = await import("../../tx/governance/common.js");
      const plan = commit({ protocol: s.p, configUtxo: s.config.utxo, owner: { key: s.key.pkh }, amountPack: amount, lockEnd, seed: seedOf(s.wallet.utxos), nowMs: s.nowMs });
      const power = powerAt(amount, lockEnd, s.epoch, s.config.datum.governance.maxLockEpochs);
      ctx.say(`committing ${jetText(amount)} until epoch ${lockEnd} (it is epoch ${s.epoch})`);
      const built = await buildOne(s, plan, `commit ${jetText(amount)} until epoch ${lockEnd}`);
      const submitted = await submitAll(ctx, s.chain, [built], [s.key]);
      await report(ctx, [built], submitted, { commitment: plan.id, owner: s.key.pkh, amountPack: amount.toString(), lockEnd: lockEnd.toString(), epoch: s.epoch.toString(), powerNow: power.toString() }, [
        `commitment ${plan.id}: ${jetText(amount)} locked until epoch ${lockEnd}; power now ${powerText(power)}`,
        `it can vote on proposals opened from epoch ${s.epoch + 1n}`,
      ]);
    }),
};

export const veAddCommand: Command = {
  name: "ve-add",
  summary: "add Jet to a veJet commitment",
  description: `Adds --amount Jet from the key's wallet to the commitment --commitment (owned by --key). Its "since" moves
to the current epoch: it no longer votes on proposals opened before now.`,
  flags: txCommandFlags(KEY_TEXT, [
    { name: "commitment", type: "string", value: "ID", required: true, description: `the commitment's ${ID_TEXT}` },
    { name: "amount", type: "string", value: "JET", required: true, description: "Jet to add (up to 6 decimals)" },
  ]),
  examples: ["ve-add --key holder.sk --commitment 3f2a9c10 --amount 500"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      idFlag(args, "commitment");
      const amount = jetFlag(args, "amount", { required: true })!;
      const s = await openGovWithKey(ctx, ["governance"]);
      const c = await ownedCommitment(ctx, s);
      const held = jetIn(s.p, s.wallet.utxos);
      if (held < amount) throw new UsageError(`wallet ${s.wallet.address} holds ${jetText(held)}, less than the ${jetText(amount)} to add`);
      const { increase } = await import("../../tx/governance/increase.js");
      const plan = increase({ protocol: s.p, commitment: c.utxo, configUtxo: s.config.utxo, addPack: amount, nowMs: s.nowMs });
      const built = await buildOne(s, plan, `add ${jetText(amount)} to commitment ${c.id.slice(0, 12)}…`);
      const submitted = await submitAll(ctx, s.chain, [built], [s.key]);
      const total = c.datum.amount + amount;
      await report(ctx, [built], submitted, { commitment: c.id, amountBeforePack: c.datum.amount.toString(), amountPack: total.toString(), lockEnd: c.datum.lockEnd.toString() }, [
        `commitment ${c.id}: ${jetText(c.datum.amount)} → ${jetText(total)}, locked until epoch ${c.datum.lockEnd}`,
      ]);
    }),
};

export const veExtendCommand: Command = {
  name: "ve-extend",
  summary: "move a veJet commitment's lock end later",
  description: `Moves the lock end of --commitment (owned by --key) to --until EPOCH (or --lock-epochs N from the current
epoch), at most the config's maximum lock ahead. Its "since" moves to the current epoch.`,
  flags: txCommandFlags(KEY_TEXT, [{ name: "commitment", type: "string", value: "ID", required: true, description: `the commitment's ${ID_TEXT}` }, ...LOCK_FLAGS]),
  examples: ["ve-extend --key holder.sk --commitment 3f2a9c10 --until 60"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      idFlag(args, "commitment");
      lockEndOf(ctx, 1n, true);
      const s = await openGovWithKey(ctx, ["governance"]);
      const c = await ownedCommitment(ctx, s);
      const lockEnd = lockEndOf(ctx, s.epoch, true)!;
      const { increase } = await import("../../tx/governance/increase.js");
      const plan = increase({ protocol: s.p, commitment: c.utxo, configUtxo: s.config.utxo, newLockEnd: lockEnd, nowMs: s.nowMs });
      const built = await buildOne(s, plan, `extend commitment ${c.id.slice(0, 12)}… to epoch ${lockEnd}`);
      const submitted = await submitAll(ctx, s.chain, [built], [s.key]);
      await report(ctx, [built], submitted, { commitment: c.id, lockEndBefore: c.datum.lockEnd.toString(), lockEnd: lockEnd.toString(), amountPack: c.datum.amount.toString() }, [
        `commitment ${c.id}: ${jetText(c.datum.amount)}, lock end epoch ${c.datum.lockEnd} → ${lockEnd}`,
      ]);
    }),
};

export const veWithdrawCommand: Command = {
  name: "ve-withdraw",
  summary: "take a veJet commitment's Jet back once its lock has ended",
  description: `Spends --commitment (owned by --key) once the current epoch has reached its lock end, burns its token
and returns its Jet to the key's wallet.`,
  flags: txCommandFlags(KEY_TEXT, [{ name: "commitment", type: "string", value: "ID", required: true, description: `the commitment's ${ID_TEXT}` }]),
  examples: ["ve-withdraw --key holder.sk --commitment 3f2a9c10"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      idFlag(args, "commitment");
      const s = await openGovWithKey(ctx, ["governance"]);
      const c = await ownedCommitment(ctx, s);
      const { withdrawCommitment } = await import("../../tx/governance/withdraw.js");
      const plan = withdrawCommitment({ protocol: s.p, commitment: c.utxo, nowMs: s.nowMs });
      const built = await buildOne(s, plan, `withdraw commitment ${c.id.slice(0, 12)}…`);
      const submitted = await submitAll(ctx, s.chain, [built], [s.key]);
      await report(ctx, [built], submitted, { commitment: c.id, amountPack: c.datum.amount.toString() }, [`commitment ${c.id} withdrawn: ${jetText(c.datum.amount)} back to ${s.wallet.address}`]);
    }),
};

export const veShowCommand: Command = {
  name: "ve-show",
  summary: "show veJet commitments: amount, lock end, power now, votes",
  description: `Lists the authenticated commitments at the governance script (those of --owner only, a key hash or an
address): amount in Jet, lock end, power now (Jet × epochs left, capped by the maximum lock), the
proposals it voted on whose voting is still open, and whether it can be withdrawn. Read-only.`,
  flags: [
    { name: "owner", type: "string", value: "KEYHASH|ADDRESS", description: "only this owner's commitments" },
    JSON_FLAG,
    QUIET_FLAG,
    DEPLOYMENT_FLAG,
    ...NETWORK_FLAGS,
  ],
  examples: ["ve-show", "ve-show --owner addr_test1… --json"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const ownerRaw = args.string("owner");
      const owner = ownerRaw === undefined ? undefined : await keyHashOf(ownerRaw, "--owner");
      const s = await openGov(ctx, []);
      const { readCommitments } = await import("../../governance/readers.js");
      const { powerAt } = await import("../../tx/governance/common.js");
      const list = await readCommitments(s.chain.lucid, s.p, owner);
      const max = s.config.datum.governance.maxLockEpochs;
      const rows = list.map((c) => ({ c, power: powerAt(c.datum.amount, c.datum.lockEnd, s.epoch, max) })).sort((a, b) => (a.power > b.power ? -1 : a.power < b.power ? 1 : 0));
      const total = rows.reduce((a, r) => a + r.power, 0n);
      const amount = rows.reduce((a, r) => a + r.c.datum.amount, 0n);
      if (ctx.json) {
        io.out(jsonText({ epoch: s.epoch.toString(), maxLockEpochs: max.toString(), owner: owner ?? null, totalPack: amount.toString(), totalPower: total.toString(), commitments: rows.map((r) => commitmentJson(r.c, r.power, s.epoch)) }));
        return;
      }
      const head = `epoch ${s.epoch}: ${rows.length} commitment${rows.length === 1 ? "" : "s"}${owner ? ` of ${owner}` : ""}, ${jetText(amount)} locked, power ${powerText(total)} (maximum lock ${max} epochs)`;
      if (rows.length === 0) {
        io.out(head + "\n");
        return;
      }
      const t = table(
        ["commitment", "owner", "Jet", "lock end", "power now (Jet×epochs)", "open votes", "withdrawable"],
        rows.map(({ c, power }) => [
          c.id,
          "key" in c.datum.owner ? c.datum.owner.key.slice(0, 16) + "…" : `script ${c.datum.owner.script.slice(0, 9)}…`,
          jetText(c.datum.amount).replace(" Jet", ""),
          String(c.datum.lockEnd),
          jetText(power).replace(" Jet", ""),
          c.datum.votes.filter((v) => v.voteEnd >= s.epoch).map((v) => v.proposal.slice(0, 8)).join(",") || "-",
          s.epoch >= c.datum.lockEnd ? "yes" : "no",
        ]),
        ["left", "left", "right", "right", "right", "left", "left"],
      );
      io.out(`${head}\n${t}`);
    }),
};
