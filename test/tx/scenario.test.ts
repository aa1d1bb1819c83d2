/**
 * The spec's worked scenario end to end in the Emulator (docs/protocol.md): genesis;
 * epochs 1 and 2 advanced with services A, B and C; claims signed by each service;
 * rewards to three users each; the expired epoch-2 pool swept so that B's unclaimed
 * allocation carries over. Every balance and the state datum are compared with the SDK's
 * own figures, to the Pack.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { newWorld, run, type Actor, type World } from "../helpers/chain.js";
import { deploy } from "../helpers/deploy.js";
import type { Protocol } from "../../offchain/protocol.js";
import { advanceEpoch } from "../../offchain/tx/emission/advance.js";
import { claim } from "../../offchain/tx/pool/claim.js";
import { reward } from "../../offchain/tx/lock/reward.js";
import { sweep } from "../../offchain/tx/emission/sweep.js";
import { readConfig, readLocks, readPools, readState } from "../../offchain/readers.js";
import { chainFTotal, planEpoch, type ServiceInput } from "../../offchain/epoch.js";
import { cumulativePack, emissionPack, PACK_PER_JET } from "../../offchain/economics/emission.js";
import { SPEC_EPOCH1_SERVICES, SPEC_EPOCH2_SERVICES } from "../../offchain/economics/examples.js";
import { simulate } from "../../offchain/economics/simulate.js";

const JET = PACK_PER_JET;
const DAY = 86_400;
const SERVICE_ACTOR: Record<string, Actor> = { A: "svcA", B: "svcB", C: "svcC" };
const USERS: Actor[] = ["user1", "user2", "user3"];

let w: World;
let p: Protocol;
let genesisMs: number;
const sim = simulate([{ services: SPEC_EPOCH1_SERVICES }, { services: SPEC_EPOCH2_SERVICES }]);

function services(metrics: typeof SPEC_EPOCH1_SERVICES): ServiceInput[] {
  return metrics.map((m) => ({ ...m, pkh: w.pkh[SERVICE_ACTOR[m.id]!] }));
}

async function advance(metrics: typeof SPEC_EPOCH1_SERVICES) {
  const state = await readState(w.lucid, p);
  const config = await readConfig(w.lucid, p);
  const plan = planEpoch(state.datum, config.datum, services(metrics));
  const adv = advanceEpoch({
    protocol: p,
    stateUtxo: state.utxo,
    configUtxo: config.utxo,
    fTotalPack: plan.fTotalPack,
    entries: plan.entries,
    operator: w.pkh.operator,
    nowMs: w.emulator.now(),
  });
  await run(w, adv.plan, "operator", ["operator"]);
  return { plan, adv };
}

async function claimAs(id: string, adv: Awaited<ReturnType<typeof advance>>["adv"]) {
  const e = adv.file.entries.find((x) => x.id === id)!;
  const [pool] = (await readPools(w.lucid, p, adv.epoch)).filter((x) => x.datum.shard === BigInt(e.shard));
  const config = await readConfig(w.lucid, p);
  const entry = { index: e.index, service: e.service, level: e.level, amountPack: BigInt(e.amountPack), proof: e.proof };
  await run(w, claim({ protocol: p, pool: pool!.utxo, configUtxo: config.utxo, entry, nowMs: w.emulator.now() }), SERVICE_ACTOR[id]!);
}

async function jetAt(address: string): Promise<bigint> {
  return (await w.lucid.utxosAt(address)).reduce((s, u) => s + (u.assets[p.units.jet] ?? 0n), 0n);
}

async function lockJet(actor: Actor): Promise<bigint> {
  return (await readLocks(w.lucid, p, w.pkh[actor])).reduce((s, l) => s + (l.utxo.assets[p.units.jet] ?? 0n), 0n);
}

describe("the spec scenario, end to end", () => {
  beforeAll(async () => {
    w = await newWorld();
    genesisMs = w.emulator.now();
    p = await deploy(w);
  });

  it("genesis creates the state (0, 0, 0) and the config", async () => {
    expect((await readState(w.lucid, p)).datum).toEqual({ epoch: 0n, scheduled: 0n, minted: 0n });
    expect((await readConfig(w.lucid, p)).datum.operators).toEqual([w.pkh.operator]);
  });

  let adv1: Awaited<ReturnType<typeof advance>>;
  it("the operator advances epoch 1: levels 1/4/6 and 52,000 Jet minted into the pool", async () => {
    adv1 = await advance(SPEC_EPOCH1_SERVICES);
    expect(adv1.plan.fTotalPack).toBe(emissionPack(1));
    expect(adv1.plan.allocation.services.map((s) => [s.id, s.level, s.allocationPack])).toEqual([
      ["A", 1, 30_000n * JET],
      ["B", 6, 7_000n * JET],
      ["C", 4, 15_000n * JET],
    ]);
    expect(adv1.plan.allocation.undistributedPack).toBe(sim[0]!.undistributedPack);
    expect((await readState(w.lucid, p)).datum).toEqual({ epoch: 1n, scheduled: cumulativePack(1), minted: 52_000n * JET });
    expect(await jetAt(p.pool.address)).toBe(52_000n * JET);
  });

  it("each service claims its epoch-1 allocation into its own lock", async () => {
    for (const id of ["A", "B", "C"]) await claimAs(id, adv1.adv);
    expect(await lockJet("svcA")).toBe(30_000n * JET);
    expect(await lockJet("svcB")).toBe(7_000n * JET);
    expect(await lockJet("svcC")).toBe(15_000n * JET);
    expect(await jetAt(p.pool.address)).toBe(0n);
  });

  it("each service rewards three users from its lock", async () => {
    for (const [i, svc] of (["svcA", "svcB", "svcC"] as Actor[]).entries()) {
      const locks = (await readLocks(w.lucid, p, w.pkh[svc])).map((l) => l.utxo);
      const config = await readConfig(w.lucid, p);
      const payouts = USERS.map((u, k) => ({ address: w.accounts[u].address, amountPack: BigInt((i + 1) * (k + 1)) * JET }));
      await run(w, reward({ protocol: p, locks, configUtxo: config.utxo, payouts }), svc);
    }
    // user k receives (1 + 2 + 3)·k Jet in all
    for (const [k, u] of USERS.entries()) expect(await jetAt(w.accounts[u].address)).toBe(6n * BigInt(k + 1) * JET);
    expect(await lockJet("svcA")).toBe((30_000n - 6n) * JET);
    expect(await lockJet("svcB")).toBe((7_000n - 12n) * JET);
    expect(await lockJet("svcC")).toBe((15_000n - 18n) * JET);
  });

  let adv2: Awaited<ReturnType<typeof advance>>;
  it("epoch 2 starts five days later; f_total carries over epoch 1's undistributed Jet", async () => {
    w.emulator.awaitSlot(5 * DAY);
    adv2 = await advance(SPEC_EPOCH2_SERVICES);
    expect(adv2.plan.fTotalPack).toBe(sim[1]!.fTotalPack); // 5,623,290.927074 Jet
    expect(adv2.plan.allocation.distributedPack).toBe(52_000n * JET);
    expect(adv2.plan.allocation.undistributedPack).toBe(sim[1]!.undistributedPack); // 5,571,290.927074 Jet
    expect((await readState(w.lucid, p)).datum).toEqual({ epoch: 2n, scheduled: cumulativePack(2), minted: 104_000n * JET });
    await claimAs("A", adv2.adv);
    await claimAs("C", adv2.adv); // B does not claim in epoch 2
  });

  it("after expiry the operator sweeps; B's unclaimed 7,000 Jet is burned and carries over", async () => {
    w.emulator.awaitSlot(3 * DAY + 10);
    const state = await readState(w.lucid, p);
    const config = await readConfig(w.lucid, p);
    const pools = (await readPools(w.lucid, p)).map((x) => x.utxo);
    expect(pools.length).toBe(2); // epoch 1 (empty) and epoch 2 (B's share)
    await run(w, sweep({ protocol: p, stateUtxo: state.utxo, configUtxo: config.utxo, pools, operator: w.pkh.operator, nowMs: w.emulator.now() }), "operator");
    const after = (await readState(w.lucid, p)).datum;
    expect(after).toEqual({ epoch: 2n, scheduled: cumulativePack(2), minted: 97_000n * JET });
    expect(await readPools(w.lucid, p)).toEqual([]);
    // carry into epoch 3 = simulate's undistributed(2) + the swept 7,000 Jet
    expect(chainFTotal(after)).toBe(emissionPack(3) + sim[1]!.undistributedPack + 7_000n * JET);
  });

  it("every Jet on chain is accounted for by the state's minted figure", async () => {
    const users = (await Promise.all(USERS.map((u) => jetAt(w.accounts[u].address)))).reduce((a, b) => a + b, 0n);
    const locks = await jetAt(p.lock.address);
    expect(users + locks).toBe((await readState(w.lucid, p)).datum.minted);
    expect(locks).toBe((30_000n + 30_000n - 6n + 7_000n - 12n + 15_000n + 15_000n - 18n) * JET);
    expect(genesisMs).toBe(Number(p.params.genesisTimeMs));
  });
});
