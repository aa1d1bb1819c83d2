/**
 * The config a deployer or a governor writes, and the full datum the validators check.
 *
 * Why: the governance section's first three fields (the governance and treasury script
 * hashes, the genesis time) follow from the deployment, and the version from the config
 * being replaced; asking for them would only let them be mistyped. `fullConfig` fills them
 * in; the other governance settings default to `DEFAULT_GOV_SETTINGS` (docs/governance.md).
 */
import type { ConfigDatum, GovParams } from "../../codec/data.js";
import type { Protocol } from "../../protocol.js";

/** The governance settings a deployer chooses (everything but what the deployment fixes). */
export type GovSettings = Omit<GovParams, "govScript" | "treasuryScript" | "genesisMs">;

export const JET = 1_000_000n;

export const DEFAULT_GOV_SETTINGS: GovSettings = {
  maxLockEpochs: 292n, // ≈ 4 years of 5-day epochs
  proposalThreshold: 1_000n * JET * 52n, // 1,000 Jet committed for 52 epochs (≈ 8.5 months)
  depositLovelace: 100_000_000n, // 100 ADA
  votingEpochs: 3n,
  timelockEpochs: 2n,
  executionEpochs: 6n,
  quorumBps: 400n, // 4 % of the maximum possible power
  approvalBps: 6_000n,
  sunsetEpoch: 146n, // ≈ 2 years
  ownerScripts: [],
  disputeEpochs: 4n,
  guardrails: {
    capMinPack: 0n,
    capMaxPack: 1_000_000_000n * JET,
    claimWindowMinMs: 3_600_000n, // 1 hour
    claimWindowMaxMs: 60n * 86_400_000n, // 60 days
    maxChangeBps: 5_000n, // ±50 % per update
    weightStepBps: 2_500n,
  },
  exchangeFeeBps: 30n, // 0.3 % of a fill's ADA side, to the treasury
  // Payments in Jet: 5 % off from 100 Jet committed for a year, 10 % from 1,000 Jet, 20 % from 10,000 Jet.
  discountTiers: [
    { minPower: 100n * JET * 73n, bps: 500n },
    { minPower: 1_000n * JET * 73n, bps: 1_000n },
    { minPower: 10_000n * JET * 73n, bps: 2_000n },
  ],
};

/** What a deployer writes: the config without the fields the deployment fixes. */
export type ConfigInput = Omit<ConfigDatum, "poolScript" | "lockScript" | "version" | "governance"> & {
  governance?: Partial<GovSettings>;
};

/** The genesis config of deployment `p` (version 0). */
export function fullConfig(p: Protocol, c: ConfigInput): ConfigDatum {
  const { governance, ...rest } = c;
  return {
    ...rest,
    governors: [...c.governors].sort(),
    poolScript: p.pool.hash,
    lockScript: p.lock.hash,
    version: 0n,
    governance: {
      ...DEFAULT_GOV_SETTINGS,
      ...governance,
      govScript: p.governance.hash,
      treasuryScript: p.treasury.hash,
      genesisMs: p.params.genesisTimeMs,
    },
  };
}

/** The config replacing `current`: version + 1, the immutable fields kept, the
 *  governance section `current`'s unless `next` changes settings (only a proposal may). */
export function nextConfig(current: ConfigDatum, next: ConfigInput): ConfigDatum {
  const { governance, ...rest } = next;
  return {
    ...rest,
    governors: [...next.governors].sort(),
    poolScript: current.poolScript,
    lockScript: current.lockScript,
    version: current.version + 1n,
    governance: { ...current.governance, ...governance, guardrails: current.governance.guardrails },
  };
}
