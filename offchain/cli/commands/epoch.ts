// Why: once per epoch an operator turns the services' metrics into the epoch's allocation
// and mints it into claim pools; services claim from the allocation file this publishes.
// How: metrics (the `allocate` format) + a map service id → payment key hash/address are
// checked offline; f_total, weights and caps come from the chain (and must agree with the
// metrics file where it states them); planEpoch() scores and allocates, advanceEpoch()
// builds the Merkle shards, the allocation file and the transaction. The file is written
// (its blake2b-256 goes into every pool datum) before the transaction is submitted.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { type Command, UsageError } from "../command.js";
import { allocationJson, allocationTable, jet } from "../format.js";
import { MAX_LEAVES_PER_SHARD } from "../../bitmap.js";
import {
  connectChain,
  guarded,
  makeCtx,
  openDeployment,
  readJsonInput,
  report,
  requireKey,
  submitAll,
  txCommandFlags,
  walletOf,
} from "../../net/cli.js";

function writeAtomic(path: string, text: string, label: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new UsageError(`cannot write ${label}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export const epochAdvanceCommand: Command = {
  name: "epoch-advance",
  summary: "advance to the next epoch: metrics → scores → allocation → allocation file → advance tx",
  description: `Reads --metrics (the \`jetpack allocate\` format: { "services": [ { "id", "m1", "m2", "m3" } ],
"fTotalPack"?, "weightsBps"?, "capsPack"? }) and --services ({ "<id>": "<payment key hash or address>" }),
takes f_total (emission + carry-over), weights and caps from the chain (a metrics file that states
different ones is refused), computes the allocation, writes the allocation file (every leaf and each shard's root;
proofs are rebuilt from it, see \`jetpack proof\`; the pool datums record its blake2b-256, so publish it byte for byte) and submits the
advance signed by --key (an operator). Refuses before building if the epoch has not started yet.
Services with a zero allocation get no leaf.`,
  flags: txCommandFlags("operator's signing key; pays the fee and the pools' ADA", [
    { name: "metrics", type: "string", value: "FILE", required: true, description: "metrics of the epoch's services (allocate format)" },
    { name: "services", type: "string", value: "FILE", required: true, description: "JSON map service id → payment key hash or address" },
    { name: "allocation-out", type: "string", value: "FILE", description: "allocation file to write (default allocation-epoch-N.json)" },
    { name: "force", type: "boolean", description: "overwrite an existing allocation file with different content" },
    { name: "leaves-per-shard", type: "integer", value: "N", description: "services per claim pool, a power of two up to 65536 (default 2048)" },
  ]),
  examples: ["epoch-advance --key operator.sk --metrics metrics.json --services services.json --dry-run", "epoch-advance --key operator.sk --metrics m.json --services s.json --allocation-out alloc-3.json", "epoch-advance --key operator.sk --metrics m.json --services s.json --out advance.tx.json"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const { parseEpochMetrics, parseServiceKeys } = await import("../../net/inputs.js"); // loads Lucid: not at top level (fast --help)
      const metrics = readJsonInput(ctx, args.requireString("metrics"), parseEpochMetrics);
      const keys = readJsonInput(ctx, args.requireString("services"), parseServiceKeys);
      const seenKey = new Map<string, string>();
      for (const s of metrics.services) {
        const pkh = keys.get(s.id);
        if (pkh === undefined) throw new UsageError(`${args.string("services")}: no key for service ${JSON.stringify(s.id)} of the metrics file`);
        const other = seenKey.get(pkh);
        if (other !== undefined) throw new UsageError(`${args.string("services")}: services ${JSON.stringify(other)} and ${JSON.stringify(s.id)} have the same key ${pkh}`);
        seenKey.set(pkh, s.id);
      }
      const per = args.integer("leaves-per-shard");
      if (per !== undefined && (per < 1 || (per & (per - 1)) !== 0)) throw new UsageError(`flag --leaves-per-shard: must be a power of two, got ${per}`);
      if (per !== undefined && per > MAX_LEAVES_PER_SHARD) throw new UsageError(`flag --leaves-per-shard: at most ${MAX_LEAVES_PER_SHARD} (a claim must be able to set the last leaf's bit), got ${per}`);

      const opened = await openDeployment(ctx);
      const { deployment, protocol: p0, cfg } = opened;
      const key = await requireKey(ctx);
      const chain = await connectChain(ctx, cfg, opened);
      const { attachReferenceScripts } = await import("../../net/deployment.js");
      const { readConfig, readState } = await import("../../readers.js");
      const { chainFTotal, planEpoch } = await import("../../epoch.js");
      const { advanceEpoch, epochStart } = await import("../../tx/emission/advance.js");
      const { buildPlan } = await import("../../net/tx.js");
      ctx.say("reading state and config");
      const [p, state, config, now, wallet] = await Promise.all([
        attachReferenceScripts(chain.lucid, p0, deployment, ["emission"]),
        readState(chain.lucid, p0),
        readConfig(chain.lucid, p0),
        chain.now(),
        walletOf(chain, key),
      ]);
      const t = Number(state.datum.epoch) + 1;
      const start = epochStart(p.params.genesisTimeMs, t);
      if (BigInt(now) < start) {
        const h = Number(start - BigInt(now)) / 3_600_000;
        throw new UsageError(`epoch ${t} starts at ${new Date(Number(start)).toISOString()}, ${h.toFixed(1)} h after the chain's time ${new Date(now).toISOString()}; it cannot be advanced yet`);
      }
      if (!config.datum.operators.includes(key.pkh)) throw new UsageError(`key ${key.file} (key hash ${key.pkh}) is not an operator in the config`);
      const fTotal = chainFTotal(state.datum);
      const mf = args.string("metrics");
      if (metrics.fTotalPack !== undefined && metrics.fTotalPack !== fTotal)
        throw new UsageError(`${mf}: fTotalPack ${metrics.fTotalPack} differs from the chain's f_total of epoch ${t}: ${fTotal} Pack (omit it to use the chain's)`);
      if (metrics.weightsBps && metrics.weightsBps.map(BigInt).join() !== config.datum.weightsBps.join())
        throw new UsageError(`${mf}: weightsBps ${metrics.weightsBps.join("/")} differ from the on-chain config's ${config.datum.weightsBps.join("/")}`);
      if (metrics.capsPack && metrics.capsPack.join() !== config.datum.levelCapsPack.join()) throw new UsageError(`${mf}: capsPack differ from the on-chain config's levelCapsPack`);

      ctx.say(`allocating epoch ${t}: f_total ${jet(fTotal)} Jet among ${metrics.services.length} services`);
      if (metrics.services.length > 0 && metrics.services.every((s) => s.m1 === 0n && s.m2 === 0n && s.m3 === 0n))
        io.err(`warning: every metric in ${mf} is zero: no service scores, nothing is distributed, the whole f_total carries over\n`);
      const plan = planEpoch(
        state.datum,
        config.datum,
        metrics.services.map((s) => ({ ...s, pkh: keys.get(s.id)! })),
      );
      const adv = advanceEpoch({
        protocol: p,
        stateUtxo: state.utxo,
        configUtxo: config.utxo,
        fTotalPack: plan.fTotalPack,
        entries: plan.entries,
        operator: key.pkh,
        nowMs: now,
        ...(per !== undefined ? { leavesPerShard: per } : {}),
      });
      ctx.say(`building the advance: ${adv.file.entries.length} leaves in ${adv.file.shards.length} shards, allocation file ${adv.fileHash}`);
      const built = await buildPlan({ lucid: chain.lucid, protocol: p, plan: adv.plan, label: `advance to epoch ${t}`, walletAddress: wallet.address, walletUtxos: wallet.utxos });

      const out = args.string("allocation-out") ?? `allocation-epoch-${t}.json`;
      const outAbs = resolve(io.cwd, out);
      if (!ctx.dryRun) {
        if (existsSync(outAbs) && !args.boolean("force") && readFileSync(outAbs, "utf8") !== adv.fileBytes)
          throw new UsageError(`allocation file ${out} already exists with other content (use --force or --allocation-out FILE)`);
        writeAtomic(outAbs, adv.fileBytes, `allocation file ${out}`);
        ctx.say(`wrote ${out} (${adv.fileBytes.length} bytes)`);
      }
      // Before anything is signed, the operator reviews the table `jetpack allocate` prints:
      // score, rank, percentile, level, cap and allocation of every service.
      if (ctx.dryRun && !ctx.json) io.out(`epoch ${t}: f_total ${jet(plan.fTotalPack)} Jet, ${metrics.services.length} services\n\n${allocationTable(plan.allocation.services)}\n`);
      const submitted = await submitAll(ctx, chain, [built], [key]);
      const facts = {
        epoch: t,
        allocationFile: ctx.dryRun ? null : out,
        allocationFileHash: adv.fileHash,
        fTotalPack: plan.fTotalPack.toString(),
        distributedPack: plan.allocation.distributedPack.toString(),
        undistributedPack: plan.allocation.undistributedPack.toString(),
        services: metrics.services.length,
        leaves: adv.file.entries.length,
        shards: adv.file.shards.map((s) => ({ shard: s.shard, leaves: s.leaves, amountPack: s.amountPack, root: s.root })),
        expiryMs: adv.file.expiryMs,
        lateMs: Math.max(0, now - Number(epochStart(p.params.genesisTimeMs, t))),
        ...(ctx.dryRun ? { allocation: plan.allocation.services.map(allocationJson) } : {}),
      };
      // The pools' claim window counts from this advance, so lateness costs services nothing;
      // it is still worth telling the operator.
      const lateH = facts.lateMs / 3_600_000;
      await report(ctx, [built], submitted, facts, [
        `epoch ${t}: f_total ${jet(plan.fTotalPack)} Jet, distributed ${jet(plan.allocation.distributedPack)} Jet to ${adv.file.entries.length} services in ${adv.file.shards.length} pools, ${jet(plan.allocation.undistributedPack)} Jet carries over`,
        ...(lateH >= 1 ? [`epoch ${t} started ${lateH.toFixed(1)} h ago: this advance is late; its pools still get the whole claim window from now`] : []),
        `claims open until ${new Date(Number(adv.file.expiryMs)).toISOString()} (the advance's validity end + the claim window)`,
        ctx.dryRun ? `allocation file not written (dry run); its hash would be ${adv.fileHash}` : `allocation file ${out} (blake2b-256 ${adv.fileHash}): publish it unchanged`,
      ]);
    }),
};
