/**
 * The three kinds of users, end to end, each command a separate `jetpack` process against
 * the local devnet (Blockfrost API, real Lucid provider):
 *   deployer: init → epoch-advance ×3 (1,000 services, generated metrics) → sweep → status;
 *   services: 50 claims (one service alone per pool, then each pool's others in one --keys run;
 *   every claim its own transaction signed by its service) → a reward to 200 users from a CSV;
 *   governors: config-update by a quorum of key files, then unsigned tx + tx-sign + tx-submit.
 * Every figure is cross-checked in this process with the SDK (readers, schedule, allocate).
 * Bad input — wrong network, missing/unreadable key, a key that is not the leaf's service,
 * an allocation file whose hash differs from the pool datum, a reward CSV with a malformed
 * address or a negative amount, an epoch that has not started, a wallet without ADA for the
 * fee — is rejected with one line, exit code 2, and nothing submitted.
 *
 * Sizes: JETPACK_WF_SERVICES / JETPACK_WF_CLAIMS / JETPACK_WF_USERS (default 1000 / 50 / 200);
 * JETPACK_WF_SINGLE_CLAIMS=1 runs every claim as its own process (slower).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Blockfrost, Lucid, type LucidEvolution } from "@lucid-evolution/lucid";
import { startDevnet, type Devnet } from "../../offchain/devnet/server.js";
import {
  allocate,
  chainFTotal,
  cumulativePack,
  emissionPack,
  protocolFromDeployment,
  readConfig,
  readDeployment,
  readLocks,
  readPools,
  readState,
  type AllocationFile,
  type Protocol,
} from "../../offchain/index.js";
import { allOutput, expectRejectedRun, jetpack, limited, makeKeyFile, makeKeyHash, metricsFor, ok, type KeyFile, type Run } from "./helpers.js";

const N_SERVICES = Number(process.env.JETPACK_WF_SERVICES ?? 1000);
const N_CLAIMS = Number(process.env.JETPACK_WF_CLAIMS ?? 50);
const N_USERS = Number(process.env.JETPACK_WF_USERS ?? 200);
const SINGLE_CLAIMS = process.env.JETPACK_WF_SINGLE_CLAIMS === "1";
const LEAVES_PER_SHARD = 128;
const CLAIM_CONCURRENCY = 4;
const DAY = 86_400_000;
const EPOCH_MS = 5 * DAY;
const ADA = 1_000_000n;

let dir: string;
let devnet: Devnet;
let lucid: LucidEvolution;
let protocol: Protocol;
const k = {} as Record<"deployer" | "operator" | "govA" | "govB" | "govC" | "poor" | "unfunded" | "stranger", KeyFile>;
const claimers: KeyFile[] = [];
const ids: string[] = [];
const serviceOf = new Map<string, string>(); // claimer file → service id
const payouts: { address: string; pack: bigint }[] = [];
const timings: [string, number][] = [];
const claimed = new Map<string, bigint>(); // service id → Pack claimed in epoch 1

const txCount = () => devnet.chain.txs.size;
const jetUnit = () => protocol.units.jet;

/** A rejected run: exit 2, one line on stderr naming the problem, nothing on stdout, nothing submitted. */
const rejected = (argv: string[], expected: RegExp): Promise<Run> => expectRejectedRun(devnet.chain, dir, argv, expected);

function timed(name: string, t0: number) {
  timings.push([name, Date.now() - t0]);
}

function jetIn(utxos: { assets: Record<string, bigint> }[]): bigint {
  return utxos.reduce((s, u) => s + (u.assets[jetUnit()] ?? 0n), 0n);
}

beforeAll(async () => {
  const t0 = Date.now();
  dir = mkdtempSync(join(tmpdir(), "jetpack-workflow-"));
  mkdirSync(join(dir, "keys"), { mode: 0o700 });
  const key = (name: string, kind: KeyFile["kind"]) => makeKeyFile(join(dir, "keys", name), kind);
  k.deployer = key("deployer.seed", "seed");
  k.operator = key("operator.skey", "text-envelope");
  k.govA = key("govA.sk", "bech32");
  k.govB = key("govB.skey", "text-envelope");
  k.govC = key("govC.seed", "seed");
  k.poor = key("poor.sk", "bech32");
  k.unfunded = key("unfunded.sk", "bech32");
  k.stranger = key("stranger.sk", "bech32");
  for (let i = 0; i < N_CLAIMS; i++) claimers.push(key(`svc-${i}.${i % 10 === 8 ? "skey" : i % 10 === 9 ? "seed" : "sk"}`, i % 10 === 8 ? "text-envelope" : i % 10 === 9 ? "seed" : "bech32"));

  // 1,000 services; the claimers are spread over the list (so over the claim pools), two more
  // have key files (one with 2 ADA, one with none), the rest are key hashes only.
  const services: Record<string, string> = {};
  const stride = Math.floor(N_SERVICES / N_CLAIMS);
  for (let i = 0; i < N_SERVICES; i++) {
    const id = `svc-${String(i).padStart(4, "0")}`;
    ids.push(id);
    const c = i % stride === 0 ? claimers[i / stride] : undefined;
    if (c) {
      serviceOf.set(c.file, id);
      services[id] = c.kind === "seed" ? c.address : c.pkh; // an address works as well as a key hash
    } else if (i === 1) services[id] = k.poor.pkh;
    else if (i === 3) services[id] = k.unfunded.address;
    else services[id] = i % 7 === 0 ? makeKeyHash().address : makeKeyHash().pkh;
  }
  writeFileSync(join(dir, "services.json"), JSON.stringify(services, null, 1));
  const top = serviceOf.get(claimers[0]!.file)!; // the reward payer: best metrics every epoch
  for (const e of [1, 2, 3]) {
    const m = metricsFor(ids, e);
    for (const s of m.services) if (s.id === top) Object.assign(s, { m1: 100_000, m2: 500, m3: 20_000 });
    writeFileSync(join(dir, `metrics-${e}.json`), JSON.stringify(m));
  }
  writeFileSync(
    join(dir, "config.json"),
    JSON.stringify({ operators: [k.operator.pkh], governors: [k.govA.address, k.govB.pkh, k.govC.address], quorum: 2, claimWindowMs: 3 * DAY }, null, 2),
  );
  const lines = ["address,amount"];
  for (let i = 0; i < N_USERS; i++) {
    const u = makeKeyHash();
    const jet = `${1 + (i % 5)}.${String((i * 37) % 1_000_000).padStart(6, "0")}`;
    lines.push(`${u.address},${jet}`);
    payouts.push({ address: u.address, pack: BigInt(jet.replace(".", "")) });
  }
  writeFileSync(join(dir, "users.csv"), lines.join("\n") + "\n");

  const fund = (kf: KeyFile, ada: bigint) => ({ ...kf.spec, lovelace: ada * ADA });
  devnet = await startDevnet({
    wallets: [
      fund(k.deployer, 1_000n),
      fund(k.operator, 1_000n),
      fund(k.govA, 100n),
      fund(k.govB, 100n),
      fund(k.govC, 100n),
      fund(k.poor, 2n),
      ...claimers.map((c, i) => fund(c, i === 0 ? 600n : 30n)),
    ],
    dir: join(dir, ".devnet"),
    blockIntervalMs: 0,
    clock: "manual",
  });
  lucid = await Lucid(new Blockfrost(devnet.url, devnet.projectId), "Preprod");
  timed("setup: keys, files, devnet", t0);
}, 120_000);

afterAll(async () => {
  await devnet?.close();
  // No secret may ever have been printed.
  const text = allOutput.join("\n");
  const leaked = Object.values(k)
    .concat(claimers)
    .filter((kf) => text.includes(kf.secret));
  if (dir) rmSync(dir, { recursive: true, force: true });
  const total = timings.reduce((s, [, ms]) => s + ms, 0);
  process.stderr.write(
    `\nworkflow timings (${N_SERVICES} services, ${N_CLAIMS} claims, ${N_USERS} users):\n` +
      timings.map(([n, ms]) => `  ${(ms / 1000).toFixed(1).padStart(6)} s  ${n}`).join("\n") +
      `\n  ${(total / 1000).toFixed(1).padStart(6)} s  total\n`,
  );
  expect(leaked.map((x) => x.file)).toEqual([]);
});

describe("jetpack CLI workflows against the devnet, one process per command", () => {
  it("init: --dry-run submits and writes nothing; init deploys; a second init refuses to overwrite", async () => {
    const t0 = Date.now();
    const before = txCount();
    const dry = ok(await jetpack(["init", "--key", "keys/deployer.seed", "--config", "config.json", "--dry-run", "--json"], dir));
    expect(JSON.parse(dry.stdout).transactions).toHaveLength(9);
    expect(JSON.parse(dry.stdout).transactions.every((t: { submitted: boolean }) => !t.submitted)).toBe(true);
    expect(txCount()).toBe(before);
    expect(existsSync(join(dir, "jetpack-deployment.json"))).toBe(false);

    const r = ok(await jetpack(["init", "--key", "keys/deployer.seed", "--config", "config.json", "--json"], dir));
    const out = JSON.parse(r.stdout);
    expect(out.transactions).toHaveLength(9);
    expect(out.config.governors).toEqual([k.govA.pkh, k.govB.pkh, k.govC.pkh].sort());
    expect(r.stderr).toMatch(/confirmed genesis/);
    const d = readDeployment(join(dir, "jetpack-deployment.json"));
    expect(d.network).toBe("local");
    protocol = protocolFromDeployment(d);
    const state = await readState(lucid, protocol);
    expect(state.datum).toEqual({ epoch: 0n, scheduled: 0n, minted: 0n });
    const config = await readConfig(lucid, protocol);
    expect(config.datum.operators).toEqual([k.operator.pkh]);
    expect(config.datum.quorum).toBe(2n);
    for (const n of ["emission", "config", "pool", "lock", "lockRules", "governance", "treasury", "exchange"] as const) {
      const [u] = await lucid.utxosByOutRef([{ txHash: d.scripts[n].reference.split("#")[0]!, outputIndex: Number(d.scripts[n].reference.split("#")[1]) }]);
      expect(u?.scriptRef, n).toBeDefined();
    }
    await rejected(["init", "--key", "keys/deployer.seed"], /deployment file jetpack-deployment\.json already exists/);
    timed("init (dry run + 9 transactions)", t0);
  }, 300_000);

  it("rejects a deployment file used with another network", async () => {
    const t0 = Date.now();
    await Promise.all([
      rejected(["status", "--network", "preprod"], /deployment file jetpack-deployment\.json is for network local, not Preprod/),
      rejected(["epoch-advance", "--network", "mainnet", "--key", "keys/operator.skey", "--metrics", "metrics-1.json", "--services", "services.json"], /is for network local, not Mainnet/),
    ]);
    timed("bad input: wrong network (2 runs)", t0);
  });

  it("rejects a missing or unreadable key file", async () => {
    const t0 = Date.now();
    writeFileSync(join(dir, "keys", "garbage.sk"), "ed25519_sk1 this is not a key\n", { mode: 0o600 });
    const args = ["--metrics", "metrics-1.json", "--services", "services.json"];
    const runs = await Promise.all([
      rejected(["epoch-advance", "--key", "keys/missing.sk", ...args], /cannot read key file keys\/missing\.sk: no such file/),
      rejected(["epoch-advance", "--key", "keys", ...args], /cannot read key file keys: is a directory/),
      rejected(["epoch-advance", "--key", "keys/garbage.sk", ...args], /key file keys\/garbage\.sk: not a signing key/),
    ]);
    for (const r of runs) expect(r.stderr).not.toMatch(/this is not a key/);
    timed("bad input: missing/unreadable key (3 runs)", t0);
  });

  it(`epoch 1: advances ${N_SERVICES} services (dry run first); the allocation file matches the SDK and the pool datums`, async () => {
    const t0 = Date.now();
    const before = txCount();
    const common = ["--key", "keys/operator.skey", "--metrics", "metrics-1.json", "--services", "services.json", "--leaves-per-shard", String(LEAVES_PER_SHARD)];
    const dry = ok(await jetpack(["epoch-advance", ...common, "--dry-run", "--json"], dir));
    const dryOut = JSON.parse(dry.stdout);
    expect(dryOut.dryRun).toBe(true);
    expect(dryOut.allocation).toHaveLength(N_SERVICES); // every service: score, rank, level, cap, allocation
    expect(txCount()).toBe(before);
    expect(existsSync(join(dir, "allocation-epoch-1.json"))).toBe(false);
    // the text dry run prints the table `jetpack allocate` prints, for review before signing
    const table = ok(await jetpack(["epoch-advance", ...common, "--dry-run"], dir));
    expect(table.stdout).toMatch(/service +score +rank +percentile +level +cap \(Jet\) +allocation \(Jet\)/);
    expect(table.stdout.split("\n").filter((l) => /^svc-/.test(l))).toHaveLength(N_SERVICES);
    // a metrics file where every metric is zero is flagged before anything is signed
    writeFileSync(join(dir, "zeros.json"), JSON.stringify({ services: [{ id: "svc-0001", m1: 0, m2: 0, m3: 0 }] }));
    const zeros = ok(await jetpack(["epoch-advance", "--key", "keys/operator.skey", "--metrics", "zeros.json", "--services", "services.json", "--dry-run", "--quiet"], dir));
    expect(zeros.stderr).toMatch(/warning: every metric in zeros\.json is zero/);
    expect(txCount()).toBe(before);

    const r = ok(await jetpack(["epoch-advance", ...common, "--json"], dir));
    const out = JSON.parse(r.stdout);
    expect(out.epoch).toBe(1);
    expect(out.fTotalPack).toBe(emissionPack(1).toString());
    const bytes = readFileSync(join(dir, "allocation-epoch-1.json"), "utf8");
    const file = JSON.parse(bytes) as AllocationFile;
    // The SDK's own allocation of the same metrics.
    const metrics = JSON.parse(readFileSync(join(dir, "metrics-1.json"), "utf8")).services.map((s: any) => ({ id: s.id, m1: BigInt(s.m1), m2: BigInt(s.m2), m3: BigInt(s.m3) }));
    const sdk = allocate({ fTotalPack: emissionPack(1), services: metrics });
    expect(file.distributedPack).toBe(sdk.distributedPack.toString());
    const byId = new Map(file.entries.map((e) => [e.id, e]));
    for (const s of sdk.services) expect(byId.get(s.id)?.amountPack ?? "0", s.id).toBe(s.allocationPack === 0n ? "0" : s.allocationPack.toString());
    const pools = await readPools(lucid, protocol, 1);
    expect(pools).toHaveLength(Math.ceil(file.entries.length / LEAVES_PER_SHARD));
    expect(pools.every((p) => p.datum.fileHash === out.allocationFileHash)).toBe(true);
    expect(jetIn(pools.map((p) => p.utxo))).toBe(sdk.distributedPack);
    expect((await readState(lucid, protocol)).datum).toEqual({ epoch: 1n, scheduled: emissionPack(1), minted: sdk.distributedPack });
    timed(`epoch 1 advance (${N_SERVICES} services, dry run + tx)`, t0);
  }, 300_000);

  it("rejects advancing an epoch whose start is in the future", async () => {
    const t0 = Date.now();
    await rejected(
      ["epoch-advance", "--key", "keys/operator.skey", "--metrics", "metrics-2.json", "--services", "services.json"],
      /epoch 2 starts at .*; it cannot be advanced yet/,
    );
    timed("bad input: epoch in the future", t0);
  });

  it(`${N_CLAIMS} services claim their epoch-1 allocation: one alone per pool, then the rest of each pool in one run`, async () => {
    const t0 = Date.now();
    const file = JSON.parse(readFileSync(join(dir, "allocation-epoch-1.json"), "utf8")) as AllocationFile;
    const byShard = new Map<number, { c: KeyFile; id: string }[]>();
    for (const c of claimers) {
      const id = serviceOf.get(c.file)!;
      const e = file.entries.find((x) => x.id === id)!;
      expect(e, id).toBeDefined();
      byShard.set(e.shard, [...(byShard.get(e.shard) ?? []), { c, id }]);
    }
    const keyArg = (c: KeyFile) => `keys/${c.file.split("/").pop()}`;
    const before = await readPools(lucid, protocol, 1);
    const groups = [...byShard.values()];
    // One service per pool claims on its own (pools in parallel; every other one names its
    // --id) — or, with JETPACK_WF_SINGLE_CLAIMS=1, every service in its own run, one pool's
    // claims after the other…
    const alone = SINGLE_CLAIMS ? groups : groups.map((g) => g.slice(0, 1));
    const singles = (
      await limited(
        alone.map((g) => async () => {
          const out: Run[] = [];
          for (const [j, x] of g.entries()) {
            const argv = ["claim", "--key", keyArg(x.c), "--allocation", "allocation-epoch-1.json", "--json", "--quiet"];
            out.push(ok(await jetpack((j + claimers.indexOf(x.c)) % 2 === 0 ? argv : [...argv, "--id", x.id], dir)));
          }
          return out;
        }),
        CLAIM_CONCURRENCY,
      )
    ).flat();
    // …then the others of each pool in one run: one transaction per service, chained on the pool.
    const batches = await limited(
      (SINGLE_CLAIMS ? [] : groups)
        .filter((g) => g.length > 1)
        .map((g) => async () => ok(await jetpack(["claim", "--keys", g.slice(1).map((x) => keyArg(x.c)).join(","), "--allocation", "allocation-epoch-1.json", "--json", "--quiet"], dir))),
      CLAIM_CONCURRENCY,
    );
    for (const r of singles) {
      const o = JSON.parse(r.stdout);
      claimed.set(o.id, BigInt(o.amountPack));
    }
    for (const r of batches) {
      const o = JSON.parse(r.stdout);
      expect(o.transactions).toHaveLength(o.claims.length);
      for (const c of o.claims) claimed.set(c.id, BigInt(c.amountPack));
    }
    expect(claimed.size).toBe(N_CLAIMS);
    const locks = await readLocks(lucid, protocol);
    expect(locks).toHaveLength(N_CLAIMS);
    expect(new Set(locks.map((l) => l.datum.owner))).toEqual(new Set(claimers.map((c) => c.pkh)));
    const total = [...claimed.values()].reduce((a, b) => a + b, 0n);
    expect(jetIn(locks.map((l) => l.utxo))).toBe(total);
    expect(jetIn((await readPools(lucid, protocol, 1)).map((p) => p.utxo))).toBe(jetIn(before.map((p) => p.utxo)) - total);
    timed(`${N_CLAIMS} claims (${singles.length} single runs, ${batches.length} --keys runs; ${CLAIM_CONCURRENCY} at a time)`, t0);
  }, 600_000);

  it("rejects a claim signed by a key that is not the leaf's service", async () => {
    const t0 = Date.now();
    const other = serviceOf.get(claimers[2]!.file)!;
    await Promise.all([
      rejected(["claim", "--key", "keys/svc-1.sk", "--allocation", "allocation-epoch-1.json", "--id", other], new RegExp(`is not the key of service "${other}"`)),
      rejected(["claim", "--key", "keys/stranger.sk", "--allocation", "allocation-epoch-1.json"], /is not a service in allocation-epoch-1\.json/),
    ]);
    timed("bad input: key not the service (2 runs)", t0);
  });

  it("rejects an allocation file whose hash differs from the pool datum", async () => {
    const t0 = Date.now();
    const bytes = readFileSync(join(dir, "allocation-epoch-1.json"), "utf8");
    writeFileSync(join(dir, "alloc-reformatted.json"), JSON.stringify(JSON.parse(bytes), null, 1)); // same content, other bytes
    const f = JSON.parse(bytes) as AllocationFile;
    const id = serviceOf.get(k.poor.file) ?? "svc-0001";
    const e = f.entries.find((x) => x.id === id)!;
    e.amountPack = (BigInt(e.amountPack) * 10n).toString(); // a forged amount
    writeFileSync(join(dir, "alloc-forged.json"), JSON.stringify(f));
    await Promise.all([
      rejected(["claim", "--key", "keys/poor.sk", "--allocation", "alloc-reformatted.json"], /allocation file hash [0-9a-f]{64} differs from the pool datum's [0-9a-f]{64}/),
      rejected(["claim", "--key", "keys/poor.sk", "--allocation", "alloc-forged.json"], /allocation file hash [0-9a-f]{64} differs from the pool datum's/),
    ]);
    timed("bad input: allocation file hash (2 runs)", t0);
  });

  it("rejects a claim from a wallet without enough ADA for the fee", async () => {
    const t0 = Date.now();
    await Promise.all([
      rejected(["claim", "--key", "keys/poor.sk", "--allocation", "allocation-epoch-1.json"], /insufficient ADA: wallet addr_test1\w+ holds 2 ADA/),
      rejected(["claim", "--key", "keys/unfunded.sk", "--allocation", "allocation-epoch-1.json"], /insufficient ADA: wallet addr_test1\w+ holds no UTxOs/),
    ]);
    timed("bad input: insufficient ADA (2 runs)", t0);
  });

  it("rejects reward CSVs with a malformed address or a negative amount", async () => {
    const t0 = Date.now();
    const good = payouts[0]!.address;
    writeFileSync(join(dir, "bad-address.csv"), `address,amount\n${good},1\naddr_test1qqqqqqqqqbad,2\n`);
    writeFileSync(join(dir, "bad-amount.csv"), `${good},1.5\n${payouts[1]!.address},-3\n`);
    writeFileSync(join(dir, "bad-decimals.csv"), `${good},0.0000001\n`);
    await Promise.all([
      rejected(["reward", "--key", "keys/svc-0.sk", "--csv", "bad-address.csv"], /bad-address\.csv: line 3: malformed address "addr_test1qqqqqqqqqbad"/),
      rejected(["reward", "--key", "keys/svc-0.sk", "--csv", "bad-amount.csv"], /bad-amount\.csv: line 2: amount must not be negative, got "-3"/),
      rejected(["reward", "--key", "keys/svc-0.sk", "--csv", "bad-decimals.csv"], /line 1: at most 6 decimals/),
    ]);
    timed("bad input: reward CSV (3 runs)", t0);
  });

  it(`pays ${N_USERS} users from a CSV in as few transactions as fit`, async () => {
    const t0 = Date.now();
    const payer = claimers[0]!;
    const owned = (await readLocks(lucid, protocol, payer.pkh)).map((l) => l.utxo);
    const r = ok(await jetpack(["reward", "--key", "keys/svc-0.sk", "--csv", "users.csv", "--json"], dir));
    const out = JSON.parse(r.stdout);
    expect(out.payouts).toBe(N_USERS);
    const txs = out.transactions as { hash: string; sizeBytes: number; maxSizeBytes: number; totalMem: string; maxMem: string }[];
    // As few as fit: one fewer would need more than the limits allow.
    const used = txs.reduce((s, t) => s + Math.max(t.sizeBytes / t.maxSizeBytes, Number(t.totalMem) / Number(t.maxMem)), 0);
    expect(txs.length).toBeLessThanOrEqual(Math.ceil(used / 0.9));
    const total = payouts.reduce((s, p) => s + p.pack, 0n);
    const paid = new Map<string, bigint>();
    for (const t of txs) for (const o of devnet.chain.confirmedTx(t.hash)!.outputs) paid.set(o.address, (paid.get(o.address) ?? 0n) + (o.assets[jetUnit()] ?? 0n));
    for (const p of payouts) expect(paid.get(p.address), p.address).toBe(p.pack);
    const after = await readLocks(lucid, protocol, payer.pkh);
    expect(after).toHaveLength(1);
    expect(jetIn(after.map((l) => l.utxo))).toBe(jetIn(owned) - total);
    timed(`reward: ${N_USERS} payouts in ${txs.length} transactions`, t0);
  }, 300_000);

  it("epochs 2 and 3: advanced five days apart; f_total = emission + carry-over, as the SDK computes", async () => {
    const t0 = Date.now();
    for (const e of [2, 3]) {
      devnet.advance(EPOCH_MS + (e === 3 ? DAY : 0)); // epoch 3 a day late
      const stateBefore = (await readState(lucid, protocol)).datum;
      const config = (await readConfig(lucid, protocol)).datum;
      const r = ok(
        await jetpack(
          ["epoch-advance", "--key", "keys/operator.skey", "--metrics", `metrics-${e}.json`, "--services", "services.json", "--leaves-per-shard", String(LEAVES_PER_SHARD), "--json", "--quiet"],
          dir,
        ),
      );
      const out = JSON.parse(r.stdout);
      expect(out.epoch).toBe(e);
      expect(BigInt(out.fTotalPack)).toBe(chainFTotal(stateBefore));
      expect(BigInt(out.fTotalPack)).toBe(emissionPack(e) + (cumulativePack(e - 1) - stateBefore.minted));
      const metrics = JSON.parse(readFileSync(join(dir, `metrics-${e}.json`), "utf8")).services.map((s: any) => ({ id: s.id, m1: BigInt(s.m1), m2: BigInt(s.m2), m3: BigInt(s.m3) }));
      const sdk = allocate({ fTotalPack: BigInt(out.fTotalPack), services: metrics, weightsBps: config.weightsBps, capsPack: config.levelCapsPack });
      expect(out.distributedPack).toBe(sdk.distributedPack.toString());
      const s = (await readState(lucid, protocol)).datum;
      expect(s).toEqual({ epoch: BigInt(e), scheduled: cumulativePack(e), minted: stateBefore.minted + sdk.distributedPack });
      if (e === 3) {
        // late by a day: the CLI says so, and the pools still get the whole window from now
        expect(out.lateMs).toBeGreaterThanOrEqual(DAY);
        expect(BigInt(out.expiryMs) - BigInt(devnet.chain.nowMs())).toBeGreaterThanOrEqual(config.claimWindowMs);
      }
    }
    timed("epochs 2 and 3 advanced", t0);
  }, 300_000);

  it("sweeps every expired pool; the unclaimed Jet leaves minted and carries over", async () => {
    const t0 = Date.now();
    devnet.advance(3 * DAY + 15 * 60_000); // a pool expires at its advance's validity end (≤ 10 min on) + the window
    const before = (await readState(lucid, protocol)).datum;
    const pools = await readPools(lucid, protocol);
    expect(pools.length).toBeGreaterThanOrEqual(3);
    const dryBefore = txCount();
    ok(await jetpack(["sweep", "--key", "keys/operator.skey", "--dry-run", "--quiet"], dir));
    expect(txCount()).toBe(dryBefore);
    const r = ok(await jetpack(["sweep", "--key", "keys/operator.skey", "--json", "--quiet"], dir));
    const out = JSON.parse(r.stdout);
    expect(out.pools).toHaveLength(pools.length);
    expect(BigInt(out.burnedPack)).toBe(jetIn(pools.map((p) => p.utxo)));
    expect(await readPools(lucid, protocol)).toHaveLength(0);
    const after = (await readState(lucid, protocol)).datum;
    expect(after.minted).toBe(before.minted - BigInt(out.burnedPack));
    // Every Jet that exists is in a lock or a user's wallet, and minted says exactly that much.
    expect(jetIn(devnet.chain.confirmedUtxos())).toBe(after.minted);
    // Run again with nothing left to sweep: not an error (exit 0), nothing submitted.
    const again = txCount();
    const none = ok(await jetpack(["sweep", "--key", "keys/operator.skey", "--quiet"], dir));
    expect(none.stdout).toMatch(/^nothing to sweep: 0 pools, none expired/);
    expect(txCount()).toBe(again);
    timed(`sweep of ${pools.length} pools in ${out.transactions.length} transaction(s)`, t0);
  }, 300_000);

  it("updates the config by a quorum: key files now, or an unsigned tx passed to tx-sign and tx-submit", async () => {
    const t0 = Date.now();
    await Promise.all([
      rejected(["config-update", "--key", "keys/govA.sk", "--claim-window-ms", String(4 * DAY)], /needs 2 governor signatures; 1 given/),
      rejected(["config-update", "--key", "keys/govA.sk", "--sign-with", "keys/stranger.sk", "--claim-window-ms", String(4 * DAY)], /is not a governor/),
    ]);
    ok(await jetpack(["config-update", "--key", "keys/govA.sk", "--sign-with", "keys/govB.skey", "--claim-window-ms", String(4 * DAY), "--quiet"], dir));
    expect((await readConfig(lucid, protocol)).datum.claimWindowMs).toBe(BigInt(4 * DAY));

    // Collected signatures: the operator pays; governors B and C sign the file later.
    const w = ok(await jetpack(["config-update", "--key", "keys/operator.skey", "--signers", `${k.govB.pkh},${k.govC.address}`, "--quorum", "3", "--out", "update.tx.json", "--json", "--quiet"], dir));
    expect(JSON.parse(w.stdout).requiredSigners).toEqual([k.operator.pkh, k.govB.pkh, k.govC.pkh]);
    await rejected(["tx-submit", "--tx", "update.tx.json"], /update\.tx\.json: not signed by/);
    for (const f of ["keys/govB.skey", "keys/govC.seed"]) ok(await jetpack(["tx-sign", "--tx", "update.tx.json", "--key", f, "--quiet"], dir));
    await rejected(["tx-submit", "--tx", "update.tx.json"], new RegExp(`not signed by ${k.operator.pkh} \\(2 of 3 signatures\\)`));
    ok(await jetpack(["tx-sign", "--tx", "update.tx.json", "--key", "keys/operator.skey", "--quiet"], dir));
    ok(await jetpack(["tx-submit", "--tx", "update.tx.json", "--quiet"], dir));
    const c = JSON.parse(ok(await jetpack(["config-show", "--json", "--quiet"], dir)).stdout).config;
    expect(c.quorum).toBe("3");
    expect(c.claimWindowMs).toBe(String(4 * DAY));
    timed("config updates (2 rejected, key files, tx file with 3 signatures)", t0);
  }, 300_000);

  it("status agrees with the SDK", async () => {
    const t0 = Date.now();
    const [r, l] = await Promise.all([jetpack(["status", "--json", "--quiet"], dir), jetpack(["locks", "--key", "keys/svc-0.sk", "--json", "--quiet"], dir)]);
    const s = JSON.parse(ok(r).stdout);
    const state = (await readState(lucid, protocol)).datum;
    const locks = await readLocks(lucid, protocol);
    expect(s.state.epoch).toBe(Number(state.epoch));
    expect(s.state.scheduledPack).toBe(state.scheduled.toString());
    expect(s.state.mintedPack).toBe(state.minted.toString());
    expect(s.sdk.scheduledPack).toBe(cumulativePack(3).toString());
    expect(s.carryOverPack).toBe((cumulativePack(3) - state.minted).toString());
    expect(s.nextEpoch.epoch).toBe(4);
    expect(s.nextEpoch.fTotalPack).toBe(chainFTotal(state).toString());
    expect(s.pools).toEqual([]);
    expect(s.locks.count).toBe(locks.length);
    expect(s.locks.jetPack).toBe(jetIn(locks.map((l) => l.utxo)).toString());
    expect(s.config.quorum).toBe("3");
    expect(s.checks.filter((c: { ok: boolean }) => !c.ok)).toEqual([]);
    const locksOut = JSON.parse(ok(l).stdout);
    expect(locksOut.count).toBe(1);
    timed("status and locks", t0);
  }, 120_000);
});
