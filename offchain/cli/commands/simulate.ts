// Why: replay several epochs of metrics through the carry-over rule
// f_total(t+1) = emission(t+1) + undistributed(t), from epoch 1, to check a whole history.
// How: read { weightsBps?, capsPack?, epochs: [ { services } … ] }, run economics.simulate().
import { simulate, type SimulationEpochResult } from "../../economics/simulate.js";
import { type Command } from "../command.js";
import { allocationJson, allocationTable, jet, json } from "../format.js";
import { inFile, parseSimulationFile, readJsonFile } from "../input.js";

export function simulationJson(rs: readonly SimulationEpochResult[]) {
  return rs.map((r) => ({
    epoch: r.epoch,
    emissionPack: r.emissionPack.toString(),
    fTotalPack: r.fTotalPack.toString(),
    distributedPack: r.distributedPack.toString(),
    undistributedPack: r.undistributedPack.toString(),
    services: r.services.map(allocationJson),
  }));
}

export function simulationText(rs: readonly SimulationEpochResult[]): string {
  return rs
    .map(
      (r) =>
        `epoch ${r.epoch}: emission ${jet(r.emissionPack)} + carried ${jet(r.fTotalPack - r.emissionPack)} = f_total ${jet(r.fTotalPack)} Jet\n\n` +
        allocationTable(r.services) +
        `\ndistributed   ${jet(r.distributedPack)} Jet\nundistributed ${jet(r.undistributedPack)} Jet (carries over)\n`,
    )
    .join("\n");
}

export const simulateCommand: Command = {
  name: "simulate",
  summary: "replay several epochs from epoch 1, carrying undistributed Jet forward",
  description: `FILE = { "weightsBps": [5000, 3000, 2000], "capsPack": [9 × Pack],
         "epochs": [ { "services": [ { "id": "…", "m1": …, "m2": …, "m3": … } ] }, … ] }
(weightsBps and capsPack optional). The first entry is epoch 1; f_total(1) = emission(1),
f_total(t+1) = emission(t+1) + undistributed(t).
--json prints [ { epoch, emissionPack, fTotalPack, distributedPack, undistributedPack,
services: [...] as in allocate --json } ].`,
  flags: [
    { name: "input", type: "string", value: "FILE", required: true, description: "JSON file with the weights and each epoch's services" },
    { name: "json", type: "boolean", description: "machine-readable JSON instead of tables" },
  ],
  examples: ["simulate --input test/cli/fixtures/two-epochs.json", "simulate --input history.json --json"],
  run(args, io) {
    const file = args.requireString("input");
    const raw = readJsonFile(file, io.cwd);
    const results = inFile(file, () => {
      const { epochs, weightsBps, capsPack } = parseSimulationFile(raw);
      return simulate(epochs, weightsBps, capsPack ? { capsPack } : {});
    });
    io.out(args.boolean("json") ? json(simulationJson(results)) : simulationText(results));
  },
};
