/**
 * Transaction files passed between governors, each command a separate `jetpack` process
 * against the devnet: config-update --out prints old → new values; tx-show decodes the file
 * from its CBOR (not its author's summary, not its recorded inputs when the chain disagrees);
 * governors sign in parallel (tx-sign --witness-out started at once) and tx-assemble submits,
 * or assembles a file that tx-submit submits; the config changes on chain. Bad input — a
 * malformed file, a key or witness that is not a required signer, a witness of another
 * transaction — gives one line on stderr, exit 2, and nothing submitted or changed.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevnet, type Devnet } from "../../offchain/devnet/server.js";
import { loadSigningKey } from "../../offchain/net/keys.js";
import { makeWitness, writeWitness } from "../../offchain/net/witness.js";
import { expectRejectedRun, jetpack, makeKeyFile, ok, type KeyFile, type Run } from "./helpers.js";

const DAY = 86_400_000;
const ADA = 1_000_000n;
let dir: string;
let devnet: Devnet;
const k = {} as Record<"payer" | "govA" | "govB" | "govC" | "stranger", KeyFile>;

const txCount = () => devnet.chain.txs.size;
const read = (f: string) => readFileSync(join(dir, f), "utf8");

/** A rejected run: exit 2, one line on stderr naming the problem, nothing on stdout, nothing submitted. */
const rejected = (argv: string[], expected: RegExp): Promise<Run> => expectRejectedRun(devnet.chain, dir, argv, expected);

async function config(): Promise<Record<string, unknown>> {
  return JSON.parse(ok(await jetpack(["config-show", "--json", "--quiet"], dir)).stdout).config;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "jetpack-txfile-"));
  mkdirSync(join(dir, "keys"), { mode: 0o700 });
  const key = (name: string, kind: KeyFile["kind"]) => makeKeyFile(join(dir, "keys", name), kind);
  k.payer = key("payer.sk", "bech32");
  k.govA = key("govA.sk", "bech32");
  k.govB = key("govB.skey", "text-envelope");
  k.govC = key("govC.seed", "seed");
  k.stranger = key("stranger.sk", "bech32");
  writeFileSync(join(dir, "config.json"), JSON.stringify({ operators: [k.payer.pkh], governors: [k.govA.pkh, k.govB.pkh, k.govC.address], quorum: 2, claimWindowMs: 3 * DAY }));
  devnet = await startDevnet({
    wallets: Object.values(k).map((kf) => ({ ...kf.spec, lovelace: 1_000n * ADA })),
    dir: join(dir, ".devnet"),
    blockIntervalMs: 0,
    clock: "manual",
  });
  ok(await jetpack(["init", "--key", "keys/payer.sk", "--config", "config.json", "--quiet"], dir));
}, 300_000);

afterAll(async () => {
  await devnet?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("transaction files: tx-show, parallel signing, tx-assemble", () => {
  const update = ["config-update", "--key", "keys/payer.sk", "--weights", "4000,4000,2000", "--quorum", "3"];

  it("config-update and tx-show list the old → new value of every changed field, from the transaction itself", async () => {
    const [dry, written] = await Promise.all([
      jetpack([...update, "--sign-with", "keys/govA.sk,keys/govB.skey", "--dry-run", "--quiet"], dir),
      jetpack([...update, "--signers", `${k.govB.pkh},${k.govC.address}`, "--out", "update.tx.json", "--json", "--quiet"], dir),
    ]);
    expect(ok(dry).stdout).toContain("weightsBps: 5000/3000/2000 → 4000/4000/2000");
    expect(dry.stdout).toContain("quorum: 2 → 3");
    const w = JSON.parse(ok(written).stdout);
    expect(w.changes).toEqual([
      { field: "weightsBps", before: ["5000", "3000", "2000"], after: ["4000", "4000", "2000"] },
      { field: "quorum", before: "2", after: "3" },
    ]);

    const [shown, shownJson, shownOffline] = await Promise.all([
      jetpack(["tx-show", "--tx", "update.tx.json", "--quiet"], dir),
      jetpack(["tx", "show", "--tx", "update.tx.json", "--json", "--quiet"], dir),
      jetpack(["tx-show", "--tx", "update.tx.json", "--json", "--offline", "--quiet"], dir),
    ]);
    const text = ok(shown).stdout;
    for (const s of ["weightsBps: 5000/3000/2000 → 4000/4000/2000", "quorum: 2 → 3", "old values read from the chain", "JetConfig NFT", "config datum", "required signers (3)", "unchanged: levelCapsPack"])
      expect(text, text).toContain(s);
    const view = JSON.parse(ok(shownJson).stdout).transaction;
    expect(view.configUpdate.source).toBe("chain");
    expect(view.configUpdate.changes).toEqual(w.changes);
    expect(view.requiredSigners.map((s: { pkh: string }) => s.pkh).sort()).toEqual([k.payer.pkh, k.govB.pkh, k.govC.pkh].sort());
    expect(view.missing).toHaveLength(3);
    expect(view.outputs.some((o: { name: string; assets: { token: string }[]; datum: { type: string } }) => o.name === "config script" && o.assets[0]?.token === "JetConfig" && o.datum.type === "config")).toBe(true);
    expect(view.inputs.every((i: { source: string }) => i.source === "chain")).toBe(true);
    const offline = JSON.parse(ok(shownOffline).stdout).transaction;
    expect(offline.configUpdate.source).toBe("file");
    expect(offline.configUpdate.changes).toEqual(w.changes);

    // An author who lies in the summary and in the recorded config input: the chain is shown.
    const env = JSON.parse(read("update.tx.json"));
    env.jetpack.label = "harmless";
    env.jetpack.summary = ["nothing to see"];
    const cfgIn = env.jetpack.inputs.find((i: { datum?: string }) => i.datum);
    cfgIn.datum = view.outputs.find((o: { name: string }) => o.name === "config script").datum.cbor;
    writeFileSync(join(dir, "lying.tx.json"), JSON.stringify(env));
    const lying = ok(await jetpack(["tx-show", "--tx", "lying.tx.json", "--quiet"], dir)).stdout;
    expect(lying).toContain("weightsBps: 5000/3000/2000 → 4000/4000/2000");
    expect(lying).toMatch(/record of input .* differs from the chain/);
    expect(lying).not.toContain("nothing to see");
  }, 300_000);

  it("refuses bad files, keys and witnesses: one line, exit 2, nothing written or submitted", async () => {
    writeFileSync(join(dir, "malformed.json"), "{ not json");
    writeFileSync(join(dir, "notatx.json"), JSON.stringify({ type: "Unwitnessed Tx ConwayEra", cborHex: "84a0ff" }));
    const before = read("update.tx.json");
    // A valid signature of this transaction by a key that is not a required signer.
    writeWitness("stranger.wit.json", makeWitness(JSON.parse(before).cborHex, loadSigningKey(k.stranger.file)), dir);
    writeFileSync(join(dir, "junk.wit.json"), JSON.stringify({ type: "TxWitness ConwayEra", cborHex: "00" }));
    const [, , , , other, bOnly] = await Promise.all([
      rejected(["tx-show", "--tx", "malformed.json"], /cannot read transaction file malformed\.json: invalid JSON/),
      rejected(["tx-show", "--tx", "notatx.json"], /notatx\.json: cborHex is not a transaction/),
      rejected(["tx-sign", "--tx", "update.tx.json", "--key", "keys/stranger.sk"], new RegExp(`key hash ${k.stranger.pkh}\\) is not a required signer of update\\.tx\\.json`)),
      rejected(["tx-sign", "--tx", "update.tx.json", "--key", "keys/govA.sk", "--witness-out", "a.wit.json"], /is not a required signer/),
      jetpack(["config-update", "--key", "keys/payer.sk", "--signers", `${k.govB.pkh},${k.govC.pkh}`, "--claim-window-ms", String(4 * DAY + DAY / 4), "--out", "other.tx.json", "--quiet"], dir),
      jetpack(["tx-sign", "--tx", "update.tx.json", "--key", "keys/govB.skey", "--witness-out", "b-only.wit.json", "--quiet"], dir),
    ]);
    expect(read("update.tx.json")).toBe(before);
    expect(existsSync(join(dir, "a.wit.json"))).toBe(false);
    ok(other);
    ok(bOnly);

    // A witness of another transaction (with its recorded hash, and as a bare cardano-cli witness).
    ok(await jetpack(["tx-sign", "--tx", "other.tx.json", "--key", "keys/govB.skey", "--witness-out", "other.wit.json", "--quiet"], dir));
    const bare = JSON.parse(read("other.wit.json"));
    delete bare.jetpack;
    writeFileSync(join(dir, "bare.wit.json"), JSON.stringify(bare));
    await Promise.all([
      rejected(["tx-assemble", "--tx", "update.tx.json", "--witness", "other.wit.json", "--submit"], /witness file other\.wit\.json is for transaction [0-9a-f]{64}, not/),
      rejected(["tx-assemble", "--tx", "update.tx.json", "--witness", "bare.wit.json"], /witness file bare\.wit\.json: the signature of [0-9a-f]{56} is not valid for transaction/),
      rejected(["tx-assemble", "--tx", "update.tx.json", "--witness", "b-only.wit.json,stranger.wit.json", "--submit"], new RegExp(`witness file stranger\\.wit\\.json: key hash ${k.stranger.pkh} is not a required signer`)),
      rejected(["tx-assemble", "--tx", "update.tx.json", "--witness", "junk.wit.json"], /witness file junk\.wit\.json: cborHex is not a key witness/),
      rejected(["tx-assemble", "--tx", "update.tx.json", "--witness", "b-only.wit.json", "--submit"], /still not signed by .*nothing submitted/),
    ]);
    expect(read("update.tx.json")).toBe(before);
  }, 300_000);

  it("governors sign in parallel (detached witnesses); tx-assemble submits; the config changes on chain", async () => {
    const before = read("update.tx.json");
    const t0 = Date.now();
    const runs = await Promise.all([
      jetpack(["tx-sign", "--tx", "update.tx.json", "--key", "keys/govB.skey", "--witness-out", "govB.wit.json"], dir),
      jetpack(["tx-sign", "--tx", "update.tx.json", "--key", "keys/govC.seed", "--witness-out", "govC.wit.json", "--quiet"], dir),
      jetpack(["tx-sign", "--tx", "update.tx.json", "--key", "keys/payer.sk", "--witness-out", "payer.wit.json", "--json", "--quiet"], dir),
    ]);
    console.log(`three parallel tx-sign --witness-out: ${Date.now() - t0} ms`);
    for (const r of runs) ok(r);
    // What the signer saw: the decoded transaction, not its author's summary.
    expect(runs[0]!.stderr).toContain("weightsBps: 5000/3000/2000 → 4000/4000/2000");
    expect(runs[0]!.stderr).toContain("quorum: 2 → 3");
    expect(runs[0]!.stdout).toMatch(/wrote the witness to govB\.wit\.json \(update\.tx\.json unchanged\)/);
    expect(JSON.parse(runs[2]!.stdout).signer).toBe(k.payer.pkh);
    expect(read("update.tx.json")).toBe(before);
    expect(JSON.parse(read("govC.wit.json")).type).toBe("TxWitness ConwayEra");

    const n = txCount();
    const a = ok(await jetpack(["tx-assemble", "--tx", "update.tx.json", "--witness", "govB.wit.json,govC.wit.json,payer.wit.json", "--submit", "--json", "--quiet"], dir));
    expect(JSON.parse(a.stdout)).toMatchObject({ submitted: true, confirmed: true, missing: [] });
    expect(txCount()).toBe(n + 1);
    const c = await config();
    expect(c.weightsBps).toEqual(["4000", "4000", "2000"]);
    expect(c.quorum).toBe("3");
    // The other file spent the same config UTxO: tx-show says it can no longer be submitted.
    expect(ok(await jetpack(["tx-show", "--tx", "other.tx.json", "--quiet"], dir)).stdout).toMatch(/not unspent on .*cannot be submitted/);
  }, 300_000);

  it("tx-assemble --out writes a signed file that tx-submit submits", async () => {
    ok(await jetpack(["config-update", "--key", "keys/payer.sk", "--signers", `${k.govA.pkh},${k.govB.pkh},${k.govC.pkh}`, "--claim-window-ms", String(4 * DAY), "--out", "second.tx.json", "--quiet"], dir));
    const keys = ["payer.sk", "govA.sk", "govB.skey", "govC.seed"];
    for (const r of await Promise.all(keys.map((f) => jetpack(["tx-sign", "--tx", "second.tx.json", "--key", `keys/${f}`, "--witness-out", `${f}.wit.json`, "--quiet"], dir)))) ok(r);
    const n = txCount();
    const a = ok(await jetpack(["tx-assemble", "--tx", "second.tx.json", "--witness", keys.map((f) => `${f}.wit.json`).join(","), "--out", "second.signed.json", "--quiet"], dir));
    expect(a.stdout).toContain("ready: jetpack tx-submit --tx second.signed.json");
    expect(txCount()).toBe(n);
    expect(JSON.parse(read("second.signed.json")).type).toBe("Witnessed Tx ConwayEra");
    ok(await jetpack(["tx-submit", "--tx", "second.signed.json", "--quiet"], dir));
    expect((await config()).claimWindowMs).toBe(String(4 * DAY));
  }, 300_000);
});
