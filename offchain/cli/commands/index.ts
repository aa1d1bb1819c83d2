// Why: the list of built-in `jetpack` commands, and the reason `jetpack --help` and the
// economics commands start in a fraction of a second: nothing here imports a command's module.
// Each entry is a name, the summary `jetpack --help` prints, and a loader; the router imports
// a command's module only when that command runs or shows its own help, so Lucid, the UPLC
// machine or libsodium load only for the commands that use them.
// How: to add a command, create offchain/cli/commands/<name>.ts exporting a Command and add a
// lazy(…) line below with the same name and summary (test/cli/cli.test.ts checks they match,
// and test/cli/startup.test.ts that --help, schedule and every command's --help load no
// chain library); or call registerCommand() from your own entry point before runCli(). Inside a command module,
// still keep heavy imports inside run() via `await import(...)`, so its --help stays fast.
import { type Command } from "../command.js";
import { registerCommand, getCommand, type CommandEntry, type LazyCommand } from "../registry.js";

const lazy = (name: string, summary: string, load: () => Promise<Command>): LazyCommand => ({ name, summary, load });

export const BUILTIN_COMMANDS: readonly CommandEntry[] = [
  lazy("schedule", "print the emission schedule: Jet per epoch, start dates, running totals", async () => (await import("./schedule.js")).scheduleCommand),
  lazy("allocate", "split one epoch's f_total among services by score, level and cap", async () => (await import("./allocate.js")).allocateCommand),
  lazy("simulate", "replay several epochs from epoch 1, carrying undistributed Jet forward", async () => (await import("./simulate.js")).simulateCommand),
  lazy("demo", "show what JetPack computes and does on chain: schedule, worked allocation, Emulator scenario", async () => (await import("./demo.js")).demoCommand),
  lazy("crosscheck", "evaluate the on-chain functions as UPLC and compare them with the SDK", async () => (await import("./crosscheck.js")).crosscheckCommand),
  lazy("devnet", "run a local devnet (Blockfrost API on 127.0.0.1) with funded test wallets", async () => (await import("../../devnet/cli.js")).devnetCommand),
  lazy("report", "write an epoch report: HTML page (emission curve, levels, allocations, carry-over) + JSON twin", async () => (await import("./report.js")).reportCommand),
  lazy("init", "deploy JetPack: genesis (state + config, lock rules and exchange registered) and the eight reference scripts; writes the deployment file", async () => (await import("./init.js")).initCommand),
  lazy("status", "show the instance: epoch, scheduled, minted, carry-over, pools, locks — checked against the SDK", async () => (await import("./status.js")).statusCommand),
  lazy("epoch-advance", "advance to the next epoch: metrics → scores → allocation → allocation file → advance tx", async () => (await import("./epoch.js")).epochAdvanceCommand),
  lazy("claim", "claim a service's allocation from the published allocation file into its lock", async () => (await import("./claim.js")).claimCommand),
  lazy("proof", "print one service's allocation entry and Merkle proof, verified against the on-chain pool", async () => (await import("./proof.js")).proofCommand),
  lazy("reward", "pay users Jet from the service's locks, from a CSV of address,amount (batched)", async () => (await import("./reward.js")).rewardCommand),
  lazy("locks", "show the Jet in service locks: per owner, or one owner's lock UTxOs", async () => (await import("./locks.js")).locksCommand),
  lazy("sweep", "burn the unclaimed Jet of expired pools (it carries over to the next epoch)", async () => (await import("./sweep.js")).sweepCommand),
  lazy("config-show", "show the protocol's on-chain config", async () => (await import("./config.js")).configShowCommand),
  lazy("config-update", "change the config by a quorum of governor signatures (now, or as an unsigned tx to pass around)", async () => (await import("./config.js")).configUpdateCommand),
  lazy("tx-show", "decode a transaction file: inputs, outputs, tokens, datums, signers, and a config update's old → new values", async () => (await import("./tx.js")).txShowCommand),
  lazy("tx-sign", "show what a transaction file does and add your signature (to the file, or as a witness file)", async () => (await import("./tx.js")).txSignCommand),
  lazy("tx-assemble", "add detached witnesses (tx-sign --witness-out) to a transaction file; write it, or submit it", async () => (await import("./tx.js")).txAssembleCommand),
  lazy("tx-submit", "submit a signed transaction file once every required signer has signed", async () => (await import("./tx.js")).txSubmitCommand),
  lazy("keys-new", "create a signing key file (mode 0600) and print its address and key hash", async () => (await import("./keys.js")).keysNewCommand),
  lazy("keys-show", "show a key file's address, key hash and balance (never the secret)", async () => (await import("./keys.js")).keysShowCommand),
  lazy("ve-create", "lock Jet in a new veJet commitment (voting power = Jet × epochs left, capped)", async () => (await import("./ve.js")).veCreateCommand),
  lazy("ve-add", "add Jet to a veJet commitment", async () => (await import("./ve.js")).veAddCommand),
  lazy("ve-extend", "move a veJet commitment's lock end later", async () => (await import("./ve.js")).veExtendCommand),
  lazy("ve-withdraw", "take a veJet commitment's Jet back once its lock has ended", async () => (await import("./ve.js")).veWithdrawCommand),
  lazy("ve-show", "show veJet commitments: amount, lock end, power now, votes", async () => (await import("./ve.js")).veShowCommand),
  lazy("gov-propose", "open a governance proposal: a config change, a treasury grant, or a text", async () => (await import("./gov.js")).govProposeCommand),
  lazy("gov-vote", "vote yes or no on a proposal with your veJet commitments (one transaction each)", async () => (await import("./gov-vote.js")).govVoteCommand),
  lazy("gov-tally", "count a proposal's vote receipts into it (in its timelock; anyone may)", async () => (await import("./gov-vote.js")).govTallyCommand),
  lazy("gov-execute", "execute a passed proposal in its execution window (config change, grant, text)", async () => (await import("./gov-end.js")).govExecuteCommand),
  lazy("gov-veto", "stop a proposal in its timelock by a quorum of the guardians (the config's governors)", async () => (await import("./gov-end.js")).govVetoCommand),
  lazy("gov-close", "end a proposal that failed or whose execution window passed (anyone may)", async () => (await import("./gov-end.js")).govCloseCommand),
  lazy("gov-list", "list open proposals: kind, phase, yes/no, quorum reached, passed", async () => (await import("./gov-show.js")).govListCommand),
  lazy("gov-show", "show one proposal: what it changes (old → new), milestones, votes, phase and what happens next", async () => (await import("./gov-show.js")).govShowCommand),
  lazy("treasury-show", "show the treasury (Jet and ADA) and the running grants", async () => (await import("./treasury.js")).treasuryShowCommand),
  lazy("treasury-donate", "donate Jet and/or ADA to the treasury", async () => (await import("./treasury.js")).treasuryDonateCommand),
  lazy("grant-withdraw", "the grant's recipient takes its next milestone (from the milestone's epoch on)", async () => (await import("./grant.js")).grantWithdrawCommand),
  lazy("grant-pause", "pause (or --resume) a grant by a quorum of the guardians, within its dispute window", async () => (await import("./grant.js")).grantPauseCommand),
  lazy("grant-return", "return what a grant's recipient did not take to the treasury, after the grant's end (anyone may)", async () => (await import("./grant.js")).grantReturnCommand),
  lazy("exchange-sell", "open a sell order: Jet for ADA at a price (ADA per Jet), filled in parts", async () => (await import("./exchange.js")).exchangeSellCommand),
  lazy("exchange-buy", "open a buy order: ADA for Jet at a price (ADA per Jet), filled in parts", async () => (await import("./exchange.js")).exchangeBuyCommand),
  lazy("exchange-cancel", "cancel your exchange orders: their Jet, ADA and deposit return to your wallet", async () => (await import("./exchange.js")).exchangeCancelCommand),
  lazy("exchange-expire", "return an expired exchange order to its maker (anyone may, after its expiry)", async () => (await import("./exchange.js")).exchangeExpireCommand),
  lazy("exchange-fill", "fill one exchange order: take Jet from a sell order, or give Jet to a buy order", async () => (await import("./exchange.js")).exchangeFillCommand),
  lazy("exchange-market-buy", "buy Jet from the cheapest sell orders, up to a price, in one transaction", async () => (await import("./exchange.js")).exchangeMarketBuyCommand),
  lazy("exchange-market-sell", "sell Jet to the highest buy orders, down to a price, in one transaction", async () => (await import("./exchange.js")).exchangeMarketSellCommand),
  lazy("exchange-book", "show the exchange's order book: depth by price (ADA per Jet), Jet and orders per side", async () => (await import("./exchange-show.js")).exchangeBookCommand),
  lazy("exchange-orders", "list one maker's exchange orders: id, side, price, Jet and ADA left, minimum fill, expiry", async () => (await import("./exchange-show.js")).exchangeOrdersCommand),
  lazy("pay", "pay a service's invoice in Jet (with your veJet discount) or in ADA", async () => (await import("./pay.js")).payCommand),
  lazy("payments-quote", "quote an invoice in Jet: your veJet discount tier and the Jet due", async () => (await import("./pay.js")).paymentsQuoteCommand),
  lazy("payments-verify", "check a received payment against an invoice, the discount tier at that time and the config", async () => (await import("./pay.js")).paymentsVerifyCommand),
  lazy("devnet-time", "show the local devnet's chain time, or move it forward (--advance 5d, --to TIME)", async () => (await import("../../devnet/time-cli.js")).devnetTimeCommand),
];

/** Registers the built-in commands (idempotent). */
export function registerBuiltinCommands(): void {
  for (const c of BUILTIN_COMMANDS) if (getCommand(c.name) !== c) registerCommand(c);
}
