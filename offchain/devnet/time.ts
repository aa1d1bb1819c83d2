/**
 * Slot ↔ time rules of the JetPack devnet, shared by the server and its clients.
 *
 * Why: Lucid turns `validFrom(ms)` / `validTo(ms)` into slots with the global
 * `SLOT_CONFIG_NETWORK[network]`, and the server evaluates scripts (whose context carries
 * POSIX times) with its own slot config. Both must use the same numbers or validity ranges
 * break. The devnet uses exactly Preprod's Shelley slot config, so a client that says
 * `Lucid(new Blockfrost(url, projectId), "Preprod")` needs no setup at all; a client that
 * says "Custom" must first call `useDevnetSlotConfig()` (Lucid's "Custom" entry starts as
 * all zeros).
 *
 * The values are written out here, never read from `SLOT_CONFIG_NETWORK` at run time:
 * `Lucid(emulator, "Preprod")` anywhere in the same process overwrites that global entry.
 */
import { SLOT_CONFIG_NETWORK } from "@lucid-evolution/lucid";

export interface SlotConfig {
  zeroTime: number; // POSIX ms at which slot `zeroSlot` begins
  zeroSlot: number;
  slotLength: number; // ms
}

/** Preprod's Shelley-era slot config (= Lucid's built-in `SLOT_CONFIG_NETWORK.Preprod`). */
export const DEVNET_SLOT_CONFIG: Readonly<SlotConfig> = Object.freeze({
  zeroTime: 1_655_769_600_000,
  zeroSlot: 86_400,
  slotLength: 1_000,
});

/** Slots per epoch (Preprod: 5 days of 1 s slots) and the epoch number at `zeroSlot`. */
export const DEVNET_EPOCH_LENGTH_SLOTS = 432_000;
export const DEVNET_EPOCH_AT_ZERO_SLOT = 4;

/** The slot that contains `timeMs` (Lucid's `unixTimeToEnclosingSlot`). */
export function timeToSlot(timeMs: number, sc: SlotConfig = DEVNET_SLOT_CONFIG): number {
  return sc.zeroSlot + Math.floor((timeMs - sc.zeroTime) / sc.slotLength);
}

/** POSIX ms at which `slot` begins (Lucid's `slotToBeginUnixTime`). */
export function slotToTime(slot: number, sc: SlotConfig = DEVNET_SLOT_CONFIG): number {
  return sc.zeroTime + (slot - sc.zeroSlot) * sc.slotLength;
}

export function slotToEpoch(slot: number, sc: SlotConfig = DEVNET_SLOT_CONFIG): { epoch: number; epochSlot: number } {
  const since = slot - sc.zeroSlot;
  return {
    epoch: DEVNET_EPOCH_AT_ZERO_SLOT + Math.floor(since / DEVNET_EPOCH_LENGTH_SLOTS),
    epochSlot: ((since % DEVNET_EPOCH_LENGTH_SLOTS) + DEVNET_EPOCH_LENGTH_SLOTS) % DEVNET_EPOCH_LENGTH_SLOTS,
  };
}

/**
 * Sets Lucid's global `SLOT_CONFIG_NETWORK.Custom` (and, if asked, `.Preprod`) to the
 * devnet's slot config. Call it before building transactions with network "Custom".
 */
export function useDevnetSlotConfig(sc: SlotConfig = DEVNET_SLOT_CONFIG, networks: Array<"Custom" | "Preprod"> = ["Custom"]): void {
  for (const n of networks) SLOT_CONFIG_NETWORK[n] = { ...sc };
}
