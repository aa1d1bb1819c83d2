/**
 * JetPack's public SDK: `import { … } from "jetpack-cardano"` (or `require`). See docs/sdk.md.
 *
 * Layers, bottom up:
 * - economics: the exact emission schedule, scores, levels, caps, allocation, carry-over;
 * - codecs and the Merkle tree: datums, redeemers, allocation leaves and proofs;
 * - protocol: validators instantiated with a deployment's parameters (hashes, addresses, units);
 * - builders: one function per transaction, each returning a TxPlan (inspectable; `toTx`
 *   turns it into an unsigned Lucid transaction);
 * - readers and epoch planning: the protocol's UTxOs from any Lucid provider, f_total from
 *   the chain, metrics → allocation entries;
 * - net: network/provider selection, signing keys from files, the deployment file,
 *   `openJetpack`, building/summarising/signing/submitting plans.
 *
 * Everything here is stable API; modules not re-exported here are internal.
 */

// Economics (pure, exact)
export {
  EPOCHS,
  TOTAL_SUPPLY_PACK,
  PACK_PER_JET,
  EPOCH_LENGTH_MS,
  DEFAULT_GENESIS_MS,
  emissionPack,
  cumulativePack,
  scheduleTable,
  epochStartMs,
  epochStartDate,
  formatJet,
  emissionA,
  emissionS,
} from "./economics/emission.js";
export { Rational } from "./economics/rational.js";
export { InputError } from "./economics/errors.js";
export {
  DEFAULT_WEIGHTS_BPS,
  DEFAULT_LEVEL_CAPS_PACK,
  LEVELS,
  LEVEL_PERCENTILE_FLOORS,
  computeScores,
  levelForRank,
  percentileOf,
  type ServiceMetrics,
} from "./economics/scoring.js";
export { allocate, type AllocateParams, type AllocationResult, type ServiceAllocation } from "./economics/allocation.js";
export { simulate, type SimulationEpochInput, type SimulationEpochResult, type SimulationOptions } from "./economics/simulate.js";

// Datums, redeemers, Merkle tree, bitmap
export {
  encodeState,
  decodeState,
  encodeConfig,
  decodeConfig,
  encodePool,
  decodePool,
  encodeLock,
  decodeLock,
  configProblems,
  DatumError,
  configToData,
  configFromData,
  guardrailProblems,
  type GovParams,
  type Guardrails,
  type StateDatum,
  type ConfigDatum,
  type PoolDatum,
  type LockDatum,
  type LeafData,
} from "./codec/data.js";
export { buildTree, verifyProof, leafHash, leafHashHex, blake2b256Hex, MerkleTree, hashReady } from "./merkle/index.js";
export { isBitSet, setBit, setBits } from "./bitmap.js";

// Protocol instance
export {
  instantiate,
  withReferenceScripts,
  JET_NAME,
  STATE_NFT_NAME,
  CONFIG_NFT_NAME,
  type Protocol,
  type CompiledValidators,
  type DeploymentParams,
  type ScriptInfo,
  type ScriptName,
} from "./protocol.js";
export { loadBlueprint, getScript, DEFAULT_BLUEPRINT } from "./blueprint.js";

// Transaction builders (plans)
export { toTx, emptyPlan, type TxPlan, type PlannedOutput } from "./tx/plan.js";
export { JetpackError } from "./tx/common.js";
export { genesis, type GenesisArgs } from "./tx/genesis.js";
export { publishScripts, referenceHolderAddress, SCRIPT_NAMES } from "./tx/publish.js";
export {
  advanceEpoch,
  checkAllocationFile,
  epochStart,
  ALLOCATION_FORMAT,
  DEFAULT_LEAVES_PER_SHARD,
  type AdvanceArgs,
  type AdvanceResult,
  type AllocationEntryInput,
  type AllocationFile,
  type AllocationFileEntry,
} from "./tx/emission/advance.js";
export { sweep, type SweepArgs } from "./tx/emission/sweep.js";
export { claim, type ClaimArgs, type ClaimEntry } from "./tx/pool/claim.js";
export { reward, mergeLocks, type Payout, type RewardArgs } from "./tx/lock/reward.js";
export { updateConfig, type UpdateConfigArgs } from "./tx/config/update.js";
export { fullConfig, nextConfig, DEFAULT_GOV_SETTINGS, type ConfigInput, type GovSettings } from "./tx/config/params.js";

// Governance (docs/governance.md): veJet commitments, proposals, votes, tally, execution,
// veto, close, grants, the treasury
export { commit, type CommitArgs } from "./tx/governance/commit.js";
export { increase, type IncreaseArgs } from "./tx/governance/increase.js";
export { withdrawCommitment } from "./tx/governance/withdraw.js";
export { vote } from "./tx/governance/vote.js";
export { propose, type ProposeArgs } from "./tx/governance/propose.js";
export { tally, TALLY_BATCH } from "./tx/governance/tally.js";
export { execute, type ExecuteArgs } from "./tx/governance/execute.js";
export { veto, close } from "./tx/governance/end.js";
export { payout, pause, returnGrant, donate } from "./tx/governance/grant.js";
export { authenticate, expectKind, govUnit, seedId, powerAt, passed, quorumReached, addressToData, type Authenticated } from "./tx/governance/common.js";
export { epochOf, epochRange } from "./governance/clock.js";
export {
  readGovernance,
  readCommitments,
  readProposals,
  readReceipts,
  readGrants,
  readTreasury,
  proposalStatus,
  type GovRead,
  type TreasuryRead,
  type ProposalPhase,
  type ProposalStatus,
} from "./governance/readers.js";
export {
  decodeGovDatum,
  encodeCommitment,
  encodeProposal,
  encodeReceipt,
  encodeGrant,
  govSpend,
  govMint,
  type CommitmentDatum,
  type ProposalDatum,
  type ReceiptDatum,
  type GrantDatum,
  type ProposalKind,
  type Milestone,
  type Owner,
} from "./codec/governance.js";

// The exchange and payments in Jet (docs/exchange.md)
export { openOrder, type OpenArgs } from "./tx/exchange/open.js";
export { fillOrders, summarise as summariseFills, paymentTag, type FillArgs, type FillRequest, type FillSummary } from "./tx/exchange/fill.js";
export { cancelOrders, expireOrder } from "./tx/exchange/cancel.js";
export { payInAda, payInJet, type PayInJetArgs } from "./tx/exchange/pay.js";
export { minLovelace, orderUnit } from "./tx/exchange/common.js";
export { authenticateOrder, bookOf, depth, byLedgerOrder, type Book, type Order, type DepthLevel } from "./exchange/book.js";
export { marketBuy, marketSell, DEFAULT_MAX_ORDERS, type MarketPlan, type MarketPick } from "./exchange/market.js";
export { price, parsePrice, formatPrice, comparePrice, lovelaceDue, lovelaceGiven, feeOf, fillSell, fillBuy, buyCapacity, type Price, type OrderState, type Fill } from "./exchange/math.js";
export { parseInvoice, invoiceJson, discountFor, ownedPower, quote, memo, verifyPayment, MEMO_LABEL, type Invoice, type Quote, type Verdict } from "./exchange/payments.js";
export { encodeOrder, decodeOrder, orderToData, addressFromData, exchangeSpend, exchangeMint, fillBatch, type OrderDatum, type Side } from "./codec/exchange.js";

// Reading the chain, planning an epoch
export { readState, readConfig, readPools, readLocks, type Read } from "./readers.js";
export { planEpoch, chainFTotal, type EpochPlan, type ServiceInput } from "./epoch.js";

// Networks, keys, deployments, submitting
export {
  resolveProvider,
  makeProvider,
  chainTimeMs,
  parseNetworkName,
  parseProviderName,
  lucidNetworkOf,
  NetworkConfigError,
  ChainError,
  NETWORKS,
  PROVIDERS,
  type NetworkName,
  type ProviderName,
  type NetworkOptions,
  type ProviderConfig,
} from "./net/network.js";
export { connect, type Chain } from "./net/chain.js";
export { loadSigningKey, parseSigningKey, keyHashFrom, addVkeyWitness, witnessKeyHashes, SigningKey, KeyError, type KeyKind } from "./net/keys.js";
export {
  readDeployment,
  writeDeployment,
  parseDeployment,
  deploymentFromProtocol,
  protocolFromDeployment,
  attachReferenceScripts,
  DeploymentError,
  DEPLOYMENT_FORMAT,
  DEFAULT_DEPLOYMENT_FILE,
  type DeploymentFile,
} from "./net/deployment.js";
export { openJetpack, compiledValidators, type Jetpack, type OpenOptions } from "./net/open.js";
export { buildPlan, buildChain, signAndSubmit, submitCbor, summaryText, summaryJson, txExUnits, TxBuildError, type BuiltTx, type TxSummary } from "./net/tx.js";
export { parseRewardCsv, parseEpochMetrics, parseServiceKeys, parseAllocationFile, parseConfigInput, parseJetAmount } from "./net/inputs.js";
export { makeEnvelope, readEnvelope, writeEnvelope, requiredSignersOf, type TxEnvelope } from "./net/envelope.js";
