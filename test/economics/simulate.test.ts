import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  EPOCHS,
  PACK_PER_JET,
  SPEC_TWO_EPOCH_SCENARIO,
  emissionPack,
  simulate,
} from "../../offchain/economics/index.js";
import { jetAt } from "./helpers.js";
import { servicesArb, weightsArb } from "./arbitraries.js";

const JET = PACK_PER_JET;

describe("the spec's two-epoch scenario", () => {
  const [e1, e2] = simulate(SPEC_TWO_EPOCH_SCENARIO);

  it("epoch 1: f_total 3,479,788.70, distributed 52,000, undistributed 3,427,788.70 Jet", () => {
    expect(e1!.epoch).toBe(1);
    expect(e1!.emissionPack).toBe(emissionPack(1));
    expect(jetAt(e1!.fTotalPack, 2)).toBe("3479788.70");
    expect(e1!.distributedPack).toBe(52_000n * JET);
    expect(jetAt(e1!.undistributedPack, 2)).toBe("3427788.70");
  });

  it("epoch 2 scores A 0.40, C 0.35, B 0.25 with the same levels 1, 4, 6", () => {
    expect(e2!.services.map((s) => [s.id, s.score.toString(), s.level])).toEqual([
      ["A", "2/5", 1],
      ["B", "1/4", 6],
      ["C", "7/20", 4],
    ]);
  });

  it("epoch 2: f_total = 2,195,502.227 + 3,427,788.70 = 5,623,290.927; 52,000 distributed; 5,571,290.927 carried", () => {
    expect(jetAt(e2!.emissionPack, 3)).toBe("2195502.227");
    expect(e2!.fTotalPack).toBe(emissionPack(2) + e1!.undistributedPack);
    expect(jetAt(e2!.fTotalPack, 3)).toBe("5623290.927");
    expect(e2!.distributedPack).toBe(52_000n * JET);
    expect(jetAt(e2!.undistributedPack, 3)).toBe("5571290.927");
  });
});

describe("carry-over", () => {
  it("f_total(t+1) = emission(t+1) + undistributed(t), and f_total(1) = emission(1)", () => {
    fc.assert(
      fc.property(fc.array(servicesArb(8, 20n), { minLength: 1, maxLength: 6 }), weightsArb, (lists, w) => {
        const rs = simulate(lists.map((services) => ({ services })), w);
        expect(rs[0]!.fTotalPack).toBe(emissionPack(1));
        for (let i = 1; i < rs.length; i++) {
          expect(rs[i]!.epoch).toBe(i + 1);
          expect(rs[i]!.fTotalPack).toBe(emissionPack(i + 1) + rs[i - 1]!.undistributedPack);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("nothing is created or lost: Σ emissions = Σ distributed + final undistributed", () => {
    fc.assert(
      fc.property(fc.array(servicesArb(8, 20n), { minLength: 1, maxLength: 6 }), (lists) => {
        const rs = simulate(lists.map((services) => ({ services })));
        const emitted = rs.reduce((a, r) => a + r.emissionPack, 0n);
        const distributed = rs.reduce((a, r) => a + r.distributedPack, 0n);
        expect(distributed + rs.at(-1)!.undistributedPack).toBe(emitted);
      }),
      { numRuns: 100 },
    );
  });

  it("can start at a later epoch with a carry-in", () => {
    const [r] = simulate([{ services: [] }], undefined, { startEpoch: 100, carryInPack: 5n });
    expect(r!.epoch).toBe(100);
    expect(r!.fTotalPack).toBe(emissionPack(100) + 5n);
    expect(r!.undistributedPack).toBe(r!.fTotalPack);
  });

  it("after epoch 2776 nothing more is emitted; only the carry-over is split", () => {
    const rs = simulate([{ services: [] }, { services: [] }], undefined, { startEpoch: EPOCHS, carryInPack: 7n });
    expect(rs.map((r) => [r.epoch, r.emissionPack, r.fTotalPack])).toEqual([
      [EPOCHS, emissionPack(EPOCHS), emissionPack(EPOCHS) + 7n],
      [EPOCHS + 1, 0n, emissionPack(EPOCHS) + 7n],
    ]);
  });

  it("a bad service names its epoch", () => {
    expect(() => simulate([{ services: [] }, { services: [{ id: "x", m1: -1n, m2: 0n, m3: 0n }] }])).toThrow(
      "epochs[1].services[0].m1: must be a non-negative integer, got -1",
    );
  });
});
