// Why: allocation files hold every leaf but no proofs (a 100,000-service file would be
// ≈ 89 MB with them); a service, an auditor or a wallet integration needs one service's
// entry and its Merkle proof, checked against what the chain holds. How: rebuilds the
// entry's shard from the file (its root checked against the file's), prints the entry and
// the proof, and — unless --offline — reads the authenticated pool of that epoch and shard
// and checks its file hash and root and the proof against them. Read-only.
import { type Command, UsageError } from "../command.js";
import { jet, json as jsonText } from "../format.js";
import { connectChain, DEPLOYMENT_FLAG, guarded, JSON_FLAG, makeCtx, NETWORK_FLAGS, openDeployment, QUIET_FLAG } from "../../net/cli.js";

export const proofCommand: Command = {
  name: "proof",
  summary: "print one service's allocation entry and Merkle proof, verified against the on-chain pool",
  description: `Reads an allocation file (written by epoch-advance: every leaf, no proofs), rebuilds the shard of the
service named by --service (a key hash or an address) or --id, checks the rebuilt root against the
file's, and prints the entry (shard, index, level, amount in Jet and Pack) and its proof. Then, unless
--offline, it reads the pool of that epoch and shard (only a UTxO holding the JetPool token counts) and
checks that the pool's file hash is the file's and that the proof reaches the pool's root. Read-only.`,
  flags: [
    { name: "allocation", type: "string", value: "FILE", required: true, description: "the allocation file (allocation-epoch-N.json)" },
    { name: "service", type: "string", value: "PKH|ADDR", description: "the service's key hash or address" },
    { name: "id", type: "string", value: "ID", description: "the service id in the file" },
    { name: "offline", type: "boolean", description: "check against the file only, not the chain" },
    JSON_FLAG,
    QUIET_FLAG,
    DEPLOYMENT_FLAG,
    ...NETWORK_FLAGS,
  ],
  examples: ["proof --allocation allocation-epoch-3.json --service addr_test1…", "proof --allocation allocation-epoch-3.json --id svc-12 --offline --json"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const file = args.requireString("allocation");
      const serviceFlag = args.string("service");
      const id = args.string("id");
      if ((serviceFlag === undefined) === (id === undefined)) throw new UsageError("give --service PKH|ADDR or --id ID");
      // these load Lucid or noble: not at top level (fast --help)
      const { keyHashFrom } = await import("../../net/keys.js");
      const { readAllocationFile } = await import("../../net/inputs.js");
      const { blake2b256Hex, leafHash, verifyProof } = await import("../../merkle/index.js");
      const { entryWithProof } = await import("../../tx/emission/proof.js");
      const service = serviceFlag !== undefined ? keyHashFrom(serviceFlag, "flag --service") : undefined;
      const { bytes, alloc } = readAllocationFile(file, io.cwd);
      let entry;
      try {
        entry = entryWithProof(alloc, { id, service });
      } catch (e) {
        throw new UsageError(`${file}: ${(e as Error).message}`);
      }
      const fileHash = blake2b256Hex(new TextEncoder().encode(bytes));
      const leaf = { epoch: BigInt(alloc.epoch), shard: BigInt(entry.shard), index: BigInt(entry.index), service: entry.service, level: BigInt(entry.level), amount: BigInt(entry.amountPack) };
      let chain: { pool: string; root: string; verified: true } | null = null;
      if (!args.boolean("offline")) {
        const opened = await openDeployment(ctx);
        const { protocol: p, cfg } = opened;
        const c = await connectChain(ctx, cfg, opened);
        const { readPools } = await import("../../readers.js");
        ctx.say(`reading the pool of epoch ${alloc.epoch} shard ${entry.shard}`);
        const pools = (await readPools(c.lucid, p, alloc.epoch)).filter((x) => x.datum.shard === BigInt(entry.shard));
        if (pools.length === 0) throw new UsageError(`no pool of epoch ${alloc.epoch} shard ${entry.shard} on chain (not advanced yet, or swept)`);
        const pool = pools.find((x) => x.datum.fileHash === fileHash);
        if (!pool) throw new UsageError(`${file} is not the allocation file of epoch ${alloc.epoch}: its hash ${fileHash} differs from the pool's ${pools[0]!.datum.fileHash}`);
        if (!verifyProof(pool.datum.root, leafHash(leaf), entry.index, entry.proof))
          throw new UsageError(`${file}: the proof of ${JSON.stringify(entry.id)} does not reach the pool's root ${pool.datum.root}`);
        chain = { pool: `${pool.utxo.txHash}#${pool.utxo.outputIndex}`, root: pool.datum.root, verified: true };
      }
      const root = alloc.shards.find((s) => s.shard === entry.shard)!.root;
      if (ctx.json) {
        io.out(jsonText({ epoch: alloc.epoch, fileHash, ...entry, root, chain }));
        return;
      }
      io.out(
        [
          `service ${JSON.stringify(entry.id)} (key hash ${entry.service}), epoch ${alloc.epoch}`,
          `shard ${entry.shard}, leaf ${entry.index}, level ${entry.level}: ${jet(BigInt(entry.amountPack))} Jet (${entry.amountPack} Pack)`,
          `root ${root}`,
          `proof (${entry.proof.length} hashes, leaf level first):`,
          ...entry.proof.map((h) => `  ${h}`),
          chain ? `verified against pool ${chain.pool} on chain (file hash ${fileHash})` : "verified against the file only (--offline)",
        ].join("\n") + "\n",
      );
    }),
};
