/**
 * Genesis: spends the seed UTxO, mints the state NFT and the config NFT, and creates the
 * state (0, 0, 0) and the config, and registers the lock rules' stake credential. The config's pool and lock script hashes are filled in
 * from the instantiated protocol, so they cannot be mistyped.
 */
import type { UTxO } from "@lucid-evolution/lucid";
import { configProblems, emissionRedeemer, encodeConfig, encodeState } from "../codec/data.js";
import { fullConfig, type ConfigInput } from "./config/params.js";
import type { Protocol } from "../protocol.js";
import { emptyPlan, useScript, type TxPlan } from "./plan.js";
import { JetpackError } from "./common.js";

export interface GenesisArgs {
  protocol: Protocol;
  seed: UTxO; // must be protocol.params.seed
  config: ConfigInput;
  stateLovelace?: bigint; // ADA locked with the state NFT
  configLovelace?: bigint; // ADA locked with the config NFT
  /**
   * Register the lock rules' stake credential (default true). False when it is already
   * registered — anyone can register it with a certificate that needs no witness, e.g. to
   * make a first genesis fail; it cannot be deregistered, so the retry leaves it out.
   */
  registerLockRules?: boolean;
  /** Register the exchange's stake credential (default true), likewise. */
  registerExchange?: boolean;
}

export function genesis(args: GenesisArgs): TxPlan {
  const { protocol: p, seed } = args;
  if (seed.txHash !== p.params.seed.txHash || seed.outputIndex !== p.params.seed.outputIndex)
    throw new JetpackError(`seed UTxO ${seed.txHash}#${seed.outputIndex} is not the deployment's seed ${p.params.seed.txHash}#${p.params.seed.outputIndex}`);
  const config = fullConfig(p, args.config);
  const problems = configProblems(config);
  if (problems.length > 0) throw new JetpackError(`config is not well-formed: ${problems.join("; ")}`);
  const plan = emptyPlan();
  plan.spend.push({ utxos: [seed] });
  plan.mint = { assets: { [p.units.state]: 1n, [p.units.config]: 1n }, redeemer: emissionRedeemer("Genesis") };
  plan.outputs.push({
    address: p.emission.address,
    assets: { lovelace: args.stateLovelace ?? 2_000_000n, [p.units.state]: 1n },
    datum: encodeState({ epoch: 0n, scheduled: 0n, minted: 0n }),
  });
  plan.outputs.push({
    address: p.config.address,
    assets: { lovelace: args.configLovelace ?? 5_000_000n, [p.units.config]: 1n },
    datum: encodeConfig(config),
  });
  // The lock rules' stake credential must be registered before any lock can be spent (each
  // spend needs its zero withdrawal); a plain registration needs no script witness.
  // The exchange's likewise: every fill needs its zero withdrawal.
  plan.registerStake = [
    ...((args.registerLockRules ?? true) ? [p.lockRules.rewardAddress] : []),
    ...((args.registerExchange ?? true) ? [p.exchange.rewardAddress] : []),
  ];
  useScript(plan, p, "emission");
  return plan;
}
