// Why: deployers (and anyone else) need one look at an instance: which epoch the chain is
// in, what has been scheduled and minted, what carries over, which pools are open or
// expired, how much Jet sits in locks — each figure cross-checked against the SDK's own
// schedule, so a disagreement is visible at once. How: reads the state, config, pools and
// locks through the SDK readers and recomputes the schedule figures; read-only.
import { configJson } from "./config.js";
import { type Command } from "../command.js";
import { json as jsonText, jet } from "../format.js";
import { connectChain, DEPLOYMENT_FLAG, guarded, JSON_FLAG, makeCtx, NETWORK_FLAGS, openDeployment, QUIET_FLAG } from "../../net/cli.js";

export interface StatusCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export const statusCommand: Command = {
  name: "status",
  summary: "show the instance: epoch, scheduled, minted, carry-over, pools, locks — checked against the SDK",
  description: `Reads the state, the config, every pool and every lock of the deployment and prints them next to
the SDK's own figures: scheduled must equal Σ emission(1..epoch), f_total of the next epoch is
Σ emission(1..epoch+1) − minted (emission + carry-over), and minted must cover the Jet in pools and
locks. Each check is listed as ok or FAILED; the command exits 0 either way (use --json and its
"checks" to act on them). Read-only: needs no key.`,
  flags: [JSON_FLAG, QUIET_FLAG, DEPLOYMENT_FLAG, ...NETWORK_FLAGS],
  examples: ["status --network local", "status --json"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const opened = await openDeployment(ctx);
      const { deployment, file, protocol: p0, cfg } = opened;
      const chain = await connectChain(ctx, cfg, opened);
      const { attachReferenceScripts } = await import("../../net/deployment.js");
      const { readConfig, readLocks, readPools, readState } = await import("../../readers.js");
      const { emissionOrTailPack, EPOCHS, EPOCH_LENGTH_MS, scheduledThrough } = await import("../../economics/emission.js");
      const { setBits } = await import("../../bitmap.js");
      ctx.say("reading state, config, pools, locks and reference scripts");
      const [p, state, config, pools, locks, now] = await Promise.all([
        attachReferenceScripts(chain.lucid, p0, deployment).then(
          (x) => x,
          (e: Error) => e,
        ),
        readState(chain.lucid, p0),
        readConfig(chain.lucid, p0),
        readPools(chain.lucid, p0),
        readLocks(chain.lucid, p0),
        chain.now(),
      ]);
      const genesis = BigInt(deployment.genesisTimeMs);
      const epoch = Number(state.datum.epoch);
      const startOf = (t: number) => genesis + BigInt(t - 1) * BigInt(EPOCH_LENGTH_MS);
      const byTime = BigInt(now) < genesis ? 0 : Number((BigInt(now) - genesis) / BigInt(EPOCH_LENGTH_MS)) + 1;
      const sdkScheduled = scheduledThrough(epoch);
      // after epoch 2776, tail epochs (emission 0) follow while carry-over remains
      const next = epoch < EPOCHS || sdkScheduled > state.datum.minted ? epoch + 1 : null;
      const fTotalNext = next === null ? 0n : scheduledThrough(next) - state.datum.minted;
      const carryOver = sdkScheduled - state.datum.minted;
      const poolJet = pools.reduce((s, x) => s + (x.utxo.assets[p0.units.jet] ?? 0n), 0n);
      const lockJet = locks.reduce((s, x) => s + (x.utxo.assets[p0.units.jet] ?? 0n), 0n);
      const owners = new Map<string, { count: number; jetPack: bigint }>();
      for (const l of locks) {
        const o = owners.get(l.datum.owner) ?? { count: 0, jetPack: 0n };
        o.count++;
        o.jetPack += l.utxo.assets[p0.units.jet] ?? 0n;
        owners.set(l.datum.owner, o);
      }
      const checks: StatusCheck[] = [
        { name: "scheduled", ok: state.datum.scheduled === sdkScheduled, detail: `chain ${state.datum.scheduled}, SDK Σ emission(1..${epoch}) ${sdkScheduled}` },
        { name: "minted ≤ scheduled", ok: state.datum.minted <= state.datum.scheduled, detail: `minted ${state.datum.minted}, scheduled ${state.datum.scheduled}` },
        { name: "minted covers pools and locks", ok: poolJet + lockJet <= state.datum.minted, detail: `pools ${poolJet} + locks ${lockJet} ≤ minted ${state.datum.minted}` },
        { name: "epoch not ahead of time", ok: epoch <= byTime, detail: `chain epoch ${epoch}, epoch by time ${byTime}` },
        {
          name: "pool datums",
          ok: pools.every((x) => x.datum.epoch >= 1n && x.datum.epoch <= BigInt(epoch) && x.datum.expiry > startOf(Number(x.datum.epoch))),
          detail: `${pools.length} pools, all of epochs 1…${epoch}, each expiring after its epoch's start`,
        },
        { name: "reference scripts", ok: !(p instanceof Error), detail: p instanceof Error ? p.message : "all four found on chain" },
      ];
      const c = config.datum;
      const result = {
        network: cfg.network,
        deployment: file,
        jetPolicy: p0.jetPolicy,
        nowMs: now,
        genesisTimeMs: genesis.toString(),
        state: { epoch, scheduledPack: state.datum.scheduled.toString(), mintedPack: state.datum.minted.toString(), utxo: `${state.utxo.txHash}#${state.utxo.outputIndex}` },
        sdk: { scheduledPack: sdkScheduled.toString(), epochByTime: byTime },
        carryOverPack: carryOver.toString(),
        nextEpoch:
          next === null
            ? null
            : {
                epoch: next,
                startMs: startOf(next).toString(),
                advanceable: BigInt(now) >= startOf(next),
                emissionPack: emissionOrTailPack(next).toString(),
                tail: next > EPOCHS,
                fTotalPack: fTotalNext.toString(),
              },
        pools: pools.map((x) => ({
          epoch: Number(x.datum.epoch),
          shard: Number(x.datum.shard),
          jetPack: (x.utxo.assets[p0.units.jet] ?? 0n).toString(),
          claimed: setBits(x.datum.bitmap).length,
          expiryMs: x.datum.expiry.toString(),
          expired: BigInt(now) > x.datum.expiry,
          fileHash: x.datum.fileHash,
          utxo: `${x.utxo.txHash}#${x.utxo.outputIndex}`,
        })),
        poolsJetPack: poolJet.toString(),
        locks: { count: locks.length, jetPack: lockJet.toString(), owners: [...owners].map(([owner, o]) => ({ owner, count: o.count, jetPack: o.jetPack.toString() })) },
        config: configJson(c),
        checks,
      };
      if (ctx.json) {
        io.out(jsonText(result));
        return;
      }
      const iso = (ms: bigint | number) => new Date(Number(ms)).toISOString();
      const lines = [
        `network ${cfg.network}, Jet policy ${p0.jetPolicy}`,
        `chain time ${iso(now)}; epoch by time ${byTime}; state epoch ${epoch}`,
        `scheduled ${jet(state.datum.scheduled)} Jet (SDK ${jet(sdkScheduled)})`,
        `minted    ${jet(state.datum.minted)} Jet (in pools ${jet(poolJet)}, in locks ${jet(lockJet)})`,
        `carry-over ${jet(carryOver)} Jet`,
        next === null
          ? "the schedule is complete"
          : `next: ${next > EPOCHS ? "tail " : ""}epoch ${next} starts ${iso(startOf(next))}${BigInt(now) >= startOf(next) ? " (can be advanced now)" : ""}; emission ${jet(emissionOrTailPack(next))} + carry-over = f_total ${jet(fTotalNext)} Jet`,
        `pools: ${pools.length}`,
        ...pools.map(
          (x) =>
            `  epoch ${x.datum.epoch} shard ${x.datum.shard}: ${jet(x.utxo.assets[p0.units.jet] ?? 0n)} Jet, ${setBits(x.datum.bitmap).length} claimed, ${BigInt(now) > x.datum.expiry ? "expired" : "open until"} ${iso(x.datum.expiry)}`,
        ),
        `locks: ${locks.length} (${owners.size} owners), ${jet(lockJet)} Jet`,
        `config: operators ${c.operators.length}, governors ${c.governors.length} (quorum ${c.quorum}), claim window ${Number(c.claimWindowMs) / 3_600_000} h, weights ${c.weightsBps.join("/")}`,
        "checks:",
        ...checks.map((k) => `  ${k.ok ? "ok    " : "FAILED"} ${k.name}: ${k.detail}`),
      ];
      io.out(lines.join("\n") + "\n");
    }),
};
