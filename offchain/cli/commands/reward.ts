// Why: a service pays its users Jet from its locks, usually many at once. How: the CSV is
// checked in full first (every address, every amount, the total against the locks); then
// the payouts are cut into as few transactions as the size and ex-unit limits allow — each
// batch is built and evaluated, and a batch that does not fit is made smaller — and the
// batches are chained (each spends the previous one's remainder lock and change), so they
// can all be submitted at once.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type Command, UsageError } from "../command.js";
import { jet } from "../format.js";
import { connectChain, guarded, loadKeyFlag, makeCtx, openDeployment, report, requireKey, submitAll, txCommandFlags, walletOf } from "../../net/cli.js";
import { parseRewardCsv, type AmountUnit } from "../../net/inputs.js";
import { InputError } from "../../economics/errors.js";

export const DEFAULT_MAX_PAYOUTS_PER_TX = 1000;
const PROBE_PAYOUTS = 30;

export const rewardCommand: Command = {
  name: "reward",
  summary: "pay users Jet from the service's locks, from a CSV of address,amount (batched)",
  description: `--csv FILE has one payout per line: address,amount. Amounts are Jet with up to 6 decimals
(12.5 = 12,500,000 Pack) or, with --unit pack, integer Pack. Blank lines, lines starting with # and a
first line "address,amount" are skipped. Addresses must be key-hash addresses of the deployment's
network and not the service's own. Every line is checked (and the total against the service's locks)
before anything is built. Payouts are spread over as few transactions as the size and ex-unit
limits allow (a first batch of 30 measures what a payout costs; at most --max-per-tx per
transaction); the first one merges all of the service's locks, the remainder returns to one
lock. Each payout output carries --lovelace-per-payout (default 1,200,000) from the service's wallet.`,
  flags: txCommandFlags("the service's (lock owner's) signing key; pays fees and the payouts' ADA", [
    { name: "csv", type: "string", value: "FILE", required: true, description: "payouts: address,amount per line" },
    { name: "unit", type: "string", value: "jet|pack", description: "unit of the CSV amounts (default jet)" },
    { name: "max-per-tx", type: "integer", value: "N", description: `at most N payouts per transaction (default ${DEFAULT_MAX_PAYOUTS_PER_TX}; fewer if a batch does not fit)` },
    { name: "lovelace-per-payout", type: "integer", value: "N", description: "ADA (lovelace) sent with each payout (default 1200000)" },
    { name: "attestor-key", type: "string", value: "FILE", description: "the reward attestor's key, if the config names one" },
  ]),
  examples: ["reward --key service.skey --csv payouts.csv --dry-run", "reward --key service.skey --csv payouts.csv --unit pack"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const unitRaw = (args.string("unit") ?? "jet").toLowerCase();
      if (unitRaw !== "jet" && unitRaw !== "pack") throw new UsageError(`flag --unit: expected jet or pack, got ${JSON.stringify(args.string("unit"))}`);
      const maxPer = args.integer("max-per-tx") ?? DEFAULT_MAX_PAYOUTS_PER_TX;
      if (maxPer < 1) throw new UsageError(`flag --max-per-tx: must be ≥ 1, got ${maxPer}`);
      const perPayout = BigInt(args.integer("lovelace-per-payout") ?? 1_200_000);
      if (perPayout < 1_000_000n) throw new UsageError(`flag --lovelace-per-payout: must be ≥ 1000000 (outputs need min-ADA), got ${perPayout}`);
      const csvFile = args.requireString("csv");
      let text: string;
      try {
        text = readFileSync(resolve(io.cwd, csvFile), "utf8");
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new UsageError(`cannot read CSV file ${csvFile}: ${code === "ENOENT" ? "no such file" : (code ?? "unreadable")}`);
      }
      const opened = openDeployment(ctx);
      const { deployment, protocol: p0, cfg } = opened;
      let payouts;
      try {
        payouts = parseRewardCsv(text, unitRaw as AmountUnit, deployment.network === "Mainnet" ? 1 : 0).map((po) => ({ ...po, lovelace: perPayout }));
      } catch (e) {
        if (e instanceof InputError) throw new UsageError(`${csvFile}: ${e.message}`);
        throw e;
      }
      const key = await requireKey(ctx);
      const attestor = await loadKeyFlag(ctx, "attestor-key");
      const total = payouts.reduce((s, po) => s + po.amountPack, 0n);
      const { getAddressDetails } = await import("@lucid-evolution/lucid");
      payouts.forEach((po, i) => {
        const d = getAddressDetails(po.address);
        if (d.paymentCredential?.hash === key.pkh || d.stakeCredential?.hash === key.pkh)
          throw new UsageError(`${csvFile}: payout ${i + 1} (${po.address.slice(0, 30)}…) goes to the service itself`);
      });

      const chain = await connectChain(ctx, cfg, opened);
      const { attachReferenceScripts } = await import("../../net/deployment.js");
      const { readConfig, readLocks } = await import("../../readers.js");
      const { reward, selectLocks } = await import("../../tx/lock/reward.js");
      const { buildPlan, buildBatched } = await import("../../net/tx.js");
      ctx.say(`reading the locks of ${key.pkh} and the config`);
      const [p, locks, config, wallet] = await Promise.all([
        attachReferenceScripts(chain.lucid, p0, deployment, ["lock"]),
        readLocks(chain.lucid, p0, key.pkh),
        readConfig(chain.lucid, p0),
        walletOf(chain, key),
      ]);
      const held = locks.reduce((s, l) => s + (l.utxo.assets[p0.units.jet] ?? 0n), 0n);
      if (locks.length === 0) throw new UsageError(`key ${key.file} (key hash ${key.pkh}) owns no locks: claim an allocation first`);
      if (total > held) throw new UsageError(`${csvFile}: payouts total ${jet(total)} Jet, but the service's ${locks.length} locks hold ${jet(held)} Jet`);
      const att = config.datum.rewardAttestor;
      if (att && attestor?.pkh !== att) throw new UsageError(`the config requires the reward attestor's signature (key hash ${att}): pass --attestor-key FILE`);
      const extraSigners = att ? [att] : [];

      ctx.say(`batching ${payouts.length} payouts (${jet(total)} Jet)`);
      let current = locks.map((l) => l.utxo);
      const spentBy = new Map<string, import("@lucid-evolution/lucid").UTxO[]>();
      let utxos = wallet.utxos;
      const built = await buildBatched({
        items: payouts,
        maxPerTx: maxPer,
        probe: PROBE_PAYOUTS,
        what: "payouts",
        say: ctx.say,
        build: async (batch, from) => {
          // only the locks this batch needs, the largest first (never a lock without Jet)
          const chosen = selectLocks(current, p0.units.jet, batch.reduce((s, po) => s + po.amountPack, 0n));
          const b = await buildPlan({
            lucid: chain.lucid,
            protocol: p,
            plan: reward({ protocol: p, locks: chosen, configUtxo: config.utxo, payouts: [...batch], extraSigners }),
            label: `reward: payouts ${from + 1}…${from + batch.length} of ${payouts.length}`,
            walletAddress: wallet.address,
            walletUtxos: utxos,
          });
          spentBy.set(b.hash, chosen);
          return b;
        },
        accept: (b) => {
          utxos = b.walletAfter;
          const spent = new Set((spentBy.get(b.hash) ?? []).map((u) => `${u.txHash}#${u.outputIndex}`));
          current = [...current.filter((u) => !spent.has(`${u.txHash}#${u.outputIndex}`)), ...b.outputs.filter((u) => u.address === p0.lock.address)];
        },
      });
      const signers = attestor ? [key, attestor] : [key];
      const submitted = await submitAll(ctx, chain, built, signers);
      await report(
        ctx,
        built,
        submitted,
        { owner: key.pkh, payouts: payouts.length, totalPack: total.toString(), batches: built.map((b) => b.hash), locksBefore: locks.length, lockJetBeforePack: held.toString() },
        [`${payouts.length} payouts, ${jet(total)} Jet, in ${built.length} transaction${built.length === 1 ? "" : "s"}; ${jet(held - total)} Jet stays locked`],
      );
    }),
};
