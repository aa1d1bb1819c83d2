/**
 * The chain report's model, from hand-built inputs: a state datum, pools as the readers return
 * them, and allocation files as epoch-advance writes them. Epoch 1 distributes 52,000 Jet;
 * 30,000 are claimed and the sweep burns the other 22,000, so f_total(2) is the chain's
 * emission(2) + undistributed(1) + 22,000 Jet — what a replay of metrics cannot know. Epoch 2
 * distributes 40,000 Jet in two pools, still on chain: one claimed, one not.
 */
import { describe, expect, it } from "vitest";
import { bitmapOf } from "../../offchain/bitmap.js";
import { EPOCHS, EPOCH_LENGTH_MS, emissionOrTailPack, emissionPack, scheduledThrough } from "../../offchain/economics/emission.js";
import { InputError } from "../../offchain/economics/errors.js";
import { DEFAULT_LEVEL_CAPS_PACK } from "../../offchain/economics/scoring.js";
import { chainFTotal } from "../../offchain/epoch.js";
import { blake2b256Hex } from "../../offchain/merkle/index.js";
import { chainReportJson } from "../../offchain/report/chain-json.js";
import { renderChainReportHtml } from "../../offchain/report/chain-render.js";
import { type AllocationFileInput, type ChainPoolInput, type ChainReportInputs, buildChainReportModel } from "../../offchain/report/chain.js";
import { ALLOCATION_FORMAT } from "../../offchain/tx/emission/advance.js";

const JET = 1_000_000n;
const G = Date.UTC(2026, 2, 1);
const key = (i: number) => i.toString(16).padStart(2, "0").repeat(28);
const root = "ab".repeat(32);

/** An allocation file's bytes, as epoch-advance writes them (JSON.stringify, no spaces). */
function fileBytes(epoch: number, fTotal: bigint, shards: { id: string; level: number; jet: bigint }[][], patch: Record<string, unknown> = {}): Uint8Array {
  const entries = shards.flatMap((s, shard) => s.map((e, index) => ({ id: e.id, service: key(shard * 10 + index + 1), shard, index, level: e.level, amountPack: String(e.jet * JET) })));
  const distributed = entries.reduce((a, e) => a + BigInt(e.amountPack), 0n);
  const file = {
    format: ALLOCATION_FORMAT,
    epoch,
    fTotalPack: String(fTotal),
    distributedPack: String(distributed),
    expiryMs: String(G + epoch * 1000),
    leavesPerShard: 2,
    shards: shards.map((s, shard) => ({ shard, root, leaves: s.length, amountPack: String(s.reduce((a, e) => a + e.jet * JET, 0n)) })),
    entries,
    ...patch,
  };
  return new TextEncoder().encode(JSON.stringify(file));
}

const f1Total = emissionPack(1);
const f1 = fileBytes(1, f1Total, [[{ id: "A", level: 1, jet: 30_000n }, { id: "B", level: 2, jet: 12_000n }, { id: "C", level: 3, jet: 10_000n }]]);
const swept1 = 22_000n * JET; // B and C never claimed
const mintedBefore2 = 52_000n * JET - swept1;
const f2Total = scheduledThrough(2) - mintedBefore2;
const f2 = fileBytes(2, f2Total, [[{ id: "A", level: 1, jet: 25_000n }], [{ id: "B", level: 2, jet: 15_000n }]]);
const f2Hash = blake2b256Hex(f2);
const NOW = G + 6 * EPOCH_LENGTH_MS;

function pool(shard: number, jet: bigint, claimed: number[], over: Partial<ChainPoolInput> = {}): ChainPoolInput {
  return { epoch: 2, shard, jetPack: jet * JET, bitmap: bitmapOf(claimed), expiryMs: BigInt(NOW + 86_400_000), fileHash: f2Hash, capsPack: DEFAULT_LEVEL_CAPS_PACK, utxo: `${"cd".repeat(32)}#${shard}`, ...over };
}

function inputs(over: Partial<ChainReportInputs> = {}, files: [number, Uint8Array][] = [[1, f1], [2, f2]]): ChainReportInputs {
  return {
    genesisMs: G,
    nowMs: NOW,
    state: { epoch: 2n, scheduled: scheduledThrough(2), minted: mintedBefore2 + 40_000n * JET },
    configCapsPack: DEFAULT_LEVEL_CAPS_PACK,
    pools: [pool(0, 0n, [0]), pool(1, 15_000n, [])],
    locksJetPack: 55_000n * JET,
    files: new Map(files.map(([t, bytes]): [number, AllocationFileInput] => [t, { name: `allocation-epoch-${t}.json`, bytes }])),
    ...over,
  };
}

describe("chain report model", () => {
  const m = buildChainReportModel(inputs());

  it("f_total(2) is the chain's: emission(2) + undistributed(1) + what the sweep burned", () => {
    expect(m.source).toBe("chain");
    expect(m.epoch).toBe(2); // the chain's epoch by default
    const [r1, r2] = m.history;
    expect(r1).toMatchObject({ epoch: 1, file: "unverified", fTotalPack: f1Total, carriedInPack: 0n, distributedPack: 52_000n * JET, services: 3, sweptPack: swept1, pools: null });
    expect(r1!.undistributedPack).toBe(f1Total - 52_000n * JET);
    expect(r2!.fTotalPack).toBe(chainFTotal({ epoch: 1n, scheduled: scheduledThrough(1), minted: mintedBefore2 }));
    expect(r2!.fTotalPack).toBe(emissionPack(2) + r1!.undistributedPack! + swept1);
    expect(r2!.carriedInPack).toBe(r1!.undistributedPack! + swept1);
    expect(r2).toMatchObject({ file: "verified", fileHash: f2Hash, distributedPack: 40_000n * JET, sweptPack: 0n, start: "2026-03-06" });
    expect(m.distributedToDatePack).toBe(92_000n * JET);
    expect(m.missingFiles).toEqual([]);
  });

  it("the current figures are those of jetpack status (same SDK functions)", () => {
    const s = inputs().state;
    const sdkScheduled = scheduledThrough(2);
    expect(m.chain).toMatchObject({ epoch: 2, scheduledPack: s.scheduled, mintedPack: s.minted, carryOverPack: sdkScheduled - s.minted });
    expect(m.chain.nextEpoch).toEqual({ epoch: 3, startMs: BigInt(G + 2 * EPOCH_LENGTH_MS), emissionPack: emissionOrTailPack(3), tail: false, fTotalPack: scheduledThrough(3) - s.minted });
    expect(m.chain.nextEpoch!.fTotalPack).toBe(chainFTotal(s));
    expect(m.chain.sweptToDatePack).toBe(swept1);
    expect(m.chain.poolsJetPack).toBe(15_000n * JET);
    expect(m.checks.filter((c) => !c.ok)).toEqual([]);
  });

  it("pools still on chain give claimed and unclaimed; the allocation says who claimed", () => {
    expect(m.current.pools).toEqual({ count: 2, unclaimedPack: 15_000n * JET, claimedPack: 25_000n * JET, claims: 1, expiryMs: BigInt(NOW + 86_400_000), expired: false });
    expect(m.allocations.map((a) => [a.id, a.shard, a.index, a.amountPack, a.claimed])).toEqual([
      ["A", 0, 0, 25_000n * JET, true],
      ["B", 1, 0, 15_000n * JET, false],
    ]);
    expect(m.capsFrom).toBe("pools");
    expect(m.levels!.slice(0, 3).map((l) => [l.level, l.count, l.allocatedPack])).toEqual([
      [1, 1, 25_000n * JET],
      [2, 1, 15_000n * JET],
      [3, 0, 0n],
    ]);
  });

  it("a report of an earlier epoch: its pools are gone, claims unknown, caps from the config", () => {
    const e1 = buildChainReportModel(inputs({ epoch: 1 }));
    expect(e1.history).toHaveLength(1);
    expect(e1.current.file).toBe("unverified");
    expect(e1.allocations.every((a) => a.claimed === null)).toBe(true);
    expect(e1.capsFrom).toBe("config");
    expect(e1.chain).toEqual(m.chain); // the chain now, whatever the report's epoch
  });

  it("a later sweep (epoch 2's pools expired and burned) shows as swept since the advance of epoch 2", () => {
    const after = buildChainReportModel(inputs({ state: { ...inputs().state, minted: inputs().state.minted - 15_000n * JET }, pools: [] }));
    expect(after.current.sweptPack).toBe(15_000n * JET);
    expect(after.current.file).toBe("unverified");
    expect(after.chain.sweptToDatePack).toBe(swept1 + 15_000n * JET);
    expect(after.chain.nextEpoch!.fTotalPack).toBe(chainFTotal({ epoch: 2n, scheduled: scheduledThrough(2), minted: after.chain.mintedPack }));
  });

  it("a missing file: the row shows what the chain gives, the rest is null (not 0), the report is still made", () => {
    const miss = buildChainReportModel(inputs({}, [[2, f2]]));
    expect(miss.missingFiles).toEqual([1]);
    expect(miss.history[0]).toMatchObject({ epoch: 1, file: "missing", emissionPack: emissionPack(1), fTotalPack: null, distributedPack: null, sweptPack: null, services: null, pools: null });
    expect(miss.history[1]!.fTotalPack).toBe(f2Total);
    expect(miss.chain.sweptToDatePack).toBeNull();
    expect(miss.distributedToDatePack).toBeNull();
    const j = chainReportJson(miss);
    expect(j.history[0]).toMatchObject({ fTotalPack: null, allocationFile: { name: "allocation-epoch-1.json", status: "missing", fileHash: null } });
    expect(j.missingAllocationFiles).toEqual([1]);
    const html = renderChainReportHtml(miss, { allocationsDir: "published" });
    expect(html).toContain("No allocation file for epoch 1 in published");
    // the current epoch's file missing: its pools' hash is shown
    const miss2 = buildChainReportModel(inputs({}, [[1, f1]]));
    expect(miss2.current).toMatchObject({ file: "missing", fileHash: f2Hash, pools: { claimedPack: null, unclaimedPack: 15_000n * JET, claims: 1 } });
    expect(miss2.levels).toBeNull();
    expect(renderChainReportHtml(miss2)).toContain("No allocation file of epoch 2");
  });

  it("a tampered file whose pools are on chain is refused, naming the file", () => {
    const bad = fileBytes(2, f2Total, [[{ id: "A", level: 1, jet: 25_001n }], [{ id: "B", level: 2, jet: 14_999n }]]);
    expect(() => buildChainReportModel(inputs({}, [[1, f1], [2, bad]]))).toThrow(InputError);
    expect(() => buildChainReportModel(inputs({}, [[1, f1], [2, bad]]))).toThrow(
      new RegExp(`^allocation-epoch-2\\.json: blake2b-256 ${blake2b256Hex(bad)} differs from the fileHash ${f2Hash} of epoch 2's pool \\(shard 0\\) on chain`),
    );
    // even one byte (a trailing newline) is a different file
    expect(() => buildChainReportModel(inputs({}, [[1, f1], [2, new Uint8Array([...f2, 10])]]))).toThrow(/differs from the fileHash/);
  });

  it("an unverifiable file that disagrees with the chain fails a check; a malformed one is refused", () => {
    const off = buildChainReportModel(inputs({}, [[1, fileBytes(1, f1Total + JET, [[{ id: "A", level: 1, jet: 52_000n }]])], [2, f2]]));
    expect(off.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(["f_total(1) = emission(1)"]);
    const overSwept = buildChainReportModel(inputs({}, [[1, fileBytes(1, f1Total, [[{ id: "A", level: 1, jet: 10_000n }]])], [2, f2]]));
    expect(overSwept.checks.find((c) => c.name === "sweeps ≥ 0")).toMatchObject({ ok: false, detail: expect.stringMatching(/negative in epochs 1/) });
    const wrongEpoch = fileBytes(3, f1Total, [[{ id: "A", level: 1, jet: 1n }]]);
    expect(() => buildChainReportModel(inputs({}, [[1, wrongEpoch], [2, f2]]))).toThrow(/^allocation-epoch-1\.json: epoch: is 3, not 1$/);
    const sums = fileBytes(1, f1Total, [[{ id: "A", level: 1, jet: 1n }]], { distributedPack: "5" });
    expect(() => buildChainReportModel(inputs({}, [[1, sums], [2, f2]]))).toThrow(/^allocation-epoch-1\.json: distributedPack: is 5, but the entries sum to 1000000/);
    expect(() => buildChainReportModel(inputs({}, [[1, new TextEncoder().encode("{")], [2, f2]]))).toThrow(/^allocation-epoch-1\.json: invalid JSON/);
  });

  it("the report's epoch: 1…the chain's epoch; nothing to report at epoch 0", () => {
    expect(() => buildChainReportModel(inputs({ epoch: 3 }))).toThrow(/^epoch: must be in 1…2 \(the chain is at epoch 2\), got 3$/);
    expect(() => buildChainReportModel(inputs({ epoch: 0 }))).toThrow(/got 0$/);
    expect(() => buildChainReportModel(inputs({ state: { epoch: 0n, scheduled: 0n, minted: 0n }, pools: [] }, []))).toThrow(/no epoch has been advanced yet/);
  });

  it("after the schedule: tail epochs keep going while carry-over remains, then the schedule is complete", () => {
    const tail = buildChainReportModel(inputs({ state: { epoch: BigInt(EPOCHS + 1), scheduled: scheduledThrough(EPOCHS), minted: 10n ** 15n - 5n }, pools: [], epoch: 2 }));
    expect(tail.chain.nextEpoch).toMatchObject({ epoch: EPOCHS + 2, emissionPack: 0n, tail: true, fTotalPack: 5n });
    expect(tail.missingFiles).toHaveLength(EPOCHS - 1);
    const done = buildChainReportModel(inputs({ state: { epoch: BigInt(EPOCHS + 1), scheduled: scheduledThrough(EPOCHS), minted: 10n ** 15n }, pools: [], epoch: 1 }));
    expect(done.chain.nextEpoch).toBeNull();
    expect(done.chain.carryOverPack).toBe(0n);
  });
});

describe("chain report JSON and page", () => {
  const m = buildChainReportModel(inputs());
  const j = JSON.parse(JSON.stringify(chainReportJson(m, { network: "local", deployment: "jetpack-deployment.json" })));
  const html = renderChainReportHtml(m, { network: "local", allocationsDir: "." });

  it("the JSON twin has the page's figures, Pack as strings, source chain", () => {
    expect(j).toMatchObject({ report: "jetpack epoch report", source: "chain", epoch: 2, tail: false, start: "2026-03-06", genesisMs: G, network: "local" });
    expect(j.chain).toMatchObject({ epoch: 2, scheduledPack: String(scheduledThrough(2)), mintedPack: String(inputs().state.minted), sweptToDatePack: String(swept1) });
    expect(j.chain.nextEpoch.fTotalPack).toBe(String(chainFTotal(inputs().state)));
    expect(j.history.map((h: { fTotalPack: string }) => h.fTotalPack)).toEqual([String(f1Total), String(f2Total)]);
    expect(j.epochReport).toMatchObject({ epoch: 2, sweptPack: "0", pools: { unclaimedPack: "15000000000", claimedPack: "25000000000", claims: 1 } });
    expect(j.epochReport.allocations[1]).toEqual({ id: "B", service: key(11), shard: 1, index: 0, level: 2, amountPack: "15000000000", claimed: false });
    expect(j.schedule.emissionPack).toHaveLength(EPOCHS);
    expect(j.checks.every((c: { ok: boolean }) => c.ok)).toBe(true);
  });

  it("the page: self-contained, the chain's figures, claims, sweeps; service ids escaped", () => {
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|\son[a-z]+=|src=|href=/i);
    expect(html.match(/<svg /g)).toHaveLength(4);
    for (const tag of ["svg", "g", "table", "section", "text", "title"]) expect(html.match(new RegExp(`<${tag}[ >]`, "g"))?.length, tag).toBe(html.match(new RegExp(`</${tag}>`, "g"))?.length);
    expect(html).toContain("from the chain (local): state at epoch 2");
    expect(html).toMatch(/id="card-ftotal"><div class="k">f_total\(2\)<\/div><div class="v">5,645,290\.927074 Jet</); // the chain's, sweep included
    expect(html).toMatch(/id="card-swept"><div class="k">[^<]*<\/div><div class="v">22,000\.000000 Jet</);
    expect(html).toContain("<td>verified</td>");
    expect(html).toContain("<td>unverified</td>");
    expect(html).toContain('<td class="n">22,000.000000</td>'); // swept in epoch 1
    const evil = buildChainReportModel(inputs({ pools: [] }, [[1, f1], [2, fileBytes(2, f2Total, [[{ id: "<b>x</b>", level: 1, jet: 40_000n }]])]]));
    expect(renderChainReportHtml(evil)).toContain("&lt;b&gt;x&lt;/b&gt;");
  });
});
