/**
 * `jetpack reward`'s receipt and a transaction that was submitted but never reached a block
 * (dropped from the mempool, or the process died before it was confirmed). The receipt
 * records each transaction as submitted, then as confirmed; a re-run looks the submitted
 * ones up: confirmed → paid; dropped (its validity ended, or its input was spent by another
 * transaction) → paid again, exactly once; may still enter a block → refused, one line,
 * nothing submitted. The CLI runs in this process against an in-process devnet whose submit
 * is made to accept a transaction and then lose it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CML, getAddressDetails } from "@lucid-evolution/lucid";
import { REWARD_VALIDITY_MS } from "../../offchain/cli/commands/reward.js";
import { startDevnet, type Devnet } from "../../offchain/devnet/server.js";
import { protocolFromDeployment, readDeployment } from "../../offchain/net/deployment.js";
import { SETTLE_MARGIN_MS } from "../../offchain/net/receipt.js";
import { cli, type Outcome } from "../cli/helpers.js";
import { makeKeyHash } from "./helpers.js";

let dir: string;
let devnet: Devnet;
let jetUnit: string;
const KEY = ".devnet/wallet-1.sk";

const jetOf = (address: string) => devnet.chain.confirmedUtxos().filter((u) => u.address === address).reduce((s, u) => s + (u.assets[jetUnit] ?? 0n), 0n);
/** The receipt's rows, as [csv_line, tx_hash, state]. */
const receipt = (csv: string) =>
  readFileSync(join(dir, `${csv}.receipt.csv`), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(","))
    .map((c) => [c[0], c[3], c[4]]);

function ok(r: Outcome, what: string): Outcome {
  if (r.code !== 0) throw new Error(`jetpack ${what} exited ${r.code}:\n${r.stderr}\n${r.stdout.slice(0, 2000)}`);
  return r;
}
const jetpack = (argv: string[]) => cli(argv, dir);

/** The devnet accepts the `nth` next submitted transaction (answers its hash) and loses it. */
function loseSubmission(nth: number): () => void {
  const chain = devnet.chain;
  const submit = chain.submit.bind(chain);
  let calls = 0;
  chain.submit = (bytes: Uint8Array) => (++calls === nth ? CML.hash_transaction(CML.Transaction.from_cbor_bytes(bytes).body()).to_hex() : submit(bytes));
  return () => {
    chain.submit = submit;
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "jetpack-dropped-"));
  devnet = await startDevnet({ wallets: 3, dir: join(dir, ".devnet"), blockIntervalMs: 0, clock: "manual" });
  ok(await jetpack(["init", "--network", "local", "--key", ".devnet/wallet-0.sk", "--quiet"]), "init");
  const pkh = getAddressDetails(devnet.wallets[1]!.address).paymentCredential!.hash;
  writeFileSync(join(dir, "services.json"), JSON.stringify({ "svc-1": pkh }));
  writeFileSync(join(dir, "metrics-1.json"), JSON.stringify({ services: [{ id: "svc-1", m1: 100, m2: 10, m3: 10 }] }));
  ok(await jetpack(["epoch-advance", "--key", ".devnet/wallet-0.sk", "--metrics", "metrics-1.json", "--services", "services.json", "--quiet"]), "epoch-advance");
  ok(await jetpack(["claim", "--key", KEY, "--allocation", "allocation-epoch-1.json", "--quiet"]), "claim");
  jetUnit = protocolFromDeployment(readDeployment(join(dir, "jetpack-deployment.json"))).units.jet;
}, 300_000);

afterAll(async () => {
  await devnet?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("jetpack reward: a submitted transaction that never reached a block", () => {
  it("its lines are refused while it may still land, then paid again exactly once when its validity has ended; confirmed lines are skipped", async () => {
    const users = Array.from({ length: 4 }, () => makeKeyHash().address);
    writeFileSync(join(dir, "a.csv"), users.map((u, i) => `${u},${i + 1}`).join("\n") + "\n");
    const restore = loseSubmission(2); // the second of two transactions
    let r: Outcome;
    try {
      r = await jetpack(["reward", "--key", KEY, "--csv", "a.csv", "--max-per-tx", "2", "--wait-s", "1", "--quiet"]);
    } finally {
      restore();
    }
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/not confirmed within 1 s/);
    expect(users.map(jetOf)).toEqual([1_000_000n, 2_000_000n, 0n, 0n]);
    const [tx1, tx2] = [receipt("a.csv")[0]![1]!, receipt("a.csv")[2]![1]!];
    expect(receipt("a.csv")).toEqual([
      ["1", tx1, "confirmed"],
      ["2", tx1, "confirmed"],
      ["3", tx2, "submitted"],
      ["4", tx2, "submitted"],
    ]);

    // It may still enter a block (its input is unspent, its validity not over): refused.
    const txsBefore = devnet.chain.txs.size;
    const text = readFileSync(join(dir, "a.csv.receipt.csv"), "utf8");
    const wait = await jetpack(["reward", "--key", KEY, "--csv", "a.csv", "--quiet"]);
    expect(wait.code, wait.stderr).toBe(2);
    expect(wait.stdout).toBe("");
    expect(wait.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(wait.stderr).toMatch(
      new RegExp(`^jetpack reward: error: a\\.csv\\.receipt\\.csv: transaction ${tx2} \\(lines 3, 4\\) was submitted but is in no block yet and may still enter one: wait \\(until \\S+Z at the latest\\) and run reward again, or pass --force to pay every line again\\n$`),
    );
    expect(devnet.chain.txs.size).toBe(txsBefore);
    expect(readFileSync(join(dir, "a.csv.receipt.csv"), "utf8")).toBe(text);

    // Once its validity has ended it never can: its lines are paid again, the others skipped.
    devnet.advance(REWARD_VALIDITY_MS + SETTLE_MARGIN_MS + 60_000);
    const again = ok(await jetpack(["reward", "--key", KEY, "--csv", "a.csv", "--json"]), "reward");
    expect(again.stderr).toMatch(new RegExp(`transaction ${tx2} never reached a block and never can \\(its validity ended at \\S+\\): its 2 lines will be paid again`));
    const out = JSON.parse(again.stdout);
    expect(out).toMatchObject({ payouts: 2, paidLines: 2, skippedLines: 2, droppedLines: 2, csvLines: 4 });
    expect(users.map(jetOf)).toEqual([1_000_000n, 2_000_000n, 3_000_000n, 4_000_000n]);
    expect(receipt("a.csv")).toEqual([
      ["1", tx1, "confirmed"],
      ["2", tx1, "confirmed"],
      ["3", tx2, "dropped"],
      ["4", tx2, "dropped"],
      ["3", out.batches[0], "confirmed"],
      ["4", out.batches[0], "confirmed"],
    ]);
    const last = ok(await jetpack(["reward", "--key", KEY, "--csv", "a.csv"]), "reward");
    expect(last.stdout).toMatch(/^all 4 lines of a\.csv are already paid/);
    expect(users.map(jetOf)).toEqual([1_000_000n, 2_000_000n, 3_000_000n, 4_000_000n]);
  }, 300_000);

  it("a lost transaction whose input another transaction spent is dropped at once: its lines are paid again, exactly once", async () => {
    const users = Array.from({ length: 2 }, () => makeKeyHash().address);
    writeFileSync(join(dir, "b.csv"), users.map((u) => `${u},5`).join("\n") + "\n");
    const restore = loseSubmission(1);
    let r: Outcome;
    try {
      r = await jetpack(["reward", "--key", KEY, "--csv", "b.csv", "--wait-s", "1", "--quiet"]);
    } finally {
      restore();
    }
    expect(r.code, r.stderr).toBe(1);
    const lost = receipt("b.csv")[0]![1]!;
    expect(receipt("b.csv")).toEqual([
      ["1", lost, "submitted"],
      ["2", lost, "submitted"],
    ]);
    expect((await jetpack(["reward", "--key", KEY, "--csv", "b.csv", "--quiet"])).code).toBe(2);

    // Another reward spends the service's lock, the input the lost transaction spent.
    const other = makeKeyHash().address;
    writeFileSync(join(dir, "c.csv"), `${other},1\n`);
    ok(await jetpack(["reward", "--key", KEY, "--csv", "c.csv", "--quiet"]), "reward c.csv");

    const again = ok(await jetpack(["reward", "--key", KEY, "--csv", "b.csv", "--json"]), "reward");
    expect(again.stderr).toMatch(new RegExp(`transaction ${lost} never reached a block and never can \\(its input [0-9a-f]{64}#\\d+ was spent by another transaction\\)`));
    expect(JSON.parse(again.stdout)).toMatchObject({ payouts: 2, paidLines: 2, skippedLines: 0, droppedLines: 2 });
    expect([...users.map(jetOf), jetOf(other)]).toEqual([5_000_000n, 5_000_000n, 1_000_000n]);
    expect(receipt("b.csv").map((x) => x[2])).toEqual(["dropped", "dropped", "confirmed", "confirmed"]);
    expect(ok(await jetpack(["reward", "--key", KEY, "--csv", "b.csv"]), "reward").stdout).toMatch(/^all 2 lines of b\.csv are already paid/);
    expect(users.map(jetOf)).toEqual([5_000_000n, 5_000_000n]);
  }, 300_000);
});
