// Why: a service collects its epoch allocation into a lock it owns, using the allocation
// file the operator published. How: the file is checked before anything is built — its
// blake2b-256 must equal the pool datum's, the leaf's proof must lead to the pool's root, the
// key must be the leaf's service, the leaf must be unclaimed and the pool open — then the
// claim is built, evaluated, signed by the service key and submitted.
// Someone running several services can claim for all of them in one run (--keys): each
// claim is still its own transaction, paid and signed by its own service's key; claims on
// the same pool are chained (each spends the pool output the previous one creates), so all
// are submitted at once.
import type { UTxO } from "@lucid-evolution/lucid";
import { type Command, UsageError } from "../command.js";
import { jet } from "../format.js";
import { connectChain, guarded, keyFlag, loadKeyList, makeCtx, openDeployment, report, requireKey, submitAll, txCommandFlags } from "../../net/cli.js";
import type { EntryWithProof } from "../../tx/emission/proof.js"; // it and net/inputs.js load the chain library: imported in run()
import type { AllocationFileEntry } from "../../tx/emission/advance.js";
import type { SigningKey } from "../../net/keys.js";

export const claimCommand: Command = {
  name: "claim",
  summary: "claim a service's allocation from the published allocation file into its lock",
  description: `Finds the service's leaf in --allocation (by --id, or by the key's payment key hash), checks the
file against the chain (its blake2b-256 must equal the pool datum's fileHash; the leaf's proof must
reach the pool's Merkle root), checks that --key is the leaf's service, that the leaf is not claimed
yet and that the pool has not expired, then submits the claim: the pool keeps the rest, and a new lock
owned by the service receives the amount (with 1.5 ADA from the service's wallet).
--keys FILE,FILE,… claims for several services in one run: one transaction per service, each paid and
signed by that service's key; claims on the same pool are chained and submitted together.`,
  flags: txCommandFlags("the service's signing key; pays the fee", [
    { name: "keys", type: "string", value: "FILES", description: "instead of --key: several services' key files, comma-separated" },
    { name: "allocation", type: "string", value: "FILE", required: true, description: "the allocation file the epoch's advance published" },
    { name: "id", type: "string", value: "ID", description: "the service id in the file (default: the entry of the key's key hash)" },
  ]).map((f) => (f.name === "key" ? keyFlag("the service's signing key; pays the fee", false) : f)),
  examples: ["claim --key service.skey --allocation allocation-epoch-3.json", "claim --key svc.sk --allocation alloc.json --id svc-0042 --dry-run", "claim --keys a.skey,b.skey,c.skey --allocation alloc.json"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const file = args.requireString("allocation");
      if (args.has("key") === args.has("keys")) throw new UsageError("give --key FILE (one service) or --keys FILE,FILE,… (several)");
      if (args.has("keys") && args.has("id")) throw new UsageError("--id goes with --key (with --keys each key finds its own entry)");
      const { readAllocationFile } = await import("../../net/inputs.js");
      const { proofsOfShard } = await import("../../tx/emission/proof.js");
      const { bytes, alloc } = readAllocationFile(file, io.cwd);
      const keys: SigningKey[] = args.has("key") ? [await requireKey(ctx)] : await loadKeyList(ctx, "keys");
      if (keys.length === 0) throw new UsageError("flag --keys: no key files");
      const id = args.string("id");
      const found: { key: SigningKey; entry: AllocationFileEntry }[] = [];
      // The file holds leaves, not proofs: each claimed shard is rebuilt once (and its root
      // checked against the file's, so a tampered entry is named here).
      const shardProofs = new Map<number, EntryWithProof[]>();
      const withProof = (e: AllocationFileEntry): EntryWithProof => {
        try {
          if (!shardProofs.has(e.shard)) shardProofs.set(e.shard, proofsOfShard(alloc, e.shard));
        } catch (err) {
          throw new UsageError(`${file}: ${(err as Error).message}`);
        }
        return shardProofs.get(e.shard)![e.index]!;
      };
      const seen = new Set<string>();
      for (const key of keys) {
        if (seen.has(key.pkh)) throw new UsageError(`flag --keys: ${key.file} repeats key hash ${key.pkh}`);
        seen.add(key.pkh);
        let entry;
        if (id !== undefined) {
          entry = alloc.entries.find((e) => e.id === id);
          if (!entry) throw new UsageError(`${file}: no entry for service ${JSON.stringify(id)} in epoch ${alloc.epoch}`);
          if (entry.service !== key.pkh)
            throw new UsageError(`key ${key.file} (key hash ${key.pkh}) is not the key of service ${JSON.stringify(id)}: the allocation file names ${entry.service}`);
        } else {
          entry = alloc.entries.find((e) => e.service === key.pkh);
          if (!entry) throw new UsageError(`key ${key.file} (key hash ${key.pkh}) is not a service in ${file}: no allocation for it in epoch ${alloc.epoch}`);
        }
        found.push({ key, entry });
      }

      const opened = await openDeployment(ctx);
      const { deployment, protocol: p0, cfg } = opened;
      const chain = await connectChain(ctx, cfg, opened);
      const { attachReferenceScripts } = await import("../../net/deployment.js");
      const { readConfig, readPools } = await import("../../readers.js");
      const { checkAllocationFile } = await import("../../tx/emission/advance.js");
      const { claim, pickPool } = await import("../../tx/pool/claim.js");
      const { isBitSet } = await import("../../bitmap.js");
      const { decodePool } = await import("../../codec/data.js");
      const { blake2b256Hex, leafHash, verifyProof } = await import("../../merkle/index.js");
      const { buildPlan } = await import("../../net/tx.js");
      type BuiltTx = import("../../net/tx.js").BuiltTx;
      ctx.say(`reading the pools of epoch ${alloc.epoch} and the config`);
      const [p, pools, config, now, wallets] = await Promise.all([
        attachReferenceScripts(chain.lucid, p0, deployment, ["pool"]),
        readPools(chain.lucid, p0, alloc.epoch),
        readConfig(chain.lucid, p0),
        chain.now(),
        Promise.all(keys.map((k) => chain.lucid.utxosAt(k.address(cfg.lucidNetwork)))),
      ]);
      // Only authenticated pools are read (they hold a JetPool); among them, each claim
      // checks and builds on the one that can serve it (pickPool), so a copy of a pool's
      // datum at the pool address — even one with this leaf's bit set — changes nothing.
      const fileHash = blake2b256Hex(new TextEncoder().encode(bytes));
      // The file must be the one the pools were made from (its hash is in each pool datum)
      // before its leaves are trusted to rebuild the proofs.
      for (const { entry } of found) {
        const ofShard = pools.filter((x) => x.datum.shard === BigInt(entry.shard));
        if (ofShard.length === 0) throw new UsageError(`no open pool of epoch ${alloc.epoch} shard ${entry.shard} on chain (not advanced yet, or swept)`);
        if (!ofShard.some((x) => x.datum.fileHash === fileHash)) checkAllocationFile(bytes, ofShard[0]!.datum.fileHash);
      }
      const claims = found.map(({ key, entry }) => ({ key, entry: withProof(entry) }));
      const servingPool = (open: typeof pools, entry: EntryWithProof, nowMs: number) =>
        pickPool(p0, open, { epoch: alloc.epoch, shard: entry.shard, fileHash, nowMs, entry: { index: entry.index, service: entry.service, level: entry.level, amountPack: BigInt(entry.amountPack), proof: entry.proof } });
      for (const { entry } of claims) {
        const ofShard = pools.filter((x) => x.datum.shard === BigInt(entry.shard));
        if (ofShard.length === 0) throw new UsageError(`no open pool of epoch ${alloc.epoch} shard ${entry.shard} on chain (not advanced yet, or swept)`);
        let picked: (typeof pools)[number] | undefined;
        try {
          picked = servingPool(pools, entry, now);
        } catch (e) {
          if (!(e instanceof Error)) throw e;
        }
        const pool = picked ?? ofShard.find((x) => x.datum.fileHash === fileHash) ?? ofShard[0]!;
        checkAllocationFile(bytes, pool.datum.fileHash);
        const leaf = { epoch: BigInt(alloc.epoch), shard: BigInt(entry.shard), index: BigInt(entry.index), service: entry.service, level: BigInt(entry.level), amount: BigInt(entry.amountPack) };
        if (!verifyProof(pool.datum.root, leafHash(leaf), entry.index, entry.proof))
          throw new UsageError(`${file}: the proof of service ${JSON.stringify(entry.id)} does not lead to the pool's Merkle root ${pool.datum.root}`);
        if (isBitSet(pool.datum.bitmap, entry.index)) throw new UsageError(`service ${JSON.stringify(entry.id)} has already claimed its epoch ${alloc.epoch} allocation`);
        if (BigInt(now) > pool.datum.expiry) throw new UsageError(`the claim window of epoch ${alloc.epoch} closed at ${new Date(Number(pool.datum.expiry)).toISOString()}`);
        if (!picked) servingPool(pools, entry, now); // throws, naming what each candidate lacks
      }

      // Build the claims chained per pool (each on the previous one's pool output) and submit.
      // Services of one shard share its pool UTxO: when another claim spends it first, the
      // chain refuses ours (BadInputsUTxO). Then the claims already submitted stay, the
      // command waits until the spent pool UTxO is gone from the chain (plus a random pause
      // that grows with each attempt), reads the shard's new pool and rebuilds the rest, at
      // most CLAIM_ATTEMPTS times.
      const { ChainError } = await import("../../net/network.js");
      const spentPool: UTxO[] = []; // the pool UTxO each transaction of a round spends
      const buildFrom = async (todo: typeof claims, open: typeof pools): Promise<BuiltTx[]> => {
        const current = [...open];
        const out: BuiltTx[] = [];
        spentPool.length = 0;
        for (const { key, entry } of todo) {
          const picked = servingPool(current, entry, await chain.now());
          const pool = picked.utxo;
          const plan = claim({
            protocol: p,
            pool,
            configUtxo: config.utxo,
            entry: { index: entry.index, service: entry.service, level: entry.level, amountPack: BigInt(entry.amountPack), proof: entry.proof },
            nowMs: await chain.now(),
          });
          ctx.say(`building the claim of ${jet(BigInt(entry.amountPack))} Jet for service ${entry.id}`);
          key.selectAsWallet(chain.lucid);
          const b = await buildPlan({
            lucid: chain.lucid,
            protocol: p,
            plan,
            label: `claim of service ${entry.id}, epoch ${alloc.epoch}`,
            walletAddress: key.address(cfg.lucidNetwork),
            walletUtxos: walletUtxos.get(key.pkh) ?? (await chain.lucid.utxosAt(key.address(cfg.lucidNetwork))),
          });
          out.push(b);
          spentPool.push(pool);
          // the next claim of this shard builds on this one's continuing pool
          const next = b.outputs.find((u) => u.address === p0.pool.address);
          current.splice(current.indexOf(picked), 1);
          if (next) current.push({ utxo: next, datum: decodePool(next.datum!) });
        }
        return out;
      };
      // each key's wallet as read above; read again before a retry (its change moved)
      const walletUtxos = new Map(claims.map(({ key }, i) => [key.pkh, wallets[i]!]));
      const built: BuiltTx[] = [];
      const submitted: { label: string; hash: string }[] = [];
      let todo = claims;
      let open = pools;
      for (let attempt = 1; todo.length > 0; attempt++) {
        const round = await buildFrom(todo, open);
        let ok = 0;
        try {
          const s = await submitAll(ctx, chain, round, (i) => [todo[i]!.key], () => ok++);
          built.push(...round);
          submitted.push(...s);
          break;
        } catch (e) {
          const contended = e instanceof ChainError && /BadInputsUTxO|already spent/.test(e.message);
          if (!contended) throw e;
          const failed = todo[ok]!;
          const stale = spentPool[ok]!;
          for (let i = 0; i < ok; i++) {
            built.push(round[i]!);
            submitted.push({ label: round[i]!.label, hash: round[i]!.hash });
          }
          if (attempt >= CLAIM_ATTEMPTS)
            throw new ChainError(
              `gave up after ${attempt} attempts: the pool of epoch ${alloc.epoch} shard ${failed.entry.shard} was spent by other claims each time; ${built.length} claim(s) went through, run the command again for the rest`,
            );
          ctx.say(`the pool of epoch ${alloc.epoch} shard ${failed.entry.shard} was spent by another claim; rebuilding on its new UTxO (attempt ${attempt + 1} of ${CLAIM_ATTEMPTS})`);
          todo = todo.slice(ok);
          open = await waitForNewPool(chain, p0, alloc.epoch, stale, attempt);
          walletUtxos.clear();
        }
      }
      const claimed = claims.map(({ entry }) => ({ epoch: alloc.epoch, id: entry.id, service: entry.service, shard: entry.shard, index: entry.index, level: entry.level, amountPack: entry.amountPack }));
      await report(ctx, built, submitted, claims.length === 1 ? claimed[0]! : { epoch: alloc.epoch, claims: claimed }, [
        ...claims.map(({ entry }) => `service ${entry.id} (level ${entry.level}) claims ${jet(BigInt(entry.amountPack))} Jet of epoch ${alloc.epoch} into a lock it owns`),
      ]);
    }),
};

/** How many times `claim` builds against a shard's pool before it gives up. */
export const CLAIM_ATTEMPTS = 24;

/**
 * Waits until the pool UTxO `stale` is no longer on chain (another claim spent it and was
 * confirmed), then a random pause that grows with `attempt` (so competing claimants spread
 * out), and returns the epoch's pools as they are then. Gives up after two minutes.
 */
async function waitForNewPool(chain: import("../../net/chain.js").Chain, p: import("../../protocol.js").Protocol, epoch: number, stale: import("@lucid-evolution/lucid").UTxO, attempt: number) {
  const { readPools } = await import("../../readers.js");
  const { ChainError } = await import("../../net/network.js");
  const t0 = Date.now();
  for (;;) {
    const pools = await readPools(chain.lucid, p, epoch);
    if (!pools.some((x) => x.utxo.txHash === stale.txHash && x.utxo.outputIndex === stale.outputIndex)) {
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 750 * Math.min(attempt, 6))));
      return readPools(chain.lucid, p, epoch);
    }
    if (Date.now() - t0 > 120_000) throw new ChainError(`the pool UTxO ${stale.txHash}#${stale.outputIndex} stayed on chain for two minutes after another claim spent it`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
