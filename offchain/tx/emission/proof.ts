/**
 * Proofs from an allocation file. The file holds every leaf (service, shard, index, level,
 * amount) and each shard's root, not the proofs: a shard of 2,048 leaves is rebuilt in a
 * few milliseconds, and leaving the proofs out makes a 100,000-service file about a tenth
 * of the size (≈ 89 MB with proofs).
 *
 * `entryWithProof` rebuilds the shard of one entry from the file's own leaves, checks that
 * the rebuilt root is the root the file records (a tampered leaf is named), and returns the
 * entry with its proof. `proofsOfShard` does it for a whole shard at once (claims of many
 * services of one shard).
 */
import type { LeafData } from "../../codec/data.js";
import { buildTree } from "../../merkle/index.js";
import { JetpackError } from "../common.js";
import type { AllocationFile, AllocationFileEntry } from "./advance.js";

export type EntryWithProof = AllocationFileEntry & { proof: string[] };

/** Every entry of shard `s` with its proof, in index order; checks the rebuilt root. */
export function proofsOfShard(file: AllocationFile, s: number): EntryWithProof[] {
  const shard = file.shards.find((x) => x.shard === s);
  if (!shard) throw new JetpackError(`allocation file of epoch ${file.epoch} has no shard ${s}`);
  const entries = file.entries.filter((e) => e.shard === s).sort((a, b) => a.index - b.index);
  entries.forEach((e, i) => {
    if (e.index !== i) throw new JetpackError(`allocation file of epoch ${file.epoch}: shard ${s} has no leaf ${i} (entry ${JSON.stringify(e.id)} has index ${e.index})`);
  });
  if (entries.length !== shard.leaves) throw new JetpackError(`allocation file of epoch ${file.epoch}: shard ${s} lists ${shard.leaves} leaves but has ${entries.length} entries`);
  const leaves: LeafData[] = entries.map((e) => ({
    epoch: BigInt(file.epoch),
    shard: BigInt(s),
    index: BigInt(e.index),
    service: e.service,
    level: BigInt(e.level),
    amount: BigInt(e.amountPack),
  }));
  const tree = buildTree(leaves);
  if (tree.root !== shard.root)
    throw new JetpackError(`allocation file of epoch ${file.epoch}: the leaves of shard ${s} give root ${tree.root}, the file records ${shard.root} (a tampered entry)`);
  return entries.map((e, i) => ({ ...e, proof: tree.proof(i) }));
}

/** The entry of a service (by id or key hash) with its proof. */
export function entryWithProof(file: AllocationFile, pick: { id?: string; service?: string }): EntryWithProof {
  const e = file.entries.find((x) => (pick.id !== undefined && x.id === pick.id) || (pick.service !== undefined && x.service === pick.service));
  if (!e) throw new JetpackError(`allocation file of epoch ${file.epoch} has no entry for ${pick.id !== undefined ? `service id ${JSON.stringify(pick.id)}` : `key ${pick.service}`}`);
  return proofsOfShard(file, e.shard)[e.index]!;
}
