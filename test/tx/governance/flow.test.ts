/**
 * The governance life cycle in the Emulator with the SDK's builders: holders commit, one
 * proposes new weights, votes pass it, a tally counts the receipts, and after the timelock
 * the execution writes the proposal's config (version + 1).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { newWorld, run, type World } from "../../helpers/chain.js";
import type { Protocol } from "../../../offchain/protocol.js";
import { configToData } from "../../../offchain/codec/data.js";
import { increase } from "../../../offchain/tx/governance/increase.js";
import { propose } from "../../../offchain/tx/governance/propose.js";
import { vote } from "../../../offchain/tx/governance/vote.js";
import { tally } from "../../../offchain/tx/governance/tally.js";
import { execute } from "../../../offchain/tx/governance/execute.js";
import { withdrawCommitment } from "../../../offchain/tx/governance/withdraw.js";
import { nextConfig } from "../../../offchain/tx/config/params.js";
import { byKind, commitAs, configDatum, configUtxo, epochNow, govWorld, JET, one, stateUtxo, toEpoch } from "./gov.helpers.js";

describe("governance: a config change from proposal to execution", () => {
  let w: World;
  let p: Protocol;
  const ids: Record<string, string> = {};
  let pid = "";

  beforeAll(async () => {
    w = await newWorld();
    p = await govWorld(w);
  });

  it("holders commit Jet for a time; one adds Jet and extends", async () => {
    ids.user1 = await commitAs(w, p, "user1", 10_000n * JET);
    ids.user2 = await commitAs(w, p, "user2", 10_000n * JET, epochNow(w, p) + 10n);
    ids.user3 = await commitAs(w, p, "user3", 5_000n * JET);
    await run(w, increase({ protocol: p, commitment: await one(w, p, "commitment", ids.user2), configUtxo: await configUtxo(w, p), addPack: 1_000n * JET, newLockEnd: epochNow(w, p) + 200n, nowMs: w.emulator.now() }), "user2");
    const c2 = (await byKind(w, p, "commitment", ids.user2))[0]!;
    expect(c2.datum.amount).toBe(11_000n * JET);
    expect(c2.utxo.assets[p.units.jet]).toBe(11_000n * JET);
  });

  it("a holder proposes new weights; the others vote in the next epoch; anyone tallies; it executes after the timelock", async () => {
    toEpoch(w, p, epochNow(w, p) + 1n);
    const cfg = await configDatum(w, p);
    const next = nextConfig(cfg, { ...cfg, weightsBps: [4000n, 4000n, 2000n] });
    const [seed] = await w.lucid.utxosAt(w.accounts.user1.address);
    const plan = propose({ protocol: p, configUtxo: await configUtxo(w, p), stateUtxo: await stateUtxo(w, p), commitment: await one(w, p, "commitment", ids.user1), kind: { type: "config", newConfig: configToData(next), replacesVersion: cfg.version }, returnTo: w.accounts.user1.address, seed: seed!, nowMs: w.emulator.now() });
    await run(w, plan, "user1");
    pid = plan.id;
    const prop = await one(w, p, "proposal", pid);
    for (const [who, yes] of [["user1", true], ["user2", true], ["user3", false]] as const)
      await run(w, vote({ protocol: p, commitment: await one(w, p, "commitment", ids[who]!), proposal: prop, yes, nowMs: w.emulator.now() }), who);
    const receipts = await byKind(w, p, "receipt");
    expect(receipts.length).toBe(3);
    toEpoch(w, p, epochNow(w, p) + 1n);
    await run(w, tally({ protocol: p, proposal: await one(w, p, "proposal", pid), receipts: receipts.map((r) => r.utxo), nowMs: w.emulator.now() }), "govB");
    const counted = (await byKind(w, p, "proposal", pid))[0]!.datum;
    expect(counted.yes).toBe(receipts.filter((r) => r.datum.yes).reduce((a, r) => a + r.datum.power, 0n));
    expect(counted.no).toBe(5_000n * JET * 292n - 5_000n * JET * 1n);
    toEpoch(w, p, epochNow(w, p) + 1n);
    await run(w, execute({ protocol: p, proposal: await one(w, p, "proposal", pid), configUtxo: await configUtxo(w, p), nowMs: w.emulator.now() }), "govB");
    const after = await configDatum(w, p);
    expect(after.weightsBps).toEqual([4000n, 4000n, 2000n]);
    expect(after.version).toBe(cfg.version + 1n);
    expect(await byKind(w, p, "proposal")).toEqual([]);
  });

  it("a holder withdraws once the lock has ended", async () => {
    const id = await commitAs(w, p, "govA", 1_000n * JET, epochNow(w, p) + 1n);
    toEpoch(w, p, epochNow(w, p) + 1n);
    await run(w, withdrawCommitment({ protocol: p, commitment: await one(w, p, "commitment", id), nowMs: w.emulator.now() }), "govA");
    expect(await byKind(w, p, "commitment", id)).toEqual([]);
  });
});
