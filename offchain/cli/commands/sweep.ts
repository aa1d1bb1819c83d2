// Why: Jet a service did not claim within the window must go back into the schedule: the
// operator burns it and lowers the state's `minted`, so it carries over to the next
// advance. How: picks the expired pools (optionally of one epoch), spreads them over as few
// chained transactions as the limits allow (each spends the state the previous one wrote),
// builds, evaluates and submits them.
import { type Command, UsageError } from "../command.js";
import { jet } from "../format.js";
import { connectChain, guarded, makeCtx, openDeployment, report, requireKey, submitAll, txCommandFlags, walletOf } from "../../net/cli.js";

export const sweepCommand: Command = {
  name: "sweep",
  summary: "burn the unclaimed Jet of expired pools (it carries over to the next epoch)",
  description: `Spends every pool whose claim window has closed (only those of --epoch N if given) together with
the state, burns their Jet and lowers the state's minted by the same amount; the pools' ADA returns to
the operator's wallet. Pools are spread over as few transactions as the size and ex-unit limits
allow (at most --max-pools each), chained so they can be submitted at once. Signed by --key (an operator).`,
  flags: txCommandFlags("operator's signing key; pays the fee", [
    { name: "epoch", type: "integer", value: "N", description: "only the pools of epoch N" },
    { name: "max-pools", type: "integer", value: "N", description: "at most N pools per transaction (default 64; a first batch of 6 measures what a pool costs, fewer if they do not fit)" },
  ]),
  examples: ["sweep --key operator.sk --dry-run", "sweep --key operator.sk --epoch 3"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const only = args.integer("epoch");
      if (only !== undefined && only < 1) throw new UsageError(`flag --epoch: must be ≥ 1, got ${only}`);
      const maxPools = args.integer("max-pools") ?? 64;
      if (maxPools < 1) throw new UsageError(`flag --max-pools: must be ≥ 1, got ${maxPools}`);
      const opened = await openDeployment(ctx);
      const { deployment, protocol: p0, cfg } = opened;
      const key = await requireKey(ctx);
      const chain = await connectChain(ctx, cfg, opened);
      const { attachReferenceScripts } = await import("../../net/deployment.js");
      const { readConfig, readPools, readState } = await import("../../readers.js");
      const { sweep } = await import("../../tx/emission/sweep.js");
      const { buildPlan, buildBatched } = await import("../../net/tx.js");
      ctx.say("reading state, config and pools");
      const [p, state, config, pools, now, wallet] = await Promise.all([
        attachReferenceScripts(chain.lucid, p0, deployment, ["emission", "pool"]),
        readState(chain.lucid, p0),
        readConfig(chain.lucid, p0),
        readPools(chain.lucid, p0, only),
        chain.now(),
        walletOf(chain, key),
      ]);
      if (!config.datum.operators.includes(key.pkh)) throw new UsageError(`key ${key.file} (key hash ${key.pkh}) is not an operator in the config`);
      // The sweep builder requires now − 2 s > expiry (the validity range starts 1 s before now).
      const expired = pools.filter((x) => BigInt(now) - 2_000n > x.datum.expiry);
      if (expired.length === 0) {
        // Nothing to do is not an error: a scheduled sweep simply has nothing to burn yet.
        const next = pools.map((x) => x.datum.expiry).sort((a, b) => (a < b ? -1 : 1))[0];
        const line =
          `nothing to sweep: ${pools.length} pool${pools.length === 1 ? "" : "s"}${only ? ` of epoch ${only}` : ""}, none expired` +
          (next !== undefined ? ` (the first expires at ${new Date(Number(next)).toISOString()})` : "");
        if (ctx.json) ctx.io.out(JSON.stringify({ pools: [], burnedPack: "0", transactions: [], nothingToSweep: line, nextExpiryMs: next?.toString() ?? null }) + "\n");
        else ctx.io.out(line + "\n");
        return;
      }
      const burned = expired.reduce((s, x) => s + (x.utxo.assets[p0.units.jet] ?? 0n), 0n);
      ctx.say(`sweeping ${expired.length} expired pools holding ${jet(burned)} Jet`);
      let stateUtxo = state.utxo;
      let utxos = wallet.utxos;
      const built = await buildBatched({
        items: expired,
        maxPerTx: maxPools,
        probe: 6,
        what: "pools",
        say: ctx.say,
        build: (batch, from) =>
          buildPlan({
            lucid: chain.lucid,
            protocol: p,
            plan: sweep({ protocol: p, stateUtxo, configUtxo: config.utxo, pools: batch.map((x) => x.utxo), operator: key.pkh, nowMs: now }),
            label: `sweep: pools ${from + 1}…${from + batch.length} of ${expired.length}`,
            walletAddress: wallet.address,
            walletUtxos: utxos,
          }),
        accept: (b) => {
          utxos = b.walletAfter;
          const next = b.outputs.find((u) => u.address === p0.emission.address && (u.assets[p0.units.state] ?? 0n) === 1n);
          if (!next) throw new Error("sweep transaction without a state output");
          stateUtxo = next;
        },
      });
      const submitted = await submitAll(ctx, chain, built, [key]);
      await report(
        ctx,
        built,
        submitted,
        {
          pools: expired.map((x) => ({ epoch: Number(x.datum.epoch), shard: Number(x.datum.shard), jetPack: (x.utxo.assets[p0.units.jet] ?? 0n).toString() })),
          burnedPack: burned.toString(),
          mintedBeforePack: state.datum.minted.toString(),
          mintedAfterPack: (state.datum.minted - burned).toString(),
        },
        [`swept ${expired.length} pools: ${jet(burned)} Jet burned; minted ${jet(state.datum.minted)} → ${jet(state.datum.minted - burned)} Jet (it carries over)`],
      );
    }),
};
