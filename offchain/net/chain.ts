/**
 * A connection to a chain: Lucid on the chosen provider and network, chain time, and
 * confirmation waiting. SDK users get the same object the CLI uses:
 *
 *   const chain = await connect(resolveProvider({ network: "local" }, process.env, process.cwd()));
 *   const state = await readState(chain.lucid, protocol);
 */
import type { LucidEvolution, Provider } from "@lucid-evolution/lucid";
import { awaitConfirmation, ChainError, chainTimeMs, isTxConfirmed, makeProvider, type ProviderConfig } from "./network.js";

export interface Chain {
  cfg: ProviderConfig;
  lucid: LucidEvolution;
  provider: Provider;
  /** Chain time, POSIX ms (the devnet's clock on `local`). */
  now(): Promise<number>;
  /** Resolves once the transaction is in a block; rejects after `timeoutMs`. */
  confirm(txHash: string, timeoutMs?: number): Promise<void>;
  /** Whether the transaction is in a block now (no waiting; pending or dropped: false). */
  isConfirmed(txHash: string): Promise<boolean>;
}

export const DEFAULT_CONFIRM_TIMEOUT_MS = { local: 60_000, remote: 600_000 };

/** Opens Lucid on the provider (fetches the protocol parameters once). */
export async function connect(cfg: ProviderConfig): Promise<Chain> {
  const { Lucid } = await import("@lucid-evolution/lucid");
  const provider = await makeProvider(cfg);
  let lucid: LucidEvolution;
  try {
    lucid = await Lucid(provider, cfg.lucidNetwork);
  } catch (e) {
    throw new ChainError(`cannot reach ${cfg.description}: ${(e instanceof Error ? e.message : String(e)).split("\n")[0]!.slice(0, 300)}`);
  }
  const pp = lucid.config().protocolParameters;
  if (!pp || !Number.isFinite(pp.minFeeA) || !pp.costModels) throw new ChainError(`${cfg.description} did not return protocol parameters (wrong URL or credentials?)`);
  const defaultTimeout = cfg.network === "local" ? DEFAULT_CONFIRM_TIMEOUT_MS.local : DEFAULT_CONFIRM_TIMEOUT_MS.remote;
  return {
    cfg,
    lucid,
    provider,
    now: () => chainTimeMs(cfg),
    confirm: (h, t) => awaitConfirmation(cfg, provider, h, t ?? defaultTimeout),
    isConfirmed: (h) => isTxConfirmed(cfg, provider, h),
  };
}
