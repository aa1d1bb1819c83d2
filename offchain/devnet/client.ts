/**
 * Client side of the devnet's control endpoints (`/devnet/…`), for tests and the CLI.
 *
 * Why: a client in another process must read chain time from the devnet, not from its own
 * `Date.now()`: after `advance` the chain runs ahead of the wall clock (and a "manual"
 * devnet does not follow the wall clock at all). Validity ranges built from chain time
 * are valid on the devnet; ranges built from `Date.now()` are only valid while no one has
 * advanced the clock.
 *
 * `url` is the Blockfrost URL the devnet printed (…/api/v0); every call sends `project_id`.
 */
import type { SlotConfig } from "./time.js";

export interface DevnetInfo {
  network: "Preprod";
  networkId: number;
  clock: "wall" | "manual";
  slotConfig: SlotConfig;
  slot: number; // current slot
  time: number; // current chain time, POSIX ms
  slotTime: number; // POSIX ms at which the current slot began
  tip: { height: number; hash: string; slot: number; time: number }; // latest block
  pending: number; // transactions waiting for the next block
  blockIntervalMs: number;
  wallets: Array<{ name: string; kind: "privateKey" | "seed"; address: string; stakeAddress?: string }>;
}

export type AdvanceBy = { ms: number } | { slots: number } | { toTime: number } | { toSlot: number };

async function call<T>(url: string, projectId: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}/devnet/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { project_id: projectId, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as T & { message?: string };
  if (!res.ok) throw new Error(`devnet ${path}: HTTP ${res.status}: ${json.message ?? JSON.stringify(json)}`);
  return json;
}

/** Current slot, chain time, slot config, tip and wallet addresses. */
export function devnetInfo(url: string, projectId: string): Promise<DevnetInfo> {
  return call(url, projectId, "info");
}

/** Current chain time (POSIX ms): use it, not Date.now(), for validity ranges. */
export async function devnetNow(url: string, projectId: string): Promise<number> {
  return (await devnetInfo(url, projectId)).time;
}

/** Moves chain time forward and produces a block (confirming pending transactions). */
export function devnetAdvance(url: string, projectId: string, by: AdvanceBy): Promise<DevnetInfo> {
  return call(url, projectId, "advance", by);
}

/** Produces a block now, confirming pending transactions. */
export function devnetProduceBlock(url: string, projectId: string): Promise<{ height: number; slot: number; txs: string[] }> {
  return call(url, projectId, "block", {});
}
