/**
 * A deployed protocol in the Emulator: scripts published as reference scripts (paid by the
 * operator, so the deployer's seed UTxO is untouched), then the genesis.
 */
import type { UTxO } from "@lucid-evolution/lucid";
import { instantiate, withReferenceScripts, type Protocol, type ScriptName } from "../../offchain/protocol.js";
import { genesis } from "../../offchain/tx/genesis.js";
import { publishScripts } from "../../offchain/tx/publish.js";
import type { ConfigDatum } from "../../offchain/codec/data.js";
import { DEFAULT_LEVEL_CAPS_PACK } from "../../offchain/economics/scoring.js";
import { run, type World } from "./chain.js";
import { tracedValidators } from "./scripts.js";

export type ConfigInput = Omit<ConfigDatum, "poolScript" | "lockScript">;

export function defaultConfig(w: World, over: Partial<ConfigInput> = {}): ConfigInput {
  return {
    weightsBps: [5000n, 3000n, 2000n],
    levelCapsPack: [...DEFAULT_LEVEL_CAPS_PACK],
    operators: [w.pkh.operator],
    governors: [w.pkh.govA, w.pkh.govB, w.pkh.govC].sort(),
    quorum: 2n,
    claimWindowMs: 3n * 86_400_000n,
    rewardAttestor: null,
    ...over,
  };
}

/** Instantiates and publishes the scripts; genesis is not run. */
export async function publish(w: World, genesisTimeMs = BigInt(w.emulator.now())): Promise<Protocol> {
  const compiled = await tracedValidators();
  const [seed] = await w.lucid.utxosAt(w.accounts.deployer.address);
  let p = instantiate(compiled, { seed: { txHash: seed!.txHash, outputIndex: seed!.outputIndex }, genesisTimeMs, network: "Custom" });
  const refs: Partial<Record<ScriptName, UTxO>> = {};
  for (const { name, plan } of publishScripts({ protocol: p })) {
    const { hash } = await run(w, plan, "operator");
    const [u] = await w.lucid.utxosByOutRef([{ txHash: hash, outputIndex: 0 }]);
    if (!u?.scriptRef) throw new Error(`reference script ${name} not found after publishing`);
    refs[name] = u;
  }
  return withReferenceScripts(p, refs);
}

export async function deploy(w: World, config?: ConfigInput): Promise<Protocol> {
  const p = await publish(w);
  const [seed] = (await w.lucid.utxosAt(w.accounts.deployer.address)).filter((u) => u.txHash === p.params.seed.txHash && u.outputIndex === p.params.seed.outputIndex);
  await run(w, genesis({ protocol: p, seed: seed!, config: config ?? defaultConfig(w) }), "deployer");
  return p;
}
