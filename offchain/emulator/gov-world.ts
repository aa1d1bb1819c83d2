/**
 * A deployment ready for governance in the Emulator: short governance timings (voting 1
 * epoch, timelock 1, execution 2, dispute 2), epoch 1 advanced and claimed by three
 * services at 20,000 Jet each, and their Jet paid to the holders: 20,000 Jet to user1 and
 * to user2, 6,000 Jet each to user3, govA and attacker. Jet minted: 60,000, so a holder's
 * full-length commitment of 6,000 Jet reaches the 10 % quorum alone.
 * Used by the governance tests (traced scripts) and `npm run bench:chain` (deployable ones).
 */
import { chainFTotal } from "../epoch.js";
import type { CompiledValidators, Protocol } from "../protocol.js";
import { readConfig, readLocks, readPools, readState } from "../readers.js";
import type { GovSettings } from "../tx/config/params.js";
import { advanceEpoch } from "../tx/emission/advance.js";
import { entryWithProof } from "../tx/emission/proof.js";
import { reward } from "../tx/lock/reward.js";
import { claim } from "../tx/pool/claim.js";
import { defaultConfig, deploy, run, type Actor, type World } from "./world.js";

const JET = 1_000_000n;

export const TEST_GOV: Partial<GovSettings> = {
  maxLockEpochs: 292n,
  proposalThreshold: 1_000n * JET * 10n,
  depositLovelace: 10_000_000n,
  votingEpochs: 1n,
  timelockEpochs: 1n,
  executionEpochs: 2n,
  quorumBps: 1_000n,
  approvalBps: 6_000n,
  sunsetEpoch: 20n,
  disputeEpochs: 2n,
};

export async function govWorld(w: World, compiled: CompiledValidators, gov: Partial<GovSettings> = {}): Promise<Protocol> {
  const p = await deploy(w, compiled, defaultConfig(w, { governance: { ...TEST_GOV, ...gov } }));
  const state = await readState(w.lucid, p);
  const config = await readConfig(w.lucid, p);
  const services = [["A", "svcA"], ["B", "svcB"], ["C", "svcC"]] as const;
  const adv = advanceEpoch({
    protocol: p,
    stateUtxo: state.utxo,
    configUtxo: config.utxo,
    fTotalPack: chainFTotal(state.datum),
    entries: services.map(([id, a]) => ({ id, service: w.pkh[a], level: 1, amountPack: 20_000n * JET })),
    operator: w.pkh.operator,
    nowMs: w.emulator.now(),
    leavesPerShard: 2,
  });
  await run(w, adv.plan, "operator");
  for (const [id, actor] of services) {
    const e = entryWithProof(adv.file, { id });
    const [pool] = (await readPools(w.lucid, p, adv.epoch)).filter((x) => x.datum.shard === BigInt(e.shard));
    const entry = { index: e.index, service: e.service, level: e.level, amountPack: BigInt(e.amountPack), proof: e.proof };
    await run(w, claim({ protocol: p, pool: pool!.utxo, configUtxo: (await readConfig(w.lucid, p)).utxo, entry, nowMs: w.emulator.now() }), actor);
  }
  const pay = async (svc: Actor, to: Actor[], each: bigint) => {
    const [lock] = await readLocks(w.lucid, p, w.pkh[svc]);
    const payouts = to.map((a) => ({ address: w.accounts[a].address, amountPack: each }));
    await run(w, reward({ protocol: p, locks: [lock!.utxo], configUtxo: (await readConfig(w.lucid, p)).utxo, payouts }), svc);
  };
  await pay("svcA", ["user1"], 20_000n * JET);
  await pay("svcB", ["user2"], 20_000n * JET);
  await pay("svcC", ["user3", "govA", "attacker"], 6_000n * JET);
  return p;
}
