/**
 * One call from a deployment file to a usable instance, for SDK users:
 *
 *   const jp = await openJetpack({ deployment: "jetpack-deployment.json" });
 *   const { datum } = await readState(jp.lucid, jp.protocol);
 *
 * Network and provider come from `network` (same fields as the CLI flags) or the
 * environment (JETPACK_NETWORK, JETPACK_PROVIDER, BLOCKFROST_PROJECT_ID, …), defaulting to
 * the deployment file's network; a requested network that differs from the file's is an
 * error. The validators come from the deployment file and are checked against its recorded
 * hashes and against the pool and lock scripts the config on chain names; the
 * reference-script UTxOs are read from the chain.
 */
import { resolve } from "node:path";
import type { LucidEvolution } from "@lucid-evolution/lucid";
import { compiledValidators as fromBlueprint, loadBlueprint, DEFAULT_BLUEPRINT } from "../blueprint.js";
import type { CompiledValidators, Protocol, ScriptName } from "../protocol.js";
import { connect, type Chain } from "./chain.js";
import { attachReferenceScripts, DeploymentError, protocolFromDeployment, readDeployment, SCRIPT_NAMES, verifyConfigScripts, type DeploymentFile } from "./deployment.js";
import { parseNetworkName, resolveProvider, type Env, type NetworkOptions } from "./network.js";

export interface OpenOptions {
  /** Path of the deployment file, or its parsed content. */
  deployment: string | DeploymentFile;
  network?: NetworkOptions;
  env?: Env; // default process.env
  cwd?: string; // default process.cwd()
  /** Reference scripts to read from the chain (default all four; [] for none). */
  references?: readonly ScriptName[];
}

export interface Jetpack {
  deployment: DeploymentFile;
  protocol: Protocol;
  chain: Chain;
  lucid: LucidEvolution;
}

export async function openJetpack(opts: OpenOptions): Promise<Jetpack> {
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  const file = typeof opts.deployment === "string" ? opts.deployment : "deployment";
  const deployment = typeof opts.deployment === "string" ? readDeployment(opts.deployment, cwd) : opts.deployment;
  const requested = opts.network?.network ?? (env.JETPACK_NETWORK || undefined);
  if (requested !== undefined && parseNetworkName(requested) !== deployment.network)
    throw new DeploymentError(`deployment file ${file} is for network ${deployment.network}, not ${parseNetworkName(requested)}`);
  const cfg = resolveProvider(opts.network ?? {}, env, cwd, deployment.network);
  const p0 = protocolFromDeployment(deployment, file);
  const chain = await connect(cfg);
  await verifyConfigScripts(chain.lucid, p0, file);
  const refs = opts.references ?? SCRIPT_NAMES;
  const protocol = refs.length > 0 ? await attachReferenceScripts(chain.lucid, p0, deployment, refs) : p0;
  return { deployment, protocol, chain, lucid: chain.lucid };
}

/** The unapplied validators of a CIP-57 blueprint (default: the package's plutus.json). */
export function compiledValidators(blueprint: string = DEFAULT_BLUEPRINT, cwd: string = process.cwd()): CompiledValidators {
  return fromBlueprint(loadBlueprint(resolve(cwd, blueprint)));
}
