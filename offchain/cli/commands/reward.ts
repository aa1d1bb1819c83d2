// Why: a service pays its users Jet from its locks, usually many at once. How: the CSV is
// checked in full first (every address, every amount, the total against the locks); then
// the payouts are cut into as few transactions as the size and ex-unit limits allow — each
// batch is built and evaluated, and a batch that does not fit is made smaller — and the
// batches are chained (each spends the previous one's remainder lock and change), so they
// can all be submitted at once. A receipt beside the CSV (net/receipt.ts) records each line
// with its transaction, as submitted and then as confirmed; a re-run pays only the lines
// whose transaction is confirmed — one recorded as only submitted is looked up on the chain
// first (confirmed → paid; dropped → paid again; may still enter a block → refused).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type Command, UsageError } from "../command.js";
import { jet } from "../format.js";
import { connectChain, guarded, loadKeyFlag, makeCtx, openDeployment, report, requireKey, submitAll, txCommandFlags, walletOf } from "../../net/cli.js";
import type { AmountUnit, CsvPayout } from "../../net/inputs.js"; // loads Lucid: imported in run() (fast --help)
import type { Chain } from "../../net/chain.js";
import {
  applyOutcomes,
  checkReceipt,
  checkWritable,
  formatReceipt,
  openTxs,
  paidLines,
  parseReceipt,
  receiptPathFor,
  settle,
  writeFileAtomic,
  type ReceiptRow,
} from "../../net/receipt.js";
import { InputError } from "../../economics/errors.js";

export const DEFAULT_MAX_PAYOUTS_PER_TX = 1000;
const PROBE_PAYOUTS = 30;
/**
 * How long a submitted reward transaction may take to enter a block (its validity upper
 * bound): once it has passed, one that did not is known to be dropped, and a re-run pays its
 * lines again. Not set with --out (those files may be signed much later).
 */
export const REWARD_VALIDITY_MS = 2 * 3_600_000;

export const rewardCommand: Command = {
  name: "reward",
  summary: "pay users Jet from the service's locks, from a CSV of address,amount (batched)",
  description: `--csv FILE has one payout per line: address,amount. Amounts are Jet with up to 6 decimals
(12.5 = 12,500,000 Pack) or, with --unit pack, integer Pack. Blank lines, lines starting with # and a
first line "address,amount" are skipped. Addresses must be key-hash addresses of the deployment's
network and not the service's own. Every line is checked (and the total against the service's locks)
before anything is built. Payouts are spread over as few transactions as the size and ex-unit
limits allow (a first batch of 30 measures what a payout costs; at most --max-per-tx per
transaction); the first one merges all of the service's locks, the remainder returns to one
lock. Each payout output carries --lovelace-per-payout (default 1,200,000) from the service's wallet.

The receipt FILE.receipt.csv (beside the CSV) lists each line with its transaction and that
transaction's state — csv_line,address,amount_pack,tx_hash,state,spends,valid_until_ms — and is
rewritten (atomically) as each transaction is submitted, then confirmed. A re-run pays only the
lines without a confirmed transaction (all paid: says so, exits 0, submits nothing). A transaction
still recorded as submitted is looked up first: in a block → paid; never able to enter one (its
validity, two hours, ended, or its input was spent by another) → its lines are paid again; else
the run is refused (wait, or --force). --force pays every line again. A receipt that does not
parse or does not match the CSV is an error. An address on two lines is an error unless
--allow-repeats. --dry-run writes nothing.`,
  flags: txCommandFlags("the service's (lock owner's) signing key; pays fees and the payouts' ADA", [
    { name: "csv", type: "string", value: "FILE", required: true, description: "payouts: address,amount per line (amounts in Jet, or in Pack with --unit pack)" },
    { name: "unit", type: "string", value: "jet|pack", description: "unit of the CSV amounts: Jet (up to 6 decimals; the default) or Pack (integer)" },
    { name: "max-per-tx", type: "integer", value: "N", description: `at most N payouts per transaction (default ${DEFAULT_MAX_PAYOUTS_PER_TX}; fewer if a batch does not fit)` },
    { name: "lovelace-per-payout", type: "integer", value: "LOVELACE", description: "lovelace sent with each payout (default 1200000 = 1.2 ADA)" },
    { name: "attestor-key", type: "string", value: "FILE", description: "the reward attestor's key, if the config names one" },
    { name: "force", type: "boolean", description: "pay every line again, also those the receipt lists as paid or submitted" },
    { name: "allow-repeats", type: "boolean", description: "allow an address on more than one line (each line is paid)" },
  ]),
  examples: ["reward --key service.skey --csv payouts.csv --dry-run", "reward --key service.skey --csv payouts.csv --unit pack", "reward --key service.skey --csv payouts.csv --force"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const unitRaw = (args.string("unit") ?? "jet").toLowerCase();
      if (unitRaw !== "jet" && unitRaw !== "pack") throw new UsageError(`flag --unit: expected jet or pack, got ${JSON.stringify(args.string("unit"))}`);
      const maxPer = args.integer("max-per-tx") ?? DEFAULT_MAX_PAYOUTS_PER_TX;
      if (maxPer < 1) throw new UsageError(`flag --max-per-tx: must be ≥ 1, got ${maxPer}`);
      const perPayout = BigInt(args.integer("lovelace-per-payout") ?? 1_200_000);
      if (perPayout < 1_000_000n) throw new UsageError(`flag --lovelace-per-payout: must be ≥ 1000000 (outputs need min-ADA), got ${perPayout}`);
      const csvFile = args.requireString("csv");
      let text: string;
      try {
        text = readFileSync(resolve(io.cwd, csvFile), "utf8");
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new UsageError(`cannot read CSV file ${csvFile}: ${code === "ENOENT" ? "no such file" : (code ?? "unreadable")}`);
      }
      const opened = await openDeployment(ctx);
      const { deployment, protocol: p0, cfg } = opened;
      const { parseRewardCsvLines, repeatedAddress } = await import("../../net/inputs.js");
      let rows: CsvPayout[];
      try {
        rows = parseRewardCsvLines(text, unitRaw as AmountUnit, deployment.network === "Mainnet" ? 1 : 0);
      } catch (e) {
        if (e instanceof InputError) throw new UsageError(`${csvFile}: ${e.message}`);
        throw e;
      }
      const rep = args.boolean("allow-repeats") ? undefined : repeatedAddress(rows);
      if (rep)
        throw new UsageError(`${csvFile}: line ${rep.again.line}: address ${short(rep.again.address)} is also on line ${rep.first.line} (pass --allow-repeats to pay it on both lines)`);
      const key = await requireKey(ctx);
      const attestor = await loadKeyFlag(ctx, "attestor-key");
      const { getAddressDetails } = await import("@lucid-evolution/lucid");
      for (const po of rows) {
        const d = getAddressDetails(po.address);
        if (d.paymentCredential?.hash === key.pkh || d.stakeCredential?.hash === key.pkh)
          throw new UsageError(`${csvFile}: line ${po.line}: address ${short(po.address)} goes to the service itself`);
      }

      let connected: Chain | undefined;
      const connection = async () => (connected ??= await connectChain(ctx, cfg, opened));

      // The receipt: lines already paid are skipped (unless --force).
      const receiptFile = receiptPathFor(csvFile);
      const receiptPath = resolve(io.cwd, receiptFile);
      let receiptRows: ReceiptRow[] = [];
      const receiptText = readOptional(receiptPath, receiptFile);
      if (receiptText !== undefined) {
        try {
          const parsed = parseReceipt(receiptText);
          checkReceipt(parsed, rows, csvFile);
          receiptRows = parsed.map(({ at: _at, ...r }) => r);
        } catch (e) {
          if (e instanceof InputError) throw new UsageError(`${receiptFile}: ${e.message}`);
          throw e;
        }
      }
      const force = args.boolean("force");
      // Transactions recorded as only submitted: in a block (paid), dropped (not paid), or
      // maybe still on their way (refused: paying those lines again could pay them twice).
      const open = force ? [] : openTxs(receiptRows);
      let droppedLines = 0;
      if (open.length > 0) {
        const chain = await connection();
        ctx.say(`checking ${open.length} transaction${open.length === 1 ? "" : "s"} ${receiptFile} records as submitted, not yet confirmed`);
        const outcomes = await settle(open, {
          isConfirmed: (h) => chain.isConfirmed(h),
          isUnspent: async (txHash, outputIndex) => (await chain.lucid.utxosByOutRef([{ txHash, outputIndex }])).length > 0,
          nowMs: () => chain.now(),
        });
        const settled = applyOutcomes(receiptRows, outcomes);
        if (!ctx.dryRun && settled.some((r, i) => r.state !== receiptRows[i]!.state)) writeFileAtomic(receiptPath, formatReceipt(settled));
        receiptRows = settled;
        for (const t of open) {
          const o = outcomes.get(t.tx)!;
          if (o.state === "dropped") {
            droppedLines += t.lines.length;
            ctx.say(`transaction ${t.tx} never reached a block and never can (${o.why}): its ${t.lines.length} line${t.lines.length === 1 ? "" : "s"} will be paid again`);
          }
        }
        const waiting = open.filter((t) => outcomes.get(t.tx)!.state === "pending");
        if (waiting.length > 0) {
          const o = outcomes.get(waiting[0]!.tx) as { retryAfterMs?: number };
          const lines = waiting.flatMap((t) => t.lines);
          throw new UsageError(
            `${receiptFile}: transaction ${waiting[0]!.tx}${waiting.length > 1 ? ` and ${waiting.length - 1} more` : ""} (${lineList(lines)}) ` +
              `${waiting.length > 1 ? "were" : "was"} submitted but ${waiting.length > 1 ? "are" : "is"} in no block yet and may still enter one: ` +
              `wait${o.retryAfterMs !== undefined ? ` (until ${new Date(o.retryAfterMs).toISOString()} at the latest)` : ""} and run reward again, or pass --force to pay every line again`,
          );
        }
      }
      const paidBefore = paidLines(receiptRows);
      const todo = force ? rows : rows.filter((r) => !paidBefore.has(r.line));
      const skipped = rows.length - todo.length;
      const counts = { csvLines: rows.length, skippedLines: skipped, droppedLines, forced: force, receipt: receiptFile };
      if (todo.length === 0) {
        const line = `all ${rows.length} lines of ${csvFile} are already paid (see ${receiptFile}); nothing to submit (--force pays them again)`;
        if (ctx.json) ctx.say(line);
        await report(ctx, [], [], { owner: key.pkh, payouts: 0, totalPack: "0", batches: [], ...counts, paidLines: 0, receiptWritten: false }, [line]);
        return;
      }
      if (paidBefore.size > 0)
        ctx.say(force ? `--force: paying again the ${paidBefore.size} lines ${receiptFile} lists as paid` : `skipping ${skipped} lines already paid (see ${receiptFile}); paying the other ${todo.length}`);
      const payouts = todo.map((r) => ({ address: r.address, amountPack: r.amountPack, lovelace: perPayout }));
      const total = payouts.reduce((s, po) => s + po.amountPack, 0n);

      const chain = await connection();
      const { slotToUnixTime } = await import("@lucid-evolution/lucid");
      const validTo = args.has("out") ? undefined : (await chain.now()) + REWARD_VALIDITY_MS;
      const { attachReferenceScripts } = await import("../../net/deployment.js");
      const { readConfig, readLocks } = await import("../../readers.js");
      const { reward, selectLocks } = await import("../../tx/lock/reward.js");
      const { buildPlan, buildBatched } = await import("../../net/tx.js");
      ctx.say(`reading the locks of ${key.pkh} and the config`);
      const [p, locks, config, wallet] = await Promise.all([
        attachReferenceScripts(chain.lucid, p0, deployment, ["lock"]),
        readLocks(chain.lucid, p0, key.pkh),
        readConfig(chain.lucid, p0),
        walletOf(chain, key),
      ]);
      const held = locks.reduce((s, l) => s + (l.utxo.assets[p0.units.jet] ?? 0n), 0n);
      if (locks.length === 0) throw new UsageError(`key ${key.file} (key hash ${key.pkh}) owns no locks: claim an allocation first`);
      if (total > held) throw new UsageError(`${csvFile}: payouts total ${jet(total)} Jet, but the service's ${locks.length} locks hold ${jet(held)} Jet`);
      const att = config.datum.rewardAttestor;
      if (att && attestor?.pkh !== att) throw new UsageError(`the config requires the reward attestor's signature (key hash ${att}): pass --attestor-key FILE`);
      const extraSigners = att ? [att] : [];
      // The lock rules' reward account normally holds 0; whatever someone paid into it must be
      // withdrawn whole (the first transaction takes it), or every reward would fail.
      const rewardBalance = await chain.lucid
        .config()
        .provider!.getDelegation(p0.lockRules.rewardAddress)
        .then((d) => BigInt(d.rewards ?? 0))
        .catch(() => 0n);

      ctx.say(`batching ${payouts.length} payouts (${jet(total)} Jet)`);
      let current = locks.map((l) => l.utxo);
      const spentBy = new Map<string, import("@lucid-evolution/lucid").UTxO[]>();
      let utxos = wallet.utxos;
      const batchOf = new Map<string, { from: number; n: number }>();
      const built = await buildBatched({
        items: payouts,
        maxPerTx: maxPer,
        probe: PROBE_PAYOUTS,
        what: "payouts",
        say: ctx.say,
        build: async (batch, from) => {
          // only the locks this batch needs, the largest first (never a lock without Jet)
          const chosen = selectLocks(current, p0.units.jet, batch.reduce((s, po) => s + po.amountPack, 0n));
          const b = await buildPlan({
            lucid: chain.lucid,
            protocol: p,
            plan: { ...reward({ protocol: p, locks: chosen, configUtxo: config.utxo, payouts: [...batch], extraSigners, rewardBalance: from === 0 ? rewardBalance : 0n }), ...(validTo !== undefined ? { validTo } : {}) },
            label: `reward: payouts ${from + 1}…${from + batch.length} of ${payouts.length}`,
            walletAddress: wallet.address,
            walletUtxos: utxos,
          });
          spentBy.set(b.hash, chosen);
          batchOf.set(b.hash, { from, n: batch.length });
          return b;
        },
        accept: (b) => {
          utxos = b.walletAfter;
          const spent = new Set((spentBy.get(b.hash) ?? []).map((u) => `${u.txHash}#${u.outputIndex}`));
          current = [...current.filter((u) => !spent.has(`${u.txHash}#${u.outputIndex}`)), ...b.outputs.filter((u) => u.address === p0.lock.address)];
        },
      });
      const signers = attestor ? [key, attestor] : [key];
      if (!ctx.dryRun) {
        try {
          checkWritable(receiptPath);
        } catch (e) {
          throw new UsageError(`cannot write the receipt ${receiptFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}; nothing submitted`);
        }
      }
      // Each batch's lines go into the receipt as soon as its transaction is submitted, with
      // one of its inputs and its validity end (what tells, later, a dropped one from one on its
      // way), and turn confirmed when it is.
      let recorded = 0;
      let batchesRecorded = 0;
      const onSubmitted = (i: number, hash: string) => {
        const b = built[i]!;
        const range = batchOf.get(b.hash)!;
        const lock = spentBy.get(b.hash)![0]!;
        const ttl = b.summary.validToSlot;
        const tx = { tx: hash, state: "submitted" as const, spends: `${lock.txHash}#${lock.outputIndex}`, ...(ttl !== undefined ? { validUntilMs: slotToUnixTime(chain.cfg.lucidNetwork, ttl) } : {}) };
        for (const r of todo.slice(range.from, range.from + range.n)) receiptRows.push({ line: r.line, address: r.address, amountPack: r.amountPack, ...tx });
        writeFileAtomic(receiptPath, formatReceipt(receiptRows));
        recorded += range.n;
        batchesRecorded = i + 1;
      };
      const onConfirmed = (_i: number, hash: string) => {
        receiptRows = receiptRows.map((r) => (r.tx === hash ? { ...r, state: "confirmed" } : r));
        writeFileAtomic(receiptPath, formatReceipt(receiptRows));
      };
      let submitted;
      try {
        submitted = await submitAll(ctx, chain, built, signers, onSubmitted, onConfirmed);
      } catch (e) {
        // Not quieted by --quiet: the user must know what the receipt holds before re-running.
        const next = built[batchesRecorded];
        if (!ctx.dryRun && (recorded > 0 || (e as Error).name === "ChainError"))
          io.err(
            `jetpack reward: ${recorded} of ${todo.length} payouts were submitted and are recorded in ${receiptFile}` +
              (next && recorded < todo.length ? ` (transaction ${next.hash} and later were not recorded: check it is not on chain before running reward again)` : "") +
              (recorded > 0 ? "; a re-run checks those not confirmed yet against the chain" : "") +
              "\n",
          );
        throw e;
      }
      await report(
        ctx,
        built,
        submitted,
        {
          owner: key.pkh,
          payouts: payouts.length,
          totalPack: total.toString(),
          batches: built.map((b) => b.hash),
          locksBefore: locks.length,
          lockJetBeforePack: held.toString(),
          ...counts,
          paidLines: recorded,
          receiptWritten: recorded > 0,
        },
        [
          `${payouts.length} payouts, ${jet(total)} Jet, in ${built.length} transaction${built.length === 1 ? "" : "s"}; ${jet(held - total)} Jet stays locked`,
          ctx.dryRun
            ? `receipt ${receiptFile}: not written (dry run); ${skipped} of ${rows.length} lines already paid`
            : `receipt ${receiptFile}: ${recorded} lines paid now, ${skipped} already paid before`,
        ],
      );
    }),
};

/** "line 5", "lines 5, 6, 9", "lines 5, 6, 9, 12, 13 and 40 more". */
function lineList(lines: readonly number[]): string {
  if (lines.length === 1) return `line ${lines[0]}`;
  const shown = lines.slice(0, 5).join(", ");
  return `lines ${shown}${lines.length > 5 ? ` and ${lines.length - 5} more` : ""}`;
}

function short(address: string): string {
  return address.length > 30 ? `${address.slice(0, 20)}…${address.slice(-6)}` : address;
}

/** The file's text, or undefined when it does not exist. */
function readOptional(path: string, name: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    throw new UsageError(`cannot read the receipt ${name}: ${code === "EISDIR" ? "is a directory" : (code ?? "unreadable")}`);
  }
}
