/**
 * Which chain to talk to and through which provider, from flags or the environment.
 *
 * Networks: Mainnet, Preprod, Preview, and `local` (the JetPack devnet: Preprod's slot
 * config and addresses behind a Blockfrost-compatible API, see docs/devnet.md). Providers:
 * every one Lucid Evolution 0.4.34 ships — Blockfrost, Kupmios (Kupo + Ogmios), Maestro,
 * Koios.
 *
 * Precedence: a flag, then its environment variable, then the default. Secrets (API keys,
 * project ids) come only from the environment or from files named in it (`…_FILE`), never
 * from flags (shell history) and never appear in descriptions, logs or errors.
 *
 * Chain time: on `local` it is the devnet's clock (`GET …/devnet/info`), which runs ahead of
 * the wall clock once someone advanced it; elsewhere it is the wall clock.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Network, Provider } from "@lucid-evolution/lucid";

export type NetworkName = "Mainnet" | "Preprod" | "Preview" | "local";
export type ProviderName = "blockfrost" | "kupmios" | "maestro" | "koios";

export const NETWORKS: readonly NetworkName[] = ["Mainnet", "Preprod", "Preview", "local"];
export const PROVIDERS: readonly ProviderName[] = ["blockfrost", "kupmios", "maestro", "koios"];

export class NetworkConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NetworkConfigError";
  }
}

/** The chain or provider failed (unreachable, rejected a transaction, no confirmation): not bad input. */
export class ChainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ChainError";
  }
}

/** What the caller chose (flags); anything missing is looked up in `env`. */
export interface NetworkOptions {
  network?: string;
  provider?: string;
  devnet?: string; // devnet.json (local)
  blockfrostUrl?: string;
  kupoUrl?: string;
  ogmiosUrl?: string;
  koiosUrl?: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

export interface ProviderConfig {
  network: NetworkName;
  /** Lucid's network: `local` runs as "Preprod" (same slot config and address prefix). */
  lucidNetwork: Network;
  provider: ProviderName;
  /** Human description without secrets: "local devnet http://127.0.0.1:1234/api/v0 (Blockfrost API)". */
  description: string;
  /** Blockfrost-style base URL and project id when the provider speaks the Blockfrost API. */
  blockfrost?: { url: string; projectId: string };
  kupmios?: { kupoUrl: string; ogmiosUrl: string };
  maestro?: { apiKey: string; turboSubmit: boolean };
  koios?: { url: string; token?: string };
}

/** "preprod", "PREPROD", "Preprod" → "Preprod"; "devnet" is an alias of "local". */
export function parseNetworkName(raw: string, where = "--network"): NetworkName {
  const v = raw.trim().toLowerCase();
  if (v === "local" || v === "devnet") return "local";
  const hit = NETWORKS.find((n) => n.toLowerCase() === v);
  if (!hit) throw new NetworkConfigError(`${where}: unknown network ${JSON.stringify(raw)} (expected mainnet, preprod, preview or local)`);
  return hit;
}

export function parseProviderName(raw: string, where = "--provider"): ProviderName {
  const v = raw.trim().toLowerCase();
  const hit = PROVIDERS.find((p) => p === v);
  if (!hit) throw new NetworkConfigError(`${where}: unknown provider ${JSON.stringify(raw)} (expected blockfrost, kupmios, maestro or koios)`);
  return hit;
}

export function lucidNetworkOf(n: NetworkName): Network {
  return n === "local" ? "Preprod" : n;
}

/** A secret from `NAME` or from the file named by `NAME_FILE` (trimmed); undefined if neither is set. */
export function secretFromEnv(env: Env, name: string, cwd: string): string | undefined {
  const direct = env[name];
  if (direct !== undefined && direct.trim() !== "") return direct.trim();
  const file = env[`${name}_FILE`];
  if (file === undefined || file.trim() === "") return undefined;
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new NetworkConfigError(`${name}_FILE: cannot read ${file}: ${code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : (code ?? "unreadable")}`);
  }
  const v = text.trim();
  if (v === "") throw new NetworkConfigError(`${name}_FILE: ${file} is empty`);
  return v;
}

const BLOCKFROST_URLS: Record<Exclude<NetworkName, "local">, string> = {
  Mainnet: "https://cardano-mainnet.blockfrost.io/api/v0",
  Preprod: "https://cardano-preprod.blockfrost.io/api/v0",
  Preview: "https://cardano-preview.blockfrost.io/api/v0",
};
const KOIOS_URLS: Record<Exclude<NetworkName, "local">, string> = {
  Mainnet: "https://api.koios.rest/api/v1",
  Preprod: "https://preprod.koios.rest/api/v1",
  Preview: "https://preview.koios.rest/api/v1",
};

function checkUrl(raw: string, what: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new NetworkConfigError(`${what}: not a URL: ${JSON.stringify(raw.slice(0, 200))}`);
  }
  if (!/^(https?|wss?):$/.test(u.protocol)) throw new NetworkConfigError(`${what}: unsupported URL scheme ${u.protocol}`);
  if (u.username || u.password) throw new NetworkConfigError(`${what}: put credentials in the environment, not in the URL`);
  return raw.replace(/\/+$/, "");
}

/** The devnet's devnet.json: { url, projectId, network: "Preprod", … }. */
export function readDevnetFile(file: string, cwd: string): { url: string; projectId: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(resolve(cwd, file), "utf8"));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file (start one with `jetpack devnet`, or pass --devnet FILE)" : code ? code : `invalid JSON`;
    throw new NetworkConfigError(`devnet file ${file}: ${why}`);
  }
  const o = raw as { url?: unknown; projectId?: unknown };
  if (typeof o?.url !== "string" || typeof o.projectId !== "string") throw new NetworkConfigError(`devnet file ${file}: expected { url, projectId, … } as written by jetpack devnet`);
  return { url: checkUrl(o.url, `devnet file ${file}: url`), projectId: o.projectId };
}

/**
 * Resolves network and provider. `fallbackNetwork` (e.g. the deployment file's) is used
 * when neither the flag nor JETPACK_NETWORK names one.
 */
export function resolveProvider(opts: NetworkOptions, env: Env, cwd: string, fallbackNetwork?: NetworkName): ProviderConfig {
  const rawNet = opts.network ?? env.JETPACK_NETWORK;
  const network = rawNet !== undefined && rawNet !== "" ? parseNetworkName(rawNet, opts.network !== undefined ? "--network" : "JETPACK_NETWORK") : fallbackNetwork;
  if (!network) throw new NetworkConfigError("no network: pass --network mainnet|preprod|preview|local or set JETPACK_NETWORK");
  const lucidNetwork = lucidNetworkOf(network);
  const rawProv = opts.provider ?? env.JETPACK_PROVIDER;

  if (network === "local") {
    if (rawProv !== undefined && rawProv !== "" && parseProviderName(rawProv, opts.provider !== undefined ? "--provider" : "JETPACK_PROVIDER") !== "blockfrost")
      throw new NetworkConfigError("network local: the devnet speaks the Blockfrost API only (use --provider blockfrost or leave it out)");
    const file = opts.devnet ?? env.JETPACK_DEVNET ?? ".devnet/devnet.json";
    const d = readDevnetFile(file, cwd);
    return { network, lucidNetwork, provider: "blockfrost", description: `local devnet ${d.url} (Blockfrost API)`, blockfrost: d };
  }
  const provider = rawProv !== undefined && rawProv !== "" ? parseProviderName(rawProv, opts.provider !== undefined ? "--provider" : "JETPACK_PROVIDER") : "blockfrost";
  switch (provider) {
    case "blockfrost": {
      const url = checkUrl(opts.blockfrostUrl ?? env.BLOCKFROST_URL ?? BLOCKFROST_URLS[network], opts.blockfrostUrl ? "--blockfrost-url" : "BLOCKFROST_URL");
      const projectId = secretFromEnv(env, "BLOCKFROST_PROJECT_ID", cwd);
      if (!projectId) throw new NetworkConfigError("Blockfrost needs a project id: set BLOCKFROST_PROJECT_ID or BLOCKFROST_PROJECT_ID_FILE");
      return { network, lucidNetwork, provider, description: `${network} via Blockfrost ${url}`, blockfrost: { url, projectId } };
    }
    case "kupmios": {
      const kupo = opts.kupoUrl ?? env.KUPO_URL;
      const ogmios = opts.ogmiosUrl ?? env.OGMIOS_URL;
      if (!kupo || !ogmios) throw new NetworkConfigError("Kupmios needs both --kupo-url (or KUPO_URL) and --ogmios-url (or OGMIOS_URL)");
      const kupoUrl = checkUrl(kupo, "--kupo-url");
      const ogmiosUrl = checkUrl(ogmios, "--ogmios-url");
      return { network, lucidNetwork, provider, description: `${network} via Kupo ${kupoUrl} + Ogmios ${ogmiosUrl}`, kupmios: { kupoUrl, ogmiosUrl } };
    }
    case "maestro": {
      const apiKey = secretFromEnv(env, "MAESTRO_API_KEY", cwd);
      if (!apiKey) throw new NetworkConfigError("Maestro needs an API key: set MAESTRO_API_KEY or MAESTRO_API_KEY_FILE");
      const turboSubmit = /^(1|true|yes)$/i.test(env.MAESTRO_TURBO_SUBMIT ?? "");
      return { network, lucidNetwork, provider, description: `${network} via Maestro${turboSubmit ? " (turbo submit)" : ""}`, maestro: { apiKey, turboSubmit } };
    }
    case "koios": {
      const url = checkUrl(opts.koiosUrl ?? env.KOIOS_URL ?? KOIOS_URLS[network], opts.koiosUrl ? "--koios-url" : "KOIOS_URL");
      const token = secretFromEnv(env, "KOIOS_TOKEN", cwd);
      return { network, lucidNetwork, provider, description: `${network} via Koios ${url}`, koios: { url, ...(token ? { token } : {}) } };
    }
  }
}

/** Creates the Lucid provider (loads Lucid lazily). */
export async function makeProvider(cfg: ProviderConfig): Promise<Provider> {
  const { Kupmios, Maestro, Koios } = await import("@lucid-evolution/lucid");
  if (cfg.blockfrost) return (await import("./blockfrost.js")).makeBlockfrost(cfg.blockfrost.url, cfg.blockfrost.projectId);
  if (cfg.kupmios) return new Kupmios(cfg.kupmios.kupoUrl, cfg.kupmios.ogmiosUrl);
  if (cfg.maestro) {
    if (cfg.network === "local") throw new NetworkConfigError("Maestro cannot serve the local devnet");
    return new Maestro({ network: cfg.network, apiKey: cfg.maestro.apiKey, turboSubmit: cfg.maestro.turboSubmit });
  }
  if (cfg.koios) return new Koios(cfg.koios.url, cfg.koios.token);
  throw new NetworkConfigError(`no provider configured for ${cfg.network}`);
}

/** Current chain time in POSIX ms: the devnet's clock on `local`, the wall clock elsewhere. */
export async function chainTimeMs(cfg: ProviderConfig): Promise<number> {
  if (cfg.network !== "local") return Date.now();
  const res = await fetch(`${cfg.blockfrost!.url}/devnet/info`, { headers: { project_id: cfg.blockfrost!.projectId } });
  if (!res.ok) throw new ChainError(`devnet ${cfg.blockfrost!.url}: /devnet/info answered HTTP ${res.status}`);
  const info = (await res.json()) as { time?: unknown };
  if (typeof info.time !== "number") throw new ChainError(`devnet ${cfg.blockfrost!.url}: /devnet/info has no time`);
  return info.time;
}

/**
 * Waits until `txHash` is in a block. Blockfrost-style providers are polled directly
 * (`GET txs/{hash}`, cheap, with a deadline); the others through their own `awaitTx`.
 */
/**
 * Whether the transaction is in a block now: one look, no waiting (Blockfrost `txs/{hash}`:
 * found or 404; other providers: awaitConfirmation with a few seconds). A pending or dropped
 * transaction is not.
 */
export async function isTxConfirmed(cfg: ProviderConfig, provider: Provider, txHash: string): Promise<boolean> {
  if (cfg.blockfrost) {
    const res = await fetch(`${cfg.blockfrost.url}/txs/${txHash}`, { headers: { project_id: cfg.blockfrost.projectId } }).catch((e: unknown) => {
      throw new ChainError(`cannot reach ${cfg.description}: ${e instanceof Error ? e.message : String(e)}`);
    });
    await res.body?.cancel().catch(() => {});
    if (res.ok) return true;
    if (res.status === 404) return false;
    throw new ChainError(`${cfg.description}: looking up transaction ${txHash} answered HTTP ${res.status}`);
  }
  try {
    await awaitConfirmation(cfg, provider, txHash, 5_000);
    return true;
  } catch (e) {
    if (e instanceof ChainError) return false;
    throw e;
  }
}

export async function awaitConfirmation(cfg: ProviderConfig, provider: Provider, txHash: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  if (cfg.blockfrost) {
    const interval = cfg.network === "local" ? 50 : 3000;
    for (;;) {
      const res = await fetch(`${cfg.blockfrost.url}/txs/${txHash}`, { headers: { project_id: cfg.blockfrost.projectId } }).catch(() => undefined);
      if (res?.ok) return;
      await res?.body?.cancel().catch(() => {});
      if (Date.now() + interval > deadline) throw new ChainError(`transaction ${txHash} not confirmed within ${Math.round(timeoutMs / 1000)} s (it may still be in the mempool)`);
      await new Promise((r) => setTimeout(r, interval));
    }
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, rej) => {
    timer = setTimeout(() => rej(new ChainError(`transaction ${txHash} not confirmed within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
    timer.unref();
  });
  try {
    await Promise.race([provider.awaitTx(txHash, 3000), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
