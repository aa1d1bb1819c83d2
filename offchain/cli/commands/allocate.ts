// Why: services and auditors must be able to recompute one epoch's split from published
// metrics, and operators to review the split before `epoch-advance`, from the same file.
// How: read { fTotalPack?, weightsBps?, capsPack?, services } from a JSON file (the
// epoch-advance metrics file is accepted as it is: without fTotalPack, f_total comes from
// --f-total-pack or --epoch), run economics.allocate(), print a table (best first) or exact
// JSON (input order).
import { allocate } from "../../economics/allocation.js";
import { type Command, UsageError } from "../command.js";
import { emissionPack, EPOCHS } from "../../economics/emission.js";
import { InputError } from "../../economics/errors.js";
import { allocationJson, allocationTable, jet, json } from "../format.js";
import { expectObject, inFile, onlyKeys, parseCaps, parseNonNegInt, parseServices, parseWeights, readJsonFile } from "../input.js";

export const allocateCommand: Command = {
  name: "allocate",
  summary: "split one epoch's f_total among services by score, level and cap",
  description: `FILE = { "fTotalPack": "…", "weightsBps": [5000, 3000, 2000], "capsPack": [9 × Pack],
         "services": [ { "id": "…", "m1": …, "m2": …, "m3": … } ] }
(weightsBps and capsPack optional; metrics and Pack amounts as JSON integers or decimal strings;
ids unique). The metrics file of \`epoch-advance\` is accepted as it is: when it has no fTotalPack,
give --f-total-pack PACK, or --epoch N for f_total = emission(N) alone (the chain adds the
carry-over; \`status\` shows it). Score P_n = Σ w_k·M_k,n/M_k,total; rank by P (ties share the average rank);
percentile (1 − (rank−1)/N)×100 picks the level and its cap; S_n = min(⌊f_total·P_n/P⌋, cap).
--json prints { fTotalPack, distributedPack, undistributedPack, services: [ { id, score "n/d",
rank, percentile "n/d", level, capPack, allocationPack } ] } in input order.`,
  flags: [
    { name: "input", type: "string", value: "FILE", description: "JSON file with the services' metrics (and f_total)" },
    { name: "metrics", type: "string", value: "FILE", description: "the same as --input (the name epoch-advance uses)" },
    { name: "f-total-pack", type: "string", value: "PACK", description: "f_total in Pack, when the file has none" },
    { name: "epoch", type: "integer", value: "N", description: "f_total = the emission of epoch N, in Pack, when the file has none (no carry-over)" },
    { name: "json", type: "boolean", description: "machine-readable JSON instead of a table" },
  ],
  examples: ["allocate --input test/cli/fixtures/epoch1.json", "allocate --metrics metrics-3.json --epoch 3", "allocate --input metrics.json --json"],
  run(args, io) {
    if (args.has("input") === args.has("metrics")) throw new UsageError("give --input FILE (or its other name --metrics FILE)");
    const file = (args.string("input") ?? args.string("metrics"))!;
    const fFlag = args.string("f-total-pack");
    const epoch = args.integer("epoch");
    if (fFlag !== undefined && epoch !== undefined) throw new UsageError("give --f-total-pack or --epoch, not both");
    if (epoch !== undefined && (epoch < 1 || epoch > EPOCHS)) throw new UsageError(`flag --epoch: must be in 1…${EPOCHS}, got ${epoch}`);
    const fromFlags = fFlag !== undefined ? inFile("flag --f-total-pack", () => parseNonNegInt(fFlag, "value")) : epoch !== undefined ? emissionPack(epoch) : undefined;
    const raw = readJsonFile(file, io.cwd);
    const result = inFile(file, () => {
      const o = expectObject(raw, "");
      onlyKeys(o, ["fTotalPack", "weightsBps", "capsPack", "services"], "");
      if (o.fTotalPack !== undefined && fromFlags !== undefined) throw new InputError("fTotalPack", "is given in the file and by a flag: keep one");
      if (o.fTotalPack === undefined && fromFlags === undefined) throw new InputError("fTotalPack", "missing: add it to the file, or give --f-total-pack PACK or --epoch N");
      const fTotalPack = fromFlags ?? parseNonNegInt(o.fTotalPack, "fTotalPack");
      const weightsBps = parseWeights(o.weightsBps);
      const capsPack = parseCaps(o.capsPack);
      const services = parseServices(o.services, "services");
      return allocate({ fTotalPack, services, ...(weightsBps ? { weightsBps } : {}), ...(capsPack ? { capsPack } : {}) });
    });
    if (args.boolean("json")) {
      io.out(
        json({
          fTotalPack: result.fTotalPack.toString(),
          distributedPack: result.distributedPack.toString(),
          undistributedPack: result.undistributedPack.toString(),
          services: result.services.map(allocationJson),
        }),
      );
      return;
    }
    io.out(
      `f_total ${jet(result.fTotalPack)} Jet, ${result.services.length} services\n\n` +
        allocationTable(result.services) +
        `\ndistributed   ${jet(result.distributedPack)} Jet\nundistributed ${jet(result.undistributedPack)} Jet (carries over)\n`,
    );
  },
};
