// Why: the chain report's JSON twin carries exactly the page's figures, for scripts and
// auditors; its "chain" block has the same figures as `jetpack status --json`.
// How: Pack as decimal strings, unknown figures (an epoch whose allocation file is missing)
// as null, never as 0.
import { type ChainHistoryRow, type ChainReportModel } from "./chain.js";
import { scheduleJson } from "./model.js";

const s = (v: bigint | null) => (v === null ? null : v.toString());

function rowJson(h: ChainHistoryRow) {
  return {
    epoch: h.epoch,
    start: h.start,
    emissionPack: h.emissionPack.toString(),
    allocationFile: { name: h.fileName, status: h.file, fileHash: h.fileHash },
    carriedInPack: s(h.carriedInPack),
    fTotalPack: s(h.fTotalPack),
    distributedPack: s(h.distributedPack),
    undistributedPack: s(h.undistributedPack),
    services: h.services,
    /** burned by sweeps while the chain was in this epoch */
    sweptPack: s(h.sweptPack),
    pools:
      h.pools === null
        ? null
        : {
            count: h.pools.count,
            unclaimedPack: h.pools.unclaimedPack.toString(),
            claimedPack: s(h.pools.claimedPack),
            claims: h.pools.claims,
            expiryMs: h.pools.expiryMs.toString(),
            expired: h.pools.expired,
          },
  };
}

/** The JSON twin of the chain report page. */
export function chainReportJson(m: ChainReportModel, meta: { network?: string; deployment?: string; jetPolicy?: string; allocationsDir?: string } = {}) {
  const c = m.chain;
  return {
    report: "jetpack epoch report",
    source: m.source,
    epoch: m.epoch,
    tail: m.tail,
    start: m.current.start,
    genesisMs: m.genesisMs,
    ...meta,
    chain: {
      epoch: c.epoch,
      scheduledPack: c.scheduledPack.toString(),
      mintedPack: c.mintedPack.toString(),
      carryOverPack: c.carryOverPack.toString(),
      nextEpoch:
        c.nextEpoch === null
          ? null
          : {
              epoch: c.nextEpoch.epoch,
              startMs: c.nextEpoch.startMs.toString(),
              emissionPack: c.nextEpoch.emissionPack.toString(),
              tail: c.nextEpoch.tail,
              fTotalPack: c.nextEpoch.fTotalPack.toString(),
            },
      poolsJetPack: c.poolsJetPack.toString(),
      locksJetPack: s(c.locksJetPack),
      distributedToDatePack: s(c.distributedToDatePack),
      sweptToDatePack: s(c.sweptToDatePack),
      nowMs: c.nowMs,
    },
    schedule: scheduleJson(m),
    epochReport: {
      ...rowJson(m.current),
      capsFrom: m.capsFrom,
      levels: m.levels === null ? null : m.levels.map((l) => ({ level: l.level, count: l.count, capPack: l.capPack.toString(), allocatedPack: l.allocatedPack.toString() })),
      allocations: m.allocations.map((a) => ({ id: a.id, service: a.service, shard: a.shard, index: a.index, level: a.level, amountPack: a.amountPack.toString(), claimed: a.claimed })),
    },
    history: m.history.map(rowJson),
    distributedToDatePack: s(m.distributedToDatePack),
    missingAllocationFiles: m.missingFiles,
    checks: m.checks,
  };
}

export type ChainReportJson = ReturnType<typeof chainReportJson>;
