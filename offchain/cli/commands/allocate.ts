// Why: services and auditors must be able to recompute one epoch's split from published
// metrics. How: read { fTotalPack, weightsBps?, capsPack?, services } from a JSON file,
// run economics.allocate(), print a table (best first) or exact JSON (input order).
import { allocate } from "../../economics/allocation.js";
import { type Command } from "../command.js";
import { allocationJson, allocationTable, jet, json } from "../format.js";
import { expectObject, inFile, onlyKeys, parseCaps, parseNonNegInt, parseServices, parseWeights, readJsonFile } from "../input.js";

export const allocateCommand: Command = {
  name: "allocate",
  summary: "split one epoch's f_total among services by score, level and cap",
  description: `FILE = { "fTotalPack": "…", "weightsBps": [5000, 3000, 2000], "capsPack": [9 × Pack],
         "services": [ { "id": "…", "m1": …, "m2": …, "m3": … } ] }
(weightsBps and capsPack optional; metrics and Pack amounts as JSON integers or decimal strings;
ids unique). Score P_n = Σ w_k·M_k,n/M_k,total; rank by P (ties share the average rank);
percentile (1 − (rank−1)/N)×100 picks the level and its cap; S_n = min(⌊f_total·P_n/P⌋, cap).
--json prints { fTotalPack, distributedPack, undistributedPack, services: [ { id, score "n/d",
rank, percentile "n/d", level, capPack, allocationPack } ] } in input order.`,
  flags: [
    { name: "input", type: "string", value: "FILE", required: true, description: "JSON file with f_total and the services' metrics" },
    { name: "json", type: "boolean", description: "machine-readable JSON instead of a table" },
  ],
  examples: ["allocate --input test/cli/fixtures/epoch1.json", "allocate --input metrics.json --json"],
  run(args, io) {
    const file = args.requireString("input");
    const raw = readJsonFile(file, io.cwd);
    const result = inFile(file, () => {
      const o = expectObject(raw, "");
      onlyKeys(o, ["fTotalPack", "weightsBps", "capsPack", "services"], "");
      const fTotalPack = parseNonNegInt(o.fTotalPack, "fTotalPack");
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
