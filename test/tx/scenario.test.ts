/**
 * The spec's worked scenario end to end in the Emulator (offchain/demo/scenario.ts, the
 * same run `npm run demo` prints), with the traced scripts: genesis; epochs 1 and 2
 * advanced with services A, B and C; claims signed by each service; rewards to three users
 * each; the expired epoch-2 pool swept so that B's unclaimed allocation carries over.
 * Every balance and the state datum equal the SDK's own figures, to the Pack.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { tracedValidators } from "../helpers/scripts.js";
import { runSpecScenario, type ScenarioRecord } from "../../offchain/demo/scenario.js";
import { cumulativePack, emissionPack, PACK_PER_JET } from "../../offchain/economics/emission.js";
import { SPEC_EPOCH1_SERVICES, SPEC_EPOCH2_SERVICES } from "../../offchain/economics/examples.js";
import { simulate } from "../../offchain/economics/simulate.js";
import { readPools } from "../../offchain/readers.js";

const JET = PACK_PER_JET;
const sim = simulate([{ services: SPEC_EPOCH1_SERVICES }, { services: SPEC_EPOCH2_SERVICES }]);
let r: ScenarioRecord;

describe("the spec scenario, end to end", () => {
  beforeAll(async () => {
    r = await runSpecScenario(await tracedValidators());
  });

  it("epoch 1 mints 52,000 Jet at levels 1/4/6 and the state records it", () => {
    const [e1] = r.epochs;
    expect(e1!.plan.fTotalPack).toBe(emissionPack(1));
    expect(e1!.plan.allocation.services.map((s) => [s.id, s.level, s.allocationPack])).toEqual([
      ["A", 1, 30_000n * JET],
      ["B", 6, 7_000n * JET],
      ["C", 4, 15_000n * JET],
    ]);
    expect(e1!.plan.allocation.undistributedPack).toBe(sim[0]!.undistributedPack); // 3,427,788.700063 Jet
    expect(e1!.stateAfter).toEqual({ epoch: 1n, scheduled: cumulativePack(1), minted: 52_000n * JET });
  });

  it("epoch 2 carries over epoch 1's undistributed Jet into f_total", () => {
    const e2 = r.epochs[1]!;
    expect(e2.plan.fTotalPack).toBe(sim[1]!.fTotalPack); // 5,623,290.927074 Jet
    expect(e2.plan.allocation.undistributedPack).toBe(sim[1]!.undistributedPack); // 5,571,290.927074 Jet
    expect(e2.stateAfter).toEqual({ epoch: 2n, scheduled: cumulativePack(2), minted: 104_000n * JET });
  });

  it("each service's claims land in its own lock and its rewards reach three users", () => {
    expect(r.lockJet).toEqual({ A: (60_000n - 6n) * JET, B: (7_000n - 12n) * JET, C: (30_000n - 18n) * JET });
    expect(r.userJet).toEqual({ user1: 6n * JET, user2: 12n * JET, user3: 18n * JET });
  });

  it("the sweep burns B's unclaimed 7,000 Jet, which carries over into epoch 3", async () => {
    expect(r.sweptPack).toBe(7_000n * JET);
    expect(r.stateAfterSweep).toEqual({ epoch: 2n, scheduled: cumulativePack(2), minted: 97_000n * JET });
    expect(r.carryIntoEpoch3).toBe(emissionPack(3) + sim[1]!.undistributedPack + 7_000n * JET);
    expect(await readPools(r.world.lucid, r.protocol)).toEqual([]);
  });

  it("every Jet on chain is accounted for by the state's minted figure", () => {
    const users = Object.values(r.userJet).reduce((a, b) => a + b, 0n);
    const locks = Object.values(r.lockJet).reduce((a, b) => a + b, 0n);
    expect(users + locks).toBe(r.stateAfterSweep.minted);
  });
});
