/**
 * The deployment file: everything later commands need to find and use a JetPack instance,
 * written once by `jetpack init` (or by `deploymentFromProtocol` in SDK code).
 *
 * Why self-contained: the validators in this package change from version to version, but a
 * deployed instance is fixed forever by its scripts. The file therefore carries the
 * unapplied compiled validators it was deployed with; readers re-derive every hash and
 * address with `instantiate()` and refuse the file if they do not match what it records
 * (a hand-edited or corrupted file, or scripts whose parameters changed). Nothing in it is
 * secret.
 *
 * Format (JSON, "jetpack-deployment/1"; amounts and times as decimal strings):
 *   { format, network: "Mainnet"|"Preprod"|"Preview"|"local", createdAt,
 *     seed: "txhash#index", genesisTimeMs, genesisTime (ISO, informational),
 *     jetPolicy, units: { jet, state, config, poolToken, lockToken },
 *     scripts: { emission|config|pool|lock|lockRules|governance|treasury: { hash, address, reference: "txhash#index" } },
 *     referenceHolder, transactions: { publish: { <name>: txhash }, genesis: txhash },
 *     validators: { emission, config, pool, lock, lockRules, governance, treasury }   // unapplied compiled code (CBOR hex)
 *   }
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { LucidEvolution, UTxO } from "@lucid-evolution/lucid";
import { instantiate, withReferenceScripts, type CompiledValidators, type Protocol, type ScriptName } from "../protocol.js";
import { lucidNetworkOf, parseNetworkName, type NetworkName } from "./network.js";

export const DEPLOYMENT_FORMAT = "jetpack-deployment/1";
export { DEFAULT_DEPLOYMENT_FILE } from "./flags.js"; // defined there, so the CLI's flag text loads no Lucid
export { SCRIPT_NAMES } from "../protocol.js";
import { SCRIPT_NAMES } from "../protocol.js";

export class DeploymentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DeploymentError";
  }
}

export interface OutRef {
  txHash: string;
  outputIndex: number;
}

export interface DeploymentScript {
  hash: string;
  address: string;
  reference: string; // "txhash#index" of the reference-script UTxO
}

export interface DeploymentFile {
  format: typeof DEPLOYMENT_FORMAT;
  network: NetworkName;
  createdAt: string;
  seed: string;
  genesisTimeMs: string;
  genesisTime: string;
  jetPolicy: string;
  units: { jet: string; state: string; config: string };
  scripts: Record<ScriptName, DeploymentScript>;
  referenceHolder: string;
  transactions: { publish: Partial<Record<ScriptName, string>>; genesis: string };
  validators: CompiledValidators;
}

export function formatOutRef(r: OutRef): string {
  return `${r.txHash}#${r.outputIndex}`;
}

export function parseOutRef(s: string, what: string): OutRef {
  const m = /^([0-9a-f]{64})#(\d{1,5})$/.exec(s);
  if (!m) throw new DeploymentError(`${what}: expected "txhash#index" (64 hex digits, #, index), got ${JSON.stringify(s.slice(0, 100))}`);
  return { txHash: m[1]!, outputIndex: Number(m[2]) };
}

/** The deployment record of an instantiated protocol whose reference scripts and genesis were submitted. */
export function deploymentFromProtocol(args: {
  network: NetworkName;
  protocol: Protocol;
  compiled: CompiledValidators;
  references: Record<ScriptName, OutRef>;
  referenceHolder: string;
  transactions: DeploymentFile["transactions"];
  createdAt?: Date;
}): DeploymentFile {
  const p = args.protocol;
  const scripts = Object.fromEntries(
    SCRIPT_NAMES.map((n) => [n, { hash: p[n].hash, address: p[n].address, reference: formatOutRef(args.references[n]) }]),
  ) as Record<ScriptName, DeploymentScript>;
  return {
    format: DEPLOYMENT_FORMAT,
    network: args.network,
    createdAt: (args.createdAt ?? new Date()).toISOString(),
    seed: formatOutRef(p.params.seed),
    genesisTimeMs: p.params.genesisTimeMs.toString(),
    genesisTime: new Date(Number(p.params.genesisTimeMs)).toISOString(),
    jetPolicy: p.jetPolicy,
    units: { ...p.units },
    scripts,
    referenceHolder: args.referenceHolder,
    transactions: args.transactions,
    validators: { ...args.compiled },
  };
}

function str(o: Record<string, unknown>, key: string, file: string, re?: RegExp): string {
  const v = o[key];
  if (typeof v !== "string" || v === "") throw new DeploymentError(`deployment file ${file}: ${key} must be a non-empty string`);
  if (re && !re.test(v)) throw new DeploymentError(`deployment file ${file}: ${key} is malformed`);
  return v;
}

function obj(v: unknown, what: string, file: string): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new DeploymentError(`deployment file ${file}: ${what} must be an object`);
  return v as Record<string, unknown>;
}

const HEX = /^([0-9a-f]{2})+$/;
const HASH28 = /^[0-9a-f]{56}$/;
const HASH32 = /^[0-9a-f]{64}$/;

/** Checks the shape of a parsed deployment file (not yet its hashes: see protocolFromDeployment). */
export function parseDeployment(raw: unknown, file: string): DeploymentFile {
  const o = obj(raw, "the file", file);
  if (o.format !== DEPLOYMENT_FORMAT) throw new DeploymentError(`deployment file ${file}: format ${JSON.stringify(o.format)} is not ${DEPLOYMENT_FORMAT}`);
  const network = parseNetworkName(str(o, "network", file), `deployment file ${file}: network`);
  const seed = str(o, "seed", file);
  parseOutRef(seed, `deployment file ${file}: seed`);
  const genesisTimeMs = str(o, "genesisTimeMs", file, /^\d{1,16}$/);
  const scriptsObj = obj(o.scripts, "scripts", file);
  const validatorsObj = obj(o.validators, "validators", file);
  const scripts = {} as Record<ScriptName, DeploymentScript>;
  const validators = {} as CompiledValidators;
  for (const n of SCRIPT_NAMES) {
    const s = obj(scriptsObj[n], `scripts.${n}`, file);
    const hash = str(s, "hash", file, HASH28);
    const address = str(s, "address", file);
    const reference = str(s, "reference", file);
    parseOutRef(reference, `deployment file ${file}: scripts.${n}.reference`);
    scripts[n] = { hash, address, reference };
    validators[n] = str(validatorsObj, n, file, HEX);
  }
  const units = obj(o.units, "units", file);
  const tx = obj(o.transactions, "transactions", file);
  const publish = obj(tx.publish ?? {}, "transactions.publish", file) as Partial<Record<ScriptName, string>>;
  return {
    format: DEPLOYMENT_FORMAT,
    network,
    createdAt: typeof o.createdAt === "string" ? o.createdAt : "",
    seed,
    genesisTimeMs,
    genesisTime: typeof o.genesisTime === "string" ? o.genesisTime : new Date(Number(genesisTimeMs)).toISOString(),
    jetPolicy: str(o, "jetPolicy", file, HASH28),
    units: { jet: str(units, "jet", file, HEX), state: str(units, "state", file, HEX), config: str(units, "config", file, HEX) },
    scripts,
    referenceHolder: str(o, "referenceHolder", file),
    transactions: { publish, genesis: typeof tx.genesis === "string" && HASH32.test(tx.genesis) ? tx.genesis : "" },
    validators,
  };
}

/** Reads and checks a deployment file. */
export function readDeployment(file: string, cwd: string = process.cwd()): DeploymentFile {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file (run jetpack init first, or pass --deployment FILE)" : code === "EACCES" ? "permission denied" : code === "EISDIR" ? "is a directory" : (code ?? "unreadable");
    throw new DeploymentError(`cannot read deployment file ${file}: ${why}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new DeploymentError(`deployment file ${file}: invalid JSON (${(e as Error).message})`);
  }
  return parseDeployment(raw, file);
}

/** Writes the file atomically (temporary name, then rename). */
export function writeDeployment(file: string, d: DeploymentFile, cwd: string = process.cwd()): void {
  const abs = resolve(cwd, file);
  const tmp = `${abs}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify(d, null, 2) + "\n");
    renameSync(tmp, abs);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new DeploymentError(`cannot write deployment file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/**
 * The protocol of a deployment: the recorded validators instantiated with the recorded seed
 * and genesis time. Every derived hash, address and unit must equal the recorded one.
 */
export function protocolFromDeployment(d: DeploymentFile, file = "deployment"): Protocol {
  const seed = parseOutRef(d.seed, `deployment file ${file}: seed`);
  let p: Protocol;
  try {
    p = instantiate(d.validators, { seed, genesisTimeMs: BigInt(d.genesisTimeMs), network: lucidNetworkOf(d.network) });
  } catch (e) {
    throw new DeploymentError(`deployment file ${file}: cannot instantiate its validators (${(e as Error).message})`);
  }
  for (const n of SCRIPT_NAMES) {
    if (p[n].hash !== d.scripts[n].hash)
      throw new DeploymentError(`deployment file ${file}: ${n} script hash ${d.scripts[n].hash} differs from the one its validators and parameters give (${p[n].hash})`);
    if (p[n].address !== d.scripts[n].address) throw new DeploymentError(`deployment file ${file}: ${n} address does not match its script hash on ${d.network}`);
  }
  if (p.jetPolicy !== d.jetPolicy || p.units.jet !== d.units.jet || p.units.state !== d.units.state || p.units.config !== d.units.config)
    throw new DeploymentError(`deployment file ${file}: policy id or units do not match its emission script`);
  return p;
}

/**
 * Reads the reference-script UTxOs (`names`, default all four) from the chain and attaches
 * them to the protocol. A missing one means the file is for another chain (or a devnet
 * that has been restarted since).
 */
export async function attachReferenceScripts(lucid: LucidEvolution, p: Protocol, d: DeploymentFile, names: readonly ScriptName[] = SCRIPT_NAMES): Promise<Protocol> {
  const refs = names.map((n) => ({ name: n, ref: parseOutRef(d.scripts[n].reference, `scripts.${n}.reference`) }));
  const found = await lucid.utxosByOutRef(refs.map((r) => r.ref));
  const out: Partial<Record<ScriptName, UTxO>> = {};
  for (const { name, ref } of refs) {
    const u = found.find((x) => x.txHash === ref.txHash && x.outputIndex === ref.outputIndex);
    if (!u) throw new DeploymentError(`reference script UTxO of ${name} (${formatOutRef(ref)}) is not on this chain: is the deployment file for this network (it says ${d.network})?`);
    if (!u.scriptRef) throw new DeploymentError(`UTxO ${formatOutRef(ref)} holds no reference script (expected the ${name} script)`);
    const { validatorToScriptHash } = await import("@lucid-evolution/lucid");
    if (validatorToScriptHash(u.scriptRef) !== p[name].hash) throw new DeploymentError(`UTxO ${formatOutRef(ref)} holds a script other than ${name} (${p[name].hash})`);
    out[name] = u;
  }
  return withReferenceScripts(p, out);
}

/**
 * The config on chain (found by its NFT) must name this deployment's pool and lock scripts.
 * Genesis writes whatever hashes its deployer chose and no script can check them (that
 * would need the policy → pool → policy cycle), so a deployer could point them at a
 * key-controlled script and mint freely transferable "claimed" Jet. Every reader and chain
 * command checks them here, and refuses with both values.
 */
export async function verifyConfigScripts(lucid: LucidEvolution, p: Protocol, file = "deployment"): Promise<void> {
  const { readConfig } = await import("../readers.js");
  const { datum } = await readConfig(lucid, p);
  for (const [name, onChain, ours] of [
    ["pool", datum.poolScript, p.pool.hash],
    ["lock", datum.lockScript, p.lock.hash],
  ] as const) {
    if (onChain !== ours)
      throw new DeploymentError(`deployment ${file}: the config on chain names ${name} script ${onChain}, but the deployment's ${name} script is ${ours}; refusing a deployment whose config disagrees with its scripts`);
  }
}
