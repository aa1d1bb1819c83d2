/**
 * A deployed JetPack instance: the eight scripts with their parameters applied, their
 * hashes and addresses, and the asset units of Jet and the two NFTs.
 *
 * Why: every builder, reader and test needs the same derived facts from the same two
 * deployment choices (the seed UTxO and the genesis time). They are derived here once, with
 * Lucid's `applyParamsToScript` (parameters applied as Data, as the blueprint lists them),
 * so the hashes the SDK uses are the hashes a deployer publishes.
 */
import {
  applyParamsToScript,
  credentialToAddress,
  credentialToRewardAddress,
  scriptHashToCredential,
  validatorToScriptHash,
  type Network,
  type Script,
  type UTxO,
} from "@lucid-evolution/lucid";
import { outRefToData } from "./codec/data.js";

/** Token names under the Jet policy (docs/design.md §3), hex. */
export const JET_NAME = "4a6574"; // "Jet"
export const STATE_NFT_NAME = "4a65745374617465"; // "JetState"
export const CONFIG_NFT_NAME = "4a6574436f6e666967"; // "JetConfig"
/**
 * Authentication tokens (docs/protocol.md, "Authenticated UTxOs"): every claim pool holds
 * one JetPool (Jet policy, minted at advance, burned at sweep) and every service lock one
 * JetLock (pool policy, minted at claim, burned when a lock is merged or emptied). Readers
 * trust only UTxOs that hold one. "Jet" sorts before "JetPool" both lexicographically and
 * length-first, so a pool's Jet-policy entry has one fixed order.
 */
export const POOL_TOKEN_NAME = "4a6574506f6f6c"; // "JetPool"
export const LOCK_TOKEN_NAME = "4a65744c6f636b"; // "JetLock"

/**
 * The widest validity range an advance may have (ms). A pool's expiry is the advance's
 * validity upper bound + the claim window, so services always get the whole window however
 * late the advance, and a narrow range keeps the operator from pushing the expiry out.
 */
export const MAX_ADVANCE_RANGE_MS = 600_000n;

/** Unapplied compiled code (CBOR hex, as in plutus.json) of each validator. */
export interface CompiledValidators {
  emission: string;
  config: string;
  pool: string;
  lock: string;
  lockRules: string;
  governance: string;
  treasury: string;
  exchange: string;
}

export interface DeploymentParams {
  seed: { txHash: string; outputIndex: number }; // UTxO the genesis transaction must spend
  genesisTimeMs: bigint; // POSIX ms at which epoch 1 starts
  network: Network;
}

export interface ScriptInfo {
  script: Script; // PlutusV3, parameters applied
  hash: string; // script hash = policy id for the emission script
  address: string; // (Script hash, no stake credential)
}

export type ScriptName = "emission" | "config" | "pool" | "lock" | "lockRules" | "governance" | "treasury" | "exchange";

/** Every script of a deployment, in publishing order. */
export const SCRIPT_NAMES: readonly ScriptName[] = ["emission", "config", "pool", "lock", "lockRules", "governance", "treasury", "exchange"];

export interface Protocol {
  params: DeploymentParams;
  /** Reference-script UTxOs, once published (see offchain/tx/publish.ts). */
  refs?: Partial<Record<ScriptName, UTxO>>;
  emission: ScriptInfo;
  config: ScriptInfo;
  pool: ScriptInfo;
  lock: ScriptInfo;
  /** The lock rules (a stake script): every lock spend needs its zero withdrawal. */
  lockRules: ScriptInfo & { rewardAddress: string };
  /** veJet commitments, proposals, vote receipts and grants (one script; its hash is also
   *  the policy of their authentication tokens). */
  governance: ScriptInfo;
  /** The ecosystem treasury: pays only through a passed grant. */
  treasury: ScriptInfo;
  /** The exchange (docs/exchange.md): the order address, the order tokens' policy, and the
   *  stake credential whose zero withdrawal checks every fill of a transaction. */
  exchange: ScriptInfo & { rewardAddress: string };
  jetPolicy: string;
  /** Asset units: Jet, the two NFTs, and the pools' and locks' authentication tokens. */
  units: { jet: string; state: string; config: string; poolToken: string; lockToken: string };
}

function info(code: string, network: Network): ScriptInfo {
  const script: Script = { type: "PlutusV3", script: code };
  const hash = validatorToScriptHash(script);
  return { script, hash, address: credentialToAddress(network, scriptHashToCredential(hash)) };
}

/** Applies the deployment parameters to the validators and derives every hash and unit. */
export function instantiate(compiled: CompiledValidators, params: DeploymentParams): Protocol {
  // The config validator takes no parameter: its hash is fixed, so the emission script
  // can be told where the config NFT must live.
  const config = info(compiled.config, params.network);
  const emission = info(
    applyParamsToScript(compiled.emission, [
      outRefToData(params.seed.txHash, params.seed.outputIndex),
      params.genesisTimeMs,
      config.hash,
    ]),
    params.network,
  );
  const jetPolicy = emission.hash;
  // The lock rules depend on the Jet policy only (they find the config by its NFT); the
  // lock names the lock rules (it asks for their withdrawal); the pool names the lock
  // (where a claim sends the service's Jet), so a claim needs no config. No cycle.
  const rules = info(applyParamsToScript(compiled.lockRules, [jetPolicy]), params.network);
  const lockRules = { ...rules, rewardAddress: credentialToRewardAddress(params.network, scriptHashToCredential(rules.hash)) };
  const lock = info(applyParamsToScript(compiled.lock, [lockRules.hash]), params.network);
  const pool = info(applyParamsToScript(compiled.pool, [jetPolicy, lock.hash]), params.network);
  // Governance needs the Jet policy (state, config, Jet) and the genesis time; the treasury
  // names the governance policy (only a grant token minted there spends it). The config
  // records both hashes (immutable), so the config script needs neither.
  const governance = info(applyParamsToScript(compiled.governance, [jetPolicy, params.genesisTimeMs]), params.network);
  const treasury = info(applyParamsToScript(compiled.treasury, [governance.hash]), params.network);
  // The exchange needs the Jet policy only: the config (found by its NFT) names the fee,
  // the treasury and the lock script.
  const ex = info(applyParamsToScript(compiled.exchange, [jetPolicy]), params.network);
  const exchange = { ...ex, rewardAddress: credentialToRewardAddress(params.network, scriptHashToCredential(ex.hash)) };
  return {
    params,
    emission,
    config,
    pool,
    lock,
    lockRules,
    governance,
    treasury,
    exchange,
    jetPolicy,
    units: {
      jet: jetPolicy + JET_NAME,
      state: jetPolicy + STATE_NFT_NAME,
      config: jetPolicy + CONFIG_NFT_NAME,
      poolToken: jetPolicy + POOL_TOKEN_NAME,
      lockToken: pool.hash + LOCK_TOKEN_NAME,
    },
  };
}

/** The protocol with its reference-script UTxOs recorded. */
export function withReferenceScripts(p: Protocol, refs: Partial<Record<ScriptName, UTxO>>): Protocol {
  return { ...p, refs: { ...p.refs, ...refs } };
}
