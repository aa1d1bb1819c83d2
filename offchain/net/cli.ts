/**
 * What the chain commands of the `jetpack` CLI share: the network/provider/deployment flags,
 * key loading, error translation (every bad input → one line, exit 2, before anything is
 * submitted), progress lines on stderr, and the dry-run / submit / confirm step.
 *
 * Nothing here imports the chain library at top level (Lucid, the deployment reader, the key
 * loader load inside the functions that need them), so every chain command's module, and
 * with it `jetpack <command> --help`, loads without it (test/cli/startup.test.ts).
 */
import { type CommandIO, type FlagSpec, type ParsedArgs, UsageError } from "../cli/command.js";
import { json as jsonText } from "../cli/format.js";
import { inFile, readJsonFile } from "../cli/input.js";
import { InputError } from "../economics/errors.js";
import type { Protocol } from "../protocol.js";
import type { Chain } from "./chain.js";
import type { DeploymentFile } from "./deployment.js";
import type { SigningKey } from "./keys.js";
import { NetworkConfigError, parseNetworkName, resolveProvider, type Env, type NetworkOptions, type ProviderConfig } from "./network.js";
import type { BuiltTx } from "./tx.js";

export { NETWORK_FLAGS, QUIET_FLAG } from "./flags.js";
import { DEFAULT_DEPLOYMENT_FILE, NETWORK_FLAGS, QUIET_FLAG } from "./flags.js";

export const DEPLOYMENT_FLAG: FlagSpec = {
  name: "deployment",
  type: "string",
  value: "FILE",
  description: `deployment file written by jetpack init (default $JETPACK_DEPLOYMENT or ${DEFAULT_DEPLOYMENT_FILE})`,
};
export const DRY_RUN_FLAG: FlagSpec = { name: "dry-run", type: "boolean", description: "build and evaluate, print fee, ex-units and what moves; submit nothing, write nothing" };
export const JSON_FLAG: FlagSpec = { name: "json", type: "boolean", description: "print the result as JSON" };
export const WAIT_FLAG: FlagSpec = { name: "wait-s", type: "integer", value: "S", description: "seconds to wait for confirmation (default 60 on local, 600 elsewhere)" };

export function keyFlag(description: string, required = true): FlagSpec {
  return { name: "key", type: "string", value: "FILE", required, description: `${description} (bech32 ed25519_sk…, cardano-cli .skey, or seed phrase file)` };
}

/**
 * `--out FILE`: build, evaluate and write the unsigned transaction(s) instead of signing and
 * submitting (FILE for one transaction; FILE-1, FILE-2, … before the extension for several,
 * to be submitted in that order). Each file is the envelope `tx-show`, `tx-sign`,
 * `tx-assemble` and `tx-submit` read, so a key kept offline can sign it.
 */
export const TX_OUT_FLAG: FlagSpec = { name: "out", type: "string", value: "FILE", description: "write the unsigned transaction(s) here instead of submitting (then tx-sign, tx-submit)" };

/** Flags of a command that submits transactions. */
export function txCommandFlags(keyDescription: string, extra: readonly FlagSpec[] = []): FlagSpec[] {
  return [keyFlag(keyDescription), ...extra, DRY_RUN_FLAG, TX_OUT_FLAG, JSON_FLAG, QUIET_FLAG, WAIT_FLAG, DEPLOYMENT_FLAG, ...NETWORK_FLAGS];
}

/** The file names `--out FILE` gives `n` transactions. */
export function txOutFiles(file: string, n: number): string[] {
  if (n === 1) return [file];
  const dot = file.lastIndexOf(".");
  const [stem, ext] = dot > 0 && !file.slice(dot).includes("/") ? [file.slice(0, dot), file.slice(dot)] : [file, ""];
  return Array.from({ length: n }, (_, i) => `${stem}-${i + 1}${ext}`);
}

export interface Ctx {
  args: ParsedArgs;
  io: CommandIO;
  env: Env;
  json: boolean;
  dryRun: boolean;
  /** A progress line on stderr (unless --quiet). */
  say(line: string): void;
}

export function makeCtx(args: ParsedArgs, io: CommandIO, env: Env = process.env): Ctx {
  const quiet = args.boolean("quiet");
  return {
    args,
    io,
    env,
    json: args.boolean("json"),
    dryRun: args.boolean("dry-run"),
    say: (line) => {
      if (!quiet) io.err(line + "\n");
    },
  };
}

/** Errors that mean bad input or a bad environment → UsageError (exit 2, one line). */
export function isInputProblem(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  return (
    e instanceof UsageError ||
    e instanceof InputError ||
    e instanceof NetworkConfigError ||
    // by name: their modules (keys.ts, deployment.ts, …) load the chain library
    ["KeyError", "DeploymentError", "JetpackError", "DatumError", "TxBuildError", "EnvelopeError"].includes(e.name) ||
    e.constructor?.name === "DatumError"
  );
}

/** Runs a command body; input problems become UsageError (the router prints them, exit 2). */
export async function guarded(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError) throw e;
    if (isInputProblem(e)) throw new UsageError((e as Error).message);
    throw e;
  }
}

export function networkOptions(args: ParsedArgs): NetworkOptions {
  const o: NetworkOptions = {};
  const set = (k: keyof NetworkOptions, flag: string) => {
    const v = args.string(flag);
    if (v !== undefined) o[k] = v;
  };
  set("network", "network");
  set("provider", "provider");
  set("devnet", "devnet");
  set("blockfrostUrl", "blockfrost-url");
  set("kupoUrl", "kupo-url");
  set("ogmiosUrl", "ogmios-url");
  set("koiosUrl", "koios-url");
  return o;
}

export interface OpenDeployment {
  file: string;
  deployment: DeploymentFile;
  protocol: Protocol;
  cfg: ProviderConfig;
}

/** Reads the deployment file, checks it against the requested network, derives the protocol. */
export async function openDeployment(ctx: Ctx): Promise<OpenDeployment> {
  const { DeploymentError, protocolFromDeployment, readDeployment } = await import("./deployment.js");
  const file = ctx.args.string("deployment") ?? ctx.env.JETPACK_DEPLOYMENT ?? DEFAULT_DEPLOYMENT_FILE;
  const deployment = readDeployment(file, ctx.io.cwd);
  const requested = ctx.args.string("network") ?? (ctx.env.JETPACK_NETWORK || undefined);
  if (requested !== undefined) {
    const n = parseNetworkName(requested, ctx.args.has("network") ? "--network" : "JETPACK_NETWORK");
    if (n !== deployment.network) throw new DeploymentError(`deployment file ${file} is for network ${deployment.network}, not ${n}`);
  }
  const cfg = resolveProvider(networkOptions(ctx.args), ctx.env, ctx.io.cwd, deployment.network);
  const protocol = protocolFromDeployment(deployment, file);
  return { file, deployment, protocol, cfg };
}

/** Connects to the provider; with `opened`, also checks that the config on chain names the
 *  deployment's pool and lock scripts (every command but `init`, which writes it). */
export async function connectChain(ctx: Ctx, cfg: ProviderConfig, opened?: Pick<OpenDeployment, "protocol" | "file">): Promise<Chain> {
  ctx.say(`connecting to ${cfg.description}`);
  const { connect } = await import("./chain.js");
  const chain = await connect(cfg);
  if (opened) {
    const { verifyConfigScripts } = await import("./deployment.js");
    await verifyConfigScripts(chain.lucid, opened.protocol, opened.file);
  }
  return chain;
}

/** Loads the key named by --<flag> (or undefined when the flag is absent and not required). */
export async function loadKeyFlag(ctx: Ctx, flag = "key"): Promise<SigningKey | undefined> {
  const file = ctx.args.string(flag);
  if (file === undefined) return undefined;
  const { loadSigningKey } = await import("./keys.js");
  return loadSigningKey(file, ctx.io.cwd, (w) => ctx.say(w));
}

export async function requireKey(ctx: Ctx, flag = "key"): Promise<SigningKey> {
  const k = await loadKeyFlag(ctx, flag);
  if (!k) throw new UsageError(`missing required flag --${flag}`);
  return k;
}

/** Comma-separated key files of --<flag>. */
export async function loadKeyList(ctx: Ctx, flag: string): Promise<SigningKey[]> {
  const v = ctx.args.string(flag);
  if (v === undefined) return [];
  const { loadSigningKey } = await import("./keys.js");
  return v
    .split(",")
    .map((f) => f.trim())
    .filter((f) => f !== "")
    .map((f) => loadSigningKey(f, ctx.io.cwd, (w) => ctx.say(w)));
}

/** A JSON input file, its InputErrors prefixed with the file name. */
export function readJsonInput<T>(ctx: Ctx, file: string, parse: (raw: unknown) => T): T {
  const raw = readJsonFile(file, ctx.io.cwd);
  return inFile(file, () => parse(raw));
}

/** The wallet of `key`: its address and current UTxOs. */
export async function walletOf(chain: Chain, key: SigningKey): Promise<{ address: string; utxos: import("@lucid-evolution/lucid").UTxO[] }> {
  key.selectAsWallet(chain.lucid);
  const address = key.address(chain.cfg.lucidNetwork);
  const utxos = await chain.lucid.wallet().getUtxos();
  return { address, utxos };
}

export interface Submitted {
  label: string;
  hash: string;
}

/**
 * --dry-run: prints the summaries and returns []. Otherwise signs each transaction with
 * `keys` (the wallet key first; or keys(i) for the i-th), submits them in order (later ones may spend earlier ones'
 * outputs), waits for each to be confirmed (onSubmitted / onConfirmed are told each one's index
 * and hash as it is), and returns their hashes.
 */
export async function submitAll(
  ctx: Ctx,
  chain: Chain,
  built: readonly BuiltTx[],
  keys: readonly SigningKey[] | ((index: number) => readonly SigningKey[]),
  onSubmitted?: (index: number, hash: string) => void,
  onConfirmed?: (index: number, hash: string) => void,
): Promise<Submitted[]> {
  const { signAndSubmit, fitsLimits, TxBuildError } = await import("./tx.js");
  for (const b of built) {
    const s = b.summary;
    if (fitsLimits(b)) continue;
    const why = `${b.label}: the transaction exceeds the chain's limits (size ${s.sizeBytes}/${s.maxSizeBytes} bytes, memory ${s.totalMem}/${s.maxMem}, steps ${s.totalSteps}/${s.maxSteps})`;
    if (ctx.dryRun) ctx.say(`warning: ${why}; it would be rejected`);
    else throw new TxBuildError(`${why}; nothing was submitted`);
  }
  if (ctx.dryRun) {
    ctx.say(`dry run: ${built.length} transaction${built.length === 1 ? "" : "s"} built and evaluated; nothing submitted`);
    return [];
  }
  const outFile = ctx.args.has("out") ? ctx.args.string("out") : undefined;
  if (outFile !== undefined) {
    const { makeEnvelope, requiredSignersOf, writeEnvelope } = await import("./envelope.js");
    const files = txOutFiles(outFile, built.length);
    for (const [i, b] of built.entries()) {
      const signers = [...new Set([...(typeof keys === "function" ? keys(i) : keys).map((k) => k.pkh), ...requiredSignersOf(b.cbor)])];
      writeEnvelope(files[i]!, makeEnvelope(b.cbor, { network: chain.cfg.network, label: b.label, hash: b.hash, requiredSigners: signers, summary: b.summary.moves }), ctx.io.cwd);
      ctx.say(`wrote the unsigned ${b.label} to ${files[i]} (signers: ${signers.join(", ")})`);
    }
    ctx.say(`nothing submitted: sign each file with tx-sign (or tx-sign --witness-out and tx-assemble) and submit with tx-submit${built.length > 1 ? ", in order" : ""}`);
    return [];
  }
  const out: Submitted[] = [];
  for (const [i, b] of built.entries()) {
    const hash = await signAndSubmit(chain.provider, b, typeof keys === "function" ? keys(i) : keys);
    ctx.say(`submitted ${b.label}: ${hash}`);
    out.push({ label: b.label, hash });
    onSubmitted?.(out.length - 1, hash);
  }
  const waitS = ctx.args.integer("wait-s");
  for (const [i, s] of out.entries()) {
    const t0 = Date.now();
    ctx.say(`waiting for ${s.hash.slice(0, 16)}… to be confirmed`);
    await chain.confirm(s.hash, waitS !== undefined ? waitS * 1000 : undefined);
    ctx.say(`confirmed ${s.label} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    onConfirmed?.(i, s.hash);
  }
  return out;
}

/** Prints the result: JSON (`extra` + transactions) or the summaries' text plus `lines`. */
export async function report(ctx: Ctx, built: readonly BuiltTx[], submitted: readonly Submitted[], extra: Record<string, unknown>, lines: readonly string[]): Promise<void> {
  const { summaryJson, summaryText } = await import("./tx.js");
  if (ctx.json) {
    ctx.io.out(
      jsonText({
        dryRun: ctx.dryRun,
        ...extra,
        transactions: built.map((b) => ({ ...summaryJson(b.summary), submitted: submitted.some((s) => s.hash === b.hash) })),
      }),
    );
    return;
  }
  const text = built.map((b) => summaryText(b.summary)).join("\n");
  const tail = ctx.dryRun ? ["dry run: nothing submitted"] : submitted.map((s) => `confirmed ${s.hash} (${s.label})`);
  ctx.io.out(text + (text ? "\n" : "") + [...lines, ...tail].join("\n") + "\n");
}
