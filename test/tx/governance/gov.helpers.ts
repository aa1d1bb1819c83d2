/**
 * The governance tests' world (offchain/emulator/gov-world.ts, with the traced scripts) and
 * small helpers: the current epoch, moving the clock, finding authenticated UTxOs.
 */
import type { UTxO } from "@lucid-evolution/lucid";
import { run, type Actor, type World } from "../../helpers/chain.js";
import { tracedValidators } from "../../helpers/scripts.js";
import { govWorld as govWorldWith, TEST_GOV } from "../../../offchain/emulator/gov-world.js";
import type { Protocol } from "../../../offchain/protocol.js";
import { readConfig, readState } from "../../../offchain/readers.js";
import { authenticate, type Authenticated } from "../../../offchain/tx/governance/common.js";
import { commit } from "../../../offchain/tx/governance/commit.js";
import { epochOf } from "../../../offchain/governance/clock.js";
import { configUtxo, JET, travelTo } from "../attacks/pool.helpers.js";
import { epochStart } from "../../../offchain/tx/emission/advance.js";
import type { GovSettings } from "../../../offchain/tx/config/params.js";

export { JET, configUtxo, travelTo };

export { TEST_GOV };

export async function govWorld(w: World, gov: Partial<GovSettings> = {}): Promise<Protocol> {
  return govWorldWith(w, await tracedValidators(), gov);
}

export function epochNow(w: World, p: Protocol): bigint {
  return epochOf(w.emulator.now(), p.params.genesisTimeMs);
}

/** Moves the Emulator's clock an hour into epoch `e`. */
export function toEpoch(w: World, p: Protocol, e: bigint): void {
  travelTo(w, Number(epochStart(p.params.genesisTimeMs, Number(e))) + 3_600_000);
}

/** Every authenticated UTxO at the governance address. */
export async function govUtxos(w: World, p: Protocol): Promise<Authenticated[]> {
  return (await w.lucid.utxosAt(p.governance.address)).map((u) => authenticate(p, u)).filter((a): a is Authenticated => a !== null);
}

export async function byKind<K extends Authenticated["kind"]>(w: World, p: Protocol, kind: K, id?: string): Promise<Extract<Authenticated, { kind: K }>[]> {
  return (await govUtxos(w, p)).filter((a) => a.kind === kind && (id === undefined || a.id === id)) as Extract<Authenticated, { kind: K }>[];
}

export async function one<K extends Authenticated["kind"]>(w: World, p: Protocol, kind: K, id: string): Promise<UTxO> {
  const [a] = await byKind(w, p, kind, id);
  if (!a) throw new Error(`no ${kind} ${id}`);
  return a.utxo;
}

/** `actor` commits `amount` Jet until `lockEnd` (default: the maximum); returns the id. */
export async function commitAs(w: World, p: Protocol, actor: Actor, amount: bigint, lockEnd?: bigint): Promise<string> {
  const [seed] = await w.lucid.utxosAt(w.accounts[actor].address);
  const plan = commit({ protocol: p, configUtxo: await configUtxo(w, p), owner: { key: w.pkh[actor] }, amountPack: amount, lockEnd: lockEnd ?? epochNow(w, p) + 292n, seed: seed!, nowMs: w.emulator.now() });
  await run(w, plan, actor);
  return plan.id;
}

export async function stateUtxo(w: World, p: Protocol): Promise<UTxO> {
  return (await readState(w.lucid, p)).utxo;
}

export async function configDatum(w: World, p: Protocol) {
  return (await readConfig(w.lucid, p)).datum;
}
