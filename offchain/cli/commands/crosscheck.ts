// Why: "anyone may recompute every figure" — this command evaluates the compiled on-chain
// functions (emission, cap lookup, leaf hash, Merkle verify, bitmap) as UPLC and compares them
// with the SDK; CI runs it (test/crosscheck.test.ts), and any difference fails.
// How: offchain/crosscheck.ts does the work on plutus.exports.json (loaded lazily: the UPLC machine is large);
// the report goes to stdout (text or --json); on any mismatch the report goes to stderr and
// the command fails with exit code 1.
import { type Command, UsageError } from "../command.js";
import { json } from "../format.js";

export const crosscheckCommand: Command = {
  name: "crosscheck",
  summary: "evaluate the on-chain functions as UPLC and compare them with the SDK",
  description: `Evaluates the on-chain library functions, as compiled by \`aiken export\` (plutus.exports.json,
silent like the deployed validators), with a UPLC machine:
emission(t) for all 2,776 epochs (and epochs 0, -1, 2777 must fail), the level cap lookup for
levels 1…9 (and 0, 10, -1 must fail), the leaf hash of every leaf of a random tree, valid and
tampered Merkle proofs of a sample of its leaves, and bitmap reads and writes. Exit code 1 on
any mismatch.
--json prints { epochsChecked, emissionMismatches, levelsChecked, levelMismatches,
proofsChecked, proofMismatches, tamperedRejected, ok, … }.`,
  flags: [
    { name: "json", type: "boolean", description: "machine-readable JSON instead of text" },
    { name: "leaves", type: "integer", value: "N", description: "leaves of the random tree (default 10000, at least 2)" },
    { name: "proofs", type: "integer", value: "N", description: "valid proofs checked, sampled (default 256); as many tampered ones" },
    { name: "seed", type: "integer", value: "N", description: "seed of the random tree and bitmaps (default 1)" },
  ],
  examples: ["crosscheck", "crosscheck --json", "crosscheck --leaves 100000 --proofs 1000 --seed 7"],
  async run(args, io) {
    const leaves = args.integer("leaves") ?? 10_000;
    const proofs = args.integer("proofs") ?? 256;
    const seed = args.integer("seed") ?? 1;
    if (leaves < 2) throw new UsageError(`flag --leaves: at least 2, got ${leaves}`);
    if (proofs < 0) throw new UsageError(`flag --proofs: must not be negative, got ${proofs}`);
    const { runCrosscheck } = await import("../../crosscheck.js");
    const r = runCrosscheck({ leaves, proofs, seed, log: args.boolean("json") ? undefined : (l) => io.err(l + "\n") });
    const text = args.boolean("json")
      ? json(r)
      : [
          `emission: ${r.epochsChecked} epochs, ${r.emissionMismatches} mismatches`,
          `caps: ${r.levelsChecked} levels, ${r.levelMismatches} mismatches`,
          `leaf hashes: ${r.leafHashesChecked} (tree of ${r.treeLeaves} leaves, depth ${r.treeDepth}), ${r.leafHashMismatches} mismatches`,
          `proofs: ${r.proofsChecked} valid, ${r.proofMismatches} mismatches; ${r.tamperedRejected}/${r.tamperedChecked} tampered rejected`,
          `bitmaps: ${r.bitmapsChecked} cases, ${r.bitmapMismatches} mismatches`,
          ...r.mismatches.map((m) => `mismatch: ${m}`),
          `${r.ok ? "ok" : "FAILED"} (${r.ms.total} ms)`,
          "",
        ].join("\n");
    if (!r.ok) {
      io.err(text);
      throw new Error(`crosscheck failed: ${r.mismatches[0] ?? "tampered proof accepted"}`);
    }
    io.out(text);
  },
};
