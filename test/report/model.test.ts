/**
 * The report model shows the SDK's own figures: the history is simulate() over epochs 1…N,
 * the epoch's allocation equals allocate() on f_total(N), the schedule is scheduleTable(), and
 * the JSON twin prints them exactly (Pack as strings, fractions "n/d").
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { simulationJson } from "../../offchain/cli/commands/simulate.js";
import { allocate } from "../../offchain/economics/allocation.js";
import { EPOCHS, TOTAL_SUPPLY_PACK, cumulativePack, emissionPack, epochStartDate, epochStartMs, scheduleTable } from "../../offchain/economics/emission.js";
import { InputError } from "../../offchain/economics/errors.js";
import { SPEC_EPOCH2_SERVICES, SPEC_TWO_EPOCH_SCENARIO } from "../../offchain/economics/examples.js";
import { DEFAULT_LEVEL_CAPS_PACK, type ServiceMetrics } from "../../offchain/economics/scoring.js";
import { simulate } from "../../offchain/economics/simulate.js";
import { MAX_GENESIS_MS, MAX_TAIL_EPOCH, buildReportModel, byRank, reportJson } from "../../offchain/report/model.js";
import { syntheticMetrics } from "./helpers.js";

const JET = 1_000_000n;

describe("report model: the spec's two epochs", () => {
  const m = buildReportModel({ epoch: 2, metrics: { epochs: SPEC_TWO_EPOCH_SCENARIO } });

  it("has the spec's epoch-2 figures", () => {
    expect(m.source).toBe("input");
    expect(m.current.epoch).toBe(2);
    expect(m.current.start).toBe("2025-01-06");
    expect(m.current.emissionPack).toBe(2_195_502_227_011n);
    expect(m.current.carriedInPack).toBe(3_427_788_700_063n);
    expect(m.current.fTotalPack).toBe(5_623_290_927_074n);
    expect(m.current.distributedPack).toBe(52_000n * JET);
    expect(m.current.undistributedPack).toBe(5_571_290_927_074n);
    expect(m.services.map((s) => [s.id, s.score.toString(), s.level, s.allocationPack])).toEqual([
      ["A", "2/5", 1, 30_000n * JET],
      ["C", "7/20", 4, 15_000n * JET],
      ["B", "1/4", 6, 7_000n * JET],
    ]);
    expect(m.levels.map((l) => l.count)).toEqual([1, 0, 0, 1, 0, 1, 0, 0, 0]);
    expect(m.levels.map((l) => l.capPack)).toEqual(DEFAULT_LEVEL_CAPS_PACK);
    expect(m.distributedToDatePack).toBe(104_000n * JET);
  });

  it("equals simulate() and allocate()", () => {
    const sim = simulate(SPEC_TWO_EPOCH_SCENARIO);
    expect(m.history.map((h) => [h.epoch, h.emissionPack, h.fTotalPack, h.distributedPack, h.undistributedPack])).toEqual(
      sim.map((r) => [r.epoch, r.emissionPack, r.fTotalPack, r.distributedPack, r.undistributedPack]),
    );
    const alloc = allocate({ fTotalPack: emissionPack(2) + sim[0]!.undistributedPack, services: SPEC_EPOCH2_SERVICES });
    expect(m.services).toEqual(byRank(alloc.services));
  });

  it("JSON twin: Pack as strings, fractions as n/d, the entries of simulate --json", () => {
    const j = reportJson(m);
    const sim = simulationJson(simulate(SPEC_TWO_EPOCH_SCENARIO));
    expect(j.epoch).toBe(2);
    expect(j.epochReport.fTotalPack).toBe("5623290927074");
    expect(j.epochReport.undistributedPack).toBe("5571290927074");
    expect(j.epochReport.allocations).toEqual([...sim[1]!.services].sort((a, b) => a.rank - b.rank));
    expect(j.epochReport.allocations[1]).toMatchObject({ id: "C", score: "7/20", percentile: "200/3", allocationPack: "15000000000" });
    expect(j.history.map((h) => [h.emissionPack, h.fTotalPack, h.distributedPack, h.undistributedPack])).toEqual(
      sim.map((r) => [r.emissionPack, r.fTotalPack, r.distributedPack, r.undistributedPack]),
    );
    expect(j.schedule.emissionPack).toHaveLength(EPOCHS);
    expect(j.schedule.emissionPack[0]).toBe("3479788700063");
    expect(j.schedule.emissionPack[EPOCHS - 1]).toBe("304195642529");
    expect(j.schedule.emittedToDatePack).toBe(cumulativePack(2).toString());
    // it survives a JSON round trip unchanged (no bigint, no undefined)
    expect(JSON.parse(JSON.stringify(j))).toEqual(j);
  });
});

describe("report model: any metrics", () => {
  it("history = simulate(epochs 1…N), epoch N = allocate(f_total(N)), levels count the services", () => {
    const service = fc.record({
      m1: fc.bigInt({ min: 0n, max: 10_000n }),
      m2: fc.bigInt({ min: 0n, max: 500n }),
      m3: fc.bigInt({ min: 0n, max: 3_000n }),
    });
    const epochs = fc.array(fc.array(service, { maxLength: 25 }), { minLength: 1, maxLength: 6 }).map((es) =>
      es.map((ss) => ({ services: ss.map((s, i): ServiceMetrics => ({ id: `s${i}`, ...s })) })),
    );
    fc.assert(
      fc.property(epochs, fc.nat(), fc.constantFrom([5000, 3000, 2000], [3334, 3333, 3333], [10000, 0, 0]), (es, pick, weightsBps) => {
        const n = 1 + (pick % es.length);
        const m = buildReportModel({ epoch: n, metrics: { epochs: es, weightsBps } });
        const sim = simulate(es.slice(0, n), weightsBps);
        expect(m.history).toHaveLength(n);
        m.history.forEach((h, i) => {
          const r = sim[i]!;
          expect([h.epoch, h.emissionPack, h.carriedInPack, h.fTotalPack, h.distributedPack, h.undistributedPack, h.services]).toEqual([
            r.epoch,
            r.emissionPack,
            r.fTotalPack - r.emissionPack,
            r.fTotalPack,
            r.distributedPack,
            r.undistributedPack,
            r.services.length,
          ]);
        });
        const fTotal = emissionPack(n) + (n > 1 ? sim[n - 2]!.undistributedPack : 0n);
        const alloc = allocate({ fTotalPack: fTotal, services: es[n - 1]!.services, weightsBps });
        expect(m.current.fTotalPack).toBe(fTotal);
        expect(m.current.distributedPack).toBe(alloc.distributedPack);
        expect(m.services).toEqual(byRank(alloc.services));
        expect(m.levels.reduce((a, l) => a + l.count, 0)).toBe(alloc.services.length);
        for (const l of m.levels) {
          const at = alloc.services.filter((s) => s.level === l.level);
          expect(l.count).toBe(at.length);
          expect(l.allocatedPack).toBe(at.reduce((a, s) => a + s.allocationPack, 0n));
        }
        // best rank first
        for (let i = 1; i < m.services.length; i++) expect(m.services[i - 1]!.rank.compare(m.services[i]!.rank)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 60 },
    );
  });

  it("uses only epochs 1…N of a longer file; custom caps are reported", () => {
    const metrics = syntheticMetrics(12, 20, 5);
    const caps = DEFAULT_LEVEL_CAPS_PACK.map((c) => c * 2n);
    const m = buildReportModel({ epoch: 7, metrics: { ...metrics, capsPack: caps } });
    expect(m.history).toHaveLength(7);
    expect(m.capsPack).toEqual(caps);
    expect(m.levels.map((l) => l.capPack)).toEqual(caps);
    const sim = simulate(metrics.epochs.slice(0, 7), undefined, { capsPack: caps });
    expect(m.current.undistributedPack).toBe(sim[6]!.undistributedPack);
  });
});

describe("report model: schedule only", () => {
  it("nothing is distributed; f_total(t) = Σ emission(1…t)", () => {
    const m = buildReportModel({ epoch: 50 });
    expect(m.source).toBe("schedule");
    expect(m.services).toEqual([]);
    expect(m.levels.every((l) => l.count === 0 && l.allocatedPack === 0n)).toBe(true);
    m.history.forEach((h, i) => {
      expect(h.epoch).toBe(i + 1);
      expect(h.emissionPack).toBe(emissionPack(i + 1));
      expect(h.fTotalPack).toBe(cumulativePack(i + 1));
      expect(h.distributedPack).toBe(0n);
      expect(h.undistributedPack).toBe(cumulativePack(i + 1));
    });
    expect(m.schedule).toEqual(scheduleTable());
    expect(m.emittedToDatePack + m.remainingPack).toBe(TOTAL_SUPPLY_PACK);
    expect(m.distributedToDatePack).toBe(0n);
  });

  it("covers the last epoch: everything emitted, all of it undistributed", () => {
    const m = buildReportModel({ epoch: EPOCHS });
    expect(m.history).toHaveLength(EPOCHS);
    expect(m.remainingPack).toBe(0n);
    expect(m.current.undistributedPack).toBe(TOTAL_SUPPLY_PACK);
    expect(m.current.start).toBe("2062-12-28");
  });

  it("dates follow the genesis time", () => {
    const g = Date.UTC(2026, 2, 1);
    const m = buildReportModel({ epoch: 3, genesisMs: g });
    expect(m.history.map((h) => h.start)).toEqual([1, 2, 3].map((t) => epochStartDate(t, g)));
    expect(m.current.start).toBe("2026-03-11");
  });
});

describe("report model: tail epochs (after 2776: emission 0, carry-over only)", () => {
  // services in every epoch: the caps leave most of each f_total undistributed, so a large
  // carry-over reaches epoch 2777 and the tail epochs distribute from it alone
  const metrics = syntheticMetrics(EPOCHS + 4, 5, 11);
  const n = EPOCHS + 3;
  const m = buildReportModel({ epoch: n, metrics });

  it("a tail epoch distributes only what was left undistributed before it", () => {
    expect(m.tail).toBe(true);
    expect(m.history).toHaveLength(n);
    const last = m.history[EPOCHS - 1]!;
    expect(last.undistributedPack).toBeGreaterThan(0n); // left over when the schedule ended
    const tail = m.history.slice(EPOCHS);
    expect(tail.map((h) => h.epoch)).toEqual([EPOCHS + 1, EPOCHS + 2, EPOCHS + 3]);
    expect(tail[0]!.carriedInPack).toBe(last.undistributedPack);
    for (const [i, h] of tail.entries()) {
      expect(h.emissionPack).toBe(0n);
      expect(h.fTotalPack).toBe(h.carriedInPack);
      expect(h.carriedInPack).toBe(m.history[EPOCHS - 1 + i]!.undistributedPack);
      expect(h.distributedPack).toBeGreaterThan(0n);
      expect(h.distributedPack + h.undistributedPack).toBe(h.fTotalPack);
    }
    expect(m.current).toEqual(tail[2]);
    // epoch N's allocation is allocate() on the carry-over alone
    const alloc = allocate({ fTotalPack: tail[1]!.undistributedPack, services: metrics.epochs[n - 1]!.services });
    expect(m.current.distributedPack).toBe(alloc.distributedPack);
    expect(m.services).toEqual(byRank(alloc.services));
    // nothing is created or lost: all 10^15 Pack were emitted, and each is distributed or carried
    expect(m.emittedToDatePack).toBe(TOTAL_SUPPLY_PACK);
    expect(m.remainingPack).toBe(0n);
    expect(m.distributedToDatePack + m.current.undistributedPack).toBe(TOTAL_SUPPLY_PACK);
    // the schedule stays the 2,776 scheduled epochs
    expect(m.schedule).toEqual(scheduleTable());
  });

  it("equals simulate() over epochs 1…N", () => {
    const sim = simulate(metrics.epochs.slice(0, n));
    expect(m.history.map((h) => [h.epoch, h.emissionPack, h.fTotalPack, h.distributedPack, h.undistributedPack])).toEqual(
      sim.map((r) => [r.epoch, r.emissionPack, r.fTotalPack, r.distributedPack, r.undistributedPack]),
    );
  });

  it("JSON twin: tail true, remainingPack \"0\", the schedule still 2,776 entries", () => {
    const j = reportJson(m);
    expect(j.tail).toBe(true);
    expect(j.epoch).toBe(n);
    expect(j.schedule.remainingPack).toBe("0");
    expect(j.schedule.emittedToDatePack).toBe(TOTAL_SUPPLY_PACK.toString());
    expect(j.schedule.emissionPack).toHaveLength(EPOCHS);
    expect(j.epochReport.emissionPack).toBe("0");
    expect(j.epochReport.carriedInPack).toBe(j.epochReport.fTotalPack);
    expect(j.history).toHaveLength(n);
    expect(JSON.parse(JSON.stringify(j))).toEqual(j);
    expect(reportJson(buildReportModel({ epoch: EPOCHS })).tail).toBe(false);
  });

  it("schedule only up to the last tail epoch: everything carried, dates still valid", () => {
    const last = buildReportModel({ epoch: MAX_TAIL_EPOCH });
    expect(last.tail).toBe(true);
    expect(last.history).toHaveLength(MAX_TAIL_EPOCH);
    expect(last.history.slice(EPOCHS).every((h) => h.emissionPack === 0n && h.fTotalPack === TOTAL_SUPPLY_PACK && h.distributedPack === 0n)).toBe(true);
    expect(last.current.start).toBe(epochStartDate(MAX_TAIL_EPOCH));
    expect(last.remainingPack).toBe(0n);
    // the latest genesis allowed still dates the last tail epoch
    const late = buildReportModel({ epoch: MAX_TAIL_EPOCH, genesisMs: MAX_GENESIS_MS });
    expect(epochStartMs(MAX_TAIL_EPOCH, MAX_GENESIS_MS)).toBe(8.64e15); // the last valid JavaScript date
    expect(late.current.start).toBe(epochStartDate(MAX_TAIL_EPOCH, MAX_GENESIS_MS));
  });
});

describe("report model: bad input", () => {
  const bad: [string, () => unknown, RegExp][] = [
    ["epoch 0", () => buildReportModel({ epoch: 0 }), /^epoch: must be an integer in 1…12776, got 0$/],
    ["epoch after the last tail epoch", () => buildReportModel({ epoch: MAX_TAIL_EPOCH + 1 }), /^epoch: must be an integer in 1…12776, got 12777$/],
    ["epoch 1.5", () => buildReportModel({ epoch: 1.5 }), /^epoch: .* got 1\.5$/],
    ["fewer epochs than N", () => buildReportModel({ epoch: 3, metrics: { epochs: SPEC_TWO_EPOCH_SCENARIO } }), /^epochs: has 2 epochs, fewer than the report epoch 3$/],
    ["negative genesis", () => buildReportModel({ epoch: 1, genesisMs: -1 }), /^genesisMs: /],
    ["genesis past the last valid date", () => buildReportModel({ epoch: 1, genesisMs: 8.64e15 }), /^genesisMs: /],
    ["genesis one ms too late for the last tail epoch's date", () => buildReportModel({ epoch: 1, genesisMs: MAX_GENESIS_MS + 1 }), /^genesisMs: must be POSIX milliseconds in 0…\d+, got \d+$/],
    ["bad weights", () => buildReportModel({ epoch: 1, metrics: { epochs: SPEC_TWO_EPOCH_SCENARIO, weightsBps: [1, 2, 3] } }), /^weightsBps/],
  ];
  for (const [name, fn, msg] of bad) {
    it(`${name} → InputError`, () => {
      expect(fn).toThrow(InputError);
      expect(fn).toThrow(msg);
    });
  }
});
