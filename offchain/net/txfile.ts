/**
 * A transaction file opened for people to read, sign or assemble: the envelope, its hash,
 * and the decoded view (offchain/net/decode.ts) with the spent UTxOs read from the chain
 * when it can be reached, else as the file's author recorded them.
 *
 * Why here: tx-show, tx-sign and tx-assemble must show the same view and agree on who the
 * required signers are. Reading the chain is best effort (a signer may be offline): any
 * failure becomes a warning in the view, never an error.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { UTxO } from "@lucid-evolution/lucid";
import type { Protocol } from "../protocol.js";
import { networkOptions, type Ctx } from "./cli.js";
import { decodeTx, type DecodeOptions, type TxView } from "./decode.js";
import { DEFAULT_DEPLOYMENT_FILE, protocolFromDeployment, readDeployment, type DeploymentFile } from "./deployment.js";
import { readEnvelope, recordedToUtxo, txHashOf, type TxEnvelope } from "./envelope.js";
import { makeProvider, resolveProvider, type NetworkName } from "./network.js";

export interface OpenTxFile {
  file: string;
  env: TxEnvelope;
  hash: string;
  view: TxView;
  network?: NetworkName;
}

const CHAIN_TIMEOUT_MS = 20_000;

function deploymentOf(ctx: Ctx, network: NetworkName | undefined, warnings: string[]): { d: DeploymentFile; p: Protocol } | undefined {
  const flag = ctx.args.string("deployment") ?? (ctx.env.JETPACK_DEPLOYMENT || undefined);
  const file = flag ?? DEFAULT_DEPLOYMENT_FILE;
  if (flag === undefined && !existsSync(resolve(ctx.io.cwd, file))) return undefined;
  const d = readDeployment(file, ctx.io.cwd); // named explicitly (or present): errors are the user's to fix
  if (network && d.network !== network) {
    warnings.push(`deployment file ${file} is for ${d.network}, the transaction for ${network}: protocol tokens and datums are not named`);
    return undefined;
  }
  return { d, p: protocolFromDeployment(d, file) };
}

async function fromChain(ctx: Ctx, network: NetworkName | undefined, refs: string[], warnings: string[]): Promise<Map<string, UTxO>> {
  const out = new Map<string, UTxO>();
  if (ctx.args.boolean("offline") || refs.length === 0) return out;
  let timer: NodeJS.Timeout | undefined;
  try {
    const cfg = resolveProvider(networkOptions(ctx.args), ctx.env, ctx.io.cwd, network);
    if (network && cfg.network !== network) throw new Error(`the file is for network ${network}, --network or JETPACK_NETWORK says ${cfg.network}`);
    const provider = await makeProvider(cfg);
    const outRefs = refs.map((r) => ({ txHash: r.split("#")[0]!, outputIndex: Number(r.split("#")[1]) }));
    const timeout = new Promise<never>((_, rej) => {
      timer = setTimeout(() => rej(new Error(`no answer within ${CHAIN_TIMEOUT_MS / 1000} s`)), CHAIN_TIMEOUT_MS);
    });
    const utxos = await Promise.race([provider.getUtxosByOutRef(outRefs), timeout]);
    for (const u of utxos) out.set(`${u.txHash}#${u.outputIndex}`, u);
    const gone = refs.filter((r) => !out.has(r));
    if (gone.length) warnings.push(`not unspent on ${cfg.description}: ${gone.join(", ")} (already spent, or another chain): the transaction cannot be submitted as it is`);
  } catch (e) {
    warnings.push(`chain not read (${(e instanceof Error ? e.message : String(e)).split("\n")[0]!.slice(0, 200)}): inputs are shown as recorded in the file, if at all`);
  } finally {
    clearTimeout(timer);
  }
  return out;
}

const sameUtxo = (a: UTxO, b: UTxO) =>
  a.address === b.address && (a.datum ?? null) === (b.datum ?? null) && JSON.stringify(Object.entries(a.assets).map(([k, v]) => [k, String(v)]).sort()) === JSON.stringify(Object.entries(b.assets).map(([k, v]) => [k, String(v)]).sort());

/** Reads and decodes the transaction file `file` (EnvelopeError on a malformed file). */
export async function openTxFile(ctx: Ctx, file: string, cborHex?: string): Promise<OpenTxFile> {
  const env = readEnvelope(file, ctx.io.cwd);
  const cbor = cborHex ?? env.cborHex;
  const hash = txHashOf(cbor);
  const warnings: string[] = [];
  if (env.jetpack && env.jetpack.hash !== hash) warnings.push(`the file records hash ${env.jetpack.hash}, but its transaction's hash is ${hash}`);
  const network = env.jetpack?.network;
  const dep = deploymentOf(ctx, network, warnings);
  const probe = decodeTx(cbor);
  const refs = [...new Set([...probe.inputs, ...probe.referenceInputs, ...probe.collateral].map((i) => i.ref))];
  const chain = await fromChain(ctx, network ?? dep?.d.network, refs, warnings);
  const resolved: NonNullable<DecodeOptions["resolved"]> = new Map();
  for (const r of env.jetpack?.inputs ?? []) if (refs.includes(r.ref)) (resolved as Map<string, unknown>).set(r.ref, { utxo: recordedToUtxo(r), source: "file" });
  for (const [ref, u] of chain) {
    const rec = resolved.get(ref);
    if (rec && !sameUtxo(rec.utxo as UTxO, u)) warnings.push(`the file's record of input ${ref} differs from the chain (the chain's is shown)`);
    (resolved as Map<string, unknown>).set(ref, { utxo: u, source: "chain" });
  }
  const view = decodeTx(cbor, {
    ...(dep ? { protocol: dep.p, referenceHolder: dep.d.referenceHolder } : {}),
    ...(network ?? dep?.d.network ? { network: (network ?? dep?.d.network)! } : {}),
    resolved,
    recordedSigners: env.jetpack?.requiredSigners ?? [],
  });
  view.warnings.unshift(...warnings);
  return { file, env, hash, view, ...(network ? { network } : {}) };
}
