/**
 * The devnet through Lucid's real Blockfrost provider: protocol parameters, UTxO queries,
 * payments, Plutus V3 spends (server-side phase-2 check), reference and native scripts,
 * datums, delegation, phase-1 rejections and time control.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Blockfrost,
  CML,
  Data,
  Lucid,
  PROTOCOL_PARAMETERS_DEFAULT,
  SLOT_CONFIG_NETWORK,
  createCostModels,
  getAddressDetails,
  mintingPolicyToId,
  scriptFromNative,
  validatorToAddress,
  validatorToScriptHash,
  type LucidEvolution,
  type Script,
} from "@lucid-evolution/lucid";
import { startDevnet, type Devnet } from "../../offchain/devnet/server.js";
import { devnetAdvance, devnetInfo } from "../../offchain/devnet/client.js";
import { DEVNET_SLOT_CONFIG, useDevnetSlotConfig } from "../../offchain/devnet/time.js";
import { refScriptFee } from "../../offchain/devnet/validate.js";
import { NoEvalBlockfrost, alwaysFails, alwaysSucceeds, getJson, rawSubmit, tamperPayment, timeGate } from "./helpers.js";

const POLL = 50; // ms between awaitTx polls (the provider adds 1 s after success)

let devnet: Devnet;
let lucid: LucidEvolution;
let OK: Script;
let FAIL: Script;

async function lucidFor(d: Devnet, key: string, provider = new Blockfrost(d.url, d.projectId)): Promise<LucidEvolution> {
  const l = await Lucid(provider, "Preprod");
  l.selectWallet.fromPrivateKey(key);
  return l;
}

/** Locks `lovelace` at `script`'s address with a unit inline datum; returns the UTxO. */
async function lock(l: LucidEvolution, script: Script, lovelace = 10_000_000n) {
  const addr = validatorToAddress("Preprod", script);
  const tx = await l.newTx().pay.ToContract(addr, { kind: "inline", value: Data.void() }, { lovelace }).complete();
  const hash = await (await tx.sign.withWallet().complete()).submit();
  const [u] = await l.utxosByOutRef([{ txHash: hash, outputIndex: 0 }]);
  expect(u?.address).toBe(addr);
  return u!;
}

beforeAll(async () => {
  OK = alwaysSucceeds();
  FAIL = alwaysFails();
  devnet = await startDevnet({
    wallets: [{}, {}, { kind: "seed" }, {}],
    genesis: [{ address: validatorToAddress("Preprod", OK), assets: { lovelace: 5_000_000n }, outputData: { asHash: Data.to(7n) } }],
    blockIntervalMs: 0,
  });
  lucid = await lucidFor(devnet, devnet.wallets[0]!.privateKey!);
});

afterAll(async () => {
  await devnet?.close();
});

describe("Blockfrost surface", () => {
  it("listens on 127.0.0.1 and refuses other hosts", async () => {
    expect(devnet.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v0$/);
    await expect(startDevnet({ host: "0.0.0.0" })).rejects.toThrow(/loopback/);
  });

  it("requires the project id", async () => {
    const res = await fetch(`${devnet.url}/epochs/latest/parameters`, { headers: { project_id: "wrong" } });
    expect(res.status).toBe(403);
    expect((await res.json()).error).toBe("Forbidden");
  });

  it("serves the emulator's protocol parameters exactly, cost models included", async () => {
    const pp = await new Blockfrost(devnet.url, devnet.projectId).getProtocolParameters();
    expect(pp).toEqual(PROTOCOL_PARAMETERS_DEFAULT);
    expect(pp.costModels.PlutusV3.length).toBe(PROTOCOL_PARAMETERS_DEFAULT.costModels.PlutusV3.length);
    expect(createCostModels(pp.costModels).to_cbor_hex()).toBe(createCostModels(PROTOCOL_PARAMETERS_DEFAULT.costModels).to_cbor_hex());
  });

  it("reads genesis UTxOs by address and by payment credential", async () => {
    const w = devnet.wallets[1]!;
    const byAddr = await lucid.utxosAt(w.address);
    expect(byAddr).toHaveLength(1);
    expect(byAddr[0]).toMatchObject({ txHash: "00".repeat(32), outputIndex: 1, assets: { lovelace: 100_000_000_000n } });
    const cred = getAddressDetails(w.address).paymentCredential!;
    expect(await lucid.utxosAt(cred)).toEqual(byAddr);
    const seedWallet = devnet.wallets[2]!;
    expect(seedWallet.kind).toBe("seed");
    expect(seedWallet.address).toMatch(/^addr_test1q/);
  });

  it("pages address UTxOs like Blockfrost (count, page, empty page at the end)", async () => {
    const addr = devnet.wallets[3]!.address;
    const l = await lucidFor(devnet, devnet.wallets[3]!.privateKey!);
    let tb = l.newTx();
    for (let i = 0; i < 4; i++) tb = tb.pay.ToAddress(addr, { lovelace: 2_000_000n + BigInt(i) });
    await (await (await tb.complete()).sign.withWallet().complete()).submit();
    const all = await l.utxosAt(addr);
    expect(all).toHaveLength(5); // 4 payments + change
    const pages = [];
    for (let page = 1; page <= 4; page++) pages.push((await getJson(devnet.url, devnet.projectId, `addresses/${addr}/utxos?count=2&page=${page}`)).body.length);
    expect(pages).toEqual([2, 2, 1, 0]);
  });

  it("answers Blockfrost-style 404s", async () => {
    const r = await getJson(devnet.url, devnet.projectId, `txs/${"ab".repeat(32)}/cbor`);
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ status_code: 404, error: "Not Found" });
    expect((await getJson(devnet.url, devnet.projectId, "addresses/notanaddress/utxos")).status).toBe(400);
  });
});

describe("payments", () => {
  it("sends a payment, awaits it and shows the balances", async () => {
    const to = devnet.wallets[1]!.address;
    const before = await lucid.wallet().getUtxos();
    const tx = await lucid.newTx().pay.ToAddress(to, { lovelace: 12_345_678n }).complete();
    const signed = await tx.sign.withWallet().complete();
    const fee = signed.toTransaction().body().fee();
    const hash = await signed.submit();
    expect(await lucid.awaitTx(hash, POLL)).toBe(true);
    const got = await lucid.utxosAt(to);
    expect(got.find((u) => u.txHash === hash)?.assets.lovelace).toBe(12_345_678n);
    const sum = (us: { assets: { lovelace?: bigint } }[]) => us.reduce((s, u) => s + (u.assets.lovelace ?? 0n), 0n);
    expect(sum(await lucid.wallet().getUtxos())).toBe(sum(before) - 12_345_678n - fee);
    const info = await getJson(devnet.url, devnet.projectId, `txs/${hash}`);
    expect(info.body).toMatchObject({ hash, fees: fee.toString(), valid_contract: true });
    const spent = await getJson(devnet.url, devnet.projectId, `txs/${before[0]!.txHash}/utxos`);
    expect(spent.body.outputs[before[0]!.outputIndex].consumed_by_tx).toBe(hash);
  });

  it("rejects a double spend, a bad signature, a short fee and unbalanced value", async () => {
    const l = await lucidFor(devnet, devnet.wallets[3]!.privateKey!);
    const sk = devnet.wallets[3]!.privateKey!;
    const mk = async (lovelace: bigint) =>
      (await (await l.newTx().pay.ToAddress(devnet.wallets[0]!.address, { lovelace }).complete()).sign.withWallet().complete()).toCBOR();
    const a = await mk(3_000_000n);
    const b = await mk(4_000_000n); // same wallet UTxOs: spends what `a` spends

    const fee = CML.Transaction.from_cbor_hex(a).body().fee();
    const short = await rawSubmit(devnet.url, devnet.projectId, tamperPayment(a, sk, { feeDelta: fee - 100_000n, outIndex: 1 }));
    expect(short.status).toBe(400);
    expect(short.body.message).toMatch(/FeeTooSmallUTxO/);
    const unbalanced = await rawSubmit(devnet.url, devnet.projectId, tamperPayment(a, sk, { extraLovelace: 1n, outIndex: 1 }));
    expect(unbalanced.body.message).toMatch(/ValueNotConservedUTxO/);
    const foreignKey = devnet.wallets[0]!.privateKey!;
    const badSig = await rawSubmit(devnet.url, devnet.projectId, tamperPayment(a, foreignKey, {}));
    expect(badSig.body.message).toMatch(/Missing vkey witness|Extraneous vkey witness/);

    expect((await rawSubmit(devnet.url, devnet.projectId, a)).status).toBe(200);
    const again = await rawSubmit(devnet.url, devnet.projectId, b);
    expect(again.status).toBe(400);
    expect(again.body.message).toMatch(/does not exist or is already spent/);
    // The provider surfaces the server's message.
    await expect(new Blockfrost(devnet.url, devnet.projectId).submitTx(b)).rejects.toThrow(/already spent/);
  });
});

describe("Plutus V3", () => {
  it("spends from an always-succeeds script (client-side evaluation) and records the budgets", async () => {
    const u = await lock(lucid, OK);
    const tx = await lucid.newTx().collectFrom([u], Data.void()).attach.SpendingValidator(OK).complete();
    const client = tx.toTransaction().witness_set().redeemers()!.to_flat_format().get(0).ex_units();
    const hash = await (await tx.sign.withWallet().complete()).submit();
    const red = await getJson(devnet.url, devnet.projectId, `txs/${hash}/redeemers`);
    expect(red.body).toHaveLength(1);
    expect(red.body[0].purpose).toBe("spend");
    // The server's measurement equals what complete() computed client-side.
    expect(BigInt(red.body[0].unit_mem)).toBe(client.mem());
    expect(BigInt(red.body[0].unit_steps)).toBe(client.steps());
    expect(client.mem()).toBeGreaterThan(0n);
  });

  it("evaluates through utils/txs/evaluate/utxos when localUPLCEval is false", async () => {
    const u = await lock(lucid, OK);
    const tx = await lucid.newTx().collectFrom([u], Data.void()).attach.SpendingValidator(OK).complete({ localUPLCEval: false });
    const r = tx.toTransaction().witness_set().redeemers()!.to_flat_format().get(0).ex_units();
    expect(r.mem()).toBeGreaterThan(0n);
    // Blockfrost's plain evaluate endpoint (CBOR body) gives the same budget.
    const res = await fetch(`${devnet.url}/utils/txs/evaluate`, {
      method: "POST",
      headers: { project_id: devnet.projectId, "content-type": "application/cbor" },
      body: tx.toCBOR(),
    });
    const ev = await res.json();
    expect(ev.result.EvaluationResult["spend:0"]).toEqual({ memory: Number(r.mem()), steps: Number(r.steps()) });
    await (await tx.sign.withWallet().complete()).submit();

    const f = await lock(lucid, FAIL);
    await expect(
      lucid.newTx().collectFrom([f], Data.void()).attach.SpendingValidator(FAIL).complete({ localUPLCEval: false }),
    ).rejects.toThrow(/EvaluationFailure/);
  });

  it("rejects at submit a transaction whose script fails (no evaluation anywhere before)", async () => {
    const f = await lock(lucid, FAIL);
    // Client-side evaluation would catch it:
    await expect(lucid.newTx().collectFrom([f], Data.void()).attach.SpendingValidator(FAIL).complete()).rejects.toThrow();
    // Bypass every evaluation: the server's submit check must reject it.
    const blind = await lucidFor(devnet, devnet.wallets[0]!.privateKey!, new NoEvalBlockfrost(devnet.url, devnet.projectId));
    const tx = await blind.newTx().collectFrom([f], Data.void()).attach.SpendingValidator(FAIL).complete({ localUPLCEval: false });
    const signed = await tx.sign.withWallet().complete();
    await expect(signed.submit()).rejects.toThrow(/phase-2 script failure.*Spend\[0\]/s);
    // Nothing was spent.
    expect(await lucid.utxosByOutRef([f])).toHaveLength(1);
  });

  it("rejects a script whose declared ex-units are below what it needs", async () => {
    const u = await lock(lucid, OK);
    const stingy = await lucidFor(devnet, devnet.wallets[0]!.privateKey!, new NoEvalBlockfrost(devnet.url, devnet.projectId, { mem: 10, steps: 10 }));
    const tx = await stingy.newTx().collectFrom([u], Data.void()).attach.SpendingValidator(OK).complete({ localUPLCEval: false });
    await expect((await tx.sign.withWallet().complete()).submit()).rejects.toThrow(/ran out of budget/);
  });

  it("rejects a transaction built with cost models other than the chain's", async () => {
    const u = await lock(lucid, OK);
    const pp = structuredClone(PROTOCOL_PARAMETERS_DEFAULT);
    pp.costModels.PlutusV3[0] = pp.costModels.PlutusV3[0]! + 1;
    const skewed = await Lucid(new Blockfrost(devnet.url, devnet.projectId), "Preprod", { presetProtocolParameters: pp });
    skewed.selectWallet.fromPrivateKey(devnet.wallets[0]!.privateKey!);
    const tx = await skewed.newTx().collectFrom([u], Data.void()).attach.SpendingValidator(OK).complete();
    await expect((await tx.sign.withWallet().complete()).submit()).rejects.toThrow(/PPViewHashesDontMatch/);
  });

  it("serves reference scripts to the provider and accepts a spend that reads one", async () => {
    const l = await lucidFor(devnet, devnet.wallets[1]!.privateKey!);
    const holder = devnet.wallets[1]!.address;
    const t1 = await l.newTx().pay.ToAddressWithData(holder, undefined, { lovelace: 20_000_000n }, OK).complete();
    const refHash = await (await t1.sign.withWallet().complete()).submit();
    const [ref] = await l.utxosByOutRef([{ txHash: refHash, outputIndex: 0 }]);
    expect(ref!.scriptRef?.type).toBe("PlutusV3");
    expect(validatorToScriptHash(ref!.scriptRef!)).toBe(validatorToScriptHash(OK));
    const info = await getJson(devnet.url, devnet.projectId, `scripts/${validatorToScriptHash(OK)}`);
    expect(info.body.type).toBe("plutusV3");

    const u = await lock(l, OK);
    const tx = await l.newTx().collectFrom([u], Data.void()).readFrom([ref!]).complete();
    expect(tx.toTransaction().witness_set().plutus_v3_scripts()).toBeUndefined();
    await (await tx.sign.withWallet().complete()).submit();
  });

  it("computes Conway's tiered reference-script fee", () => {
    expect(refScriptFee(0, 15)).toBe(0n);
    expect(refScriptFee(1000, 15)).toBe(15_000n);
    expect(refScriptFee(25_600 + 100, 15)).toBe(25_600n * 15n + 1_800n); // 100 · 18
  });
});

describe("native scripts, assets, datums, delegation", () => {
  it("mints with a native policy, finds the unit's holder and serves the script as JSON", async () => {
    const pkh = getAddressDetails(devnet.wallets[0]!.address).paymentCredential!.hash;
    const policy = scriptFromNative({ type: "all", scripts: [{ type: "sig", keyHash: pkh }] });
    const unit = mintingPolicyToId(policy) + "4a6574";
    const tx = await lucid
      .newTx()
      .mintAssets({ [unit]: 1n })
      .attach.MintingPolicy(policy)
      .pay.ToAddressWithData(devnet.wallets[0]!.address, undefined, { lovelace: 5_000_000n, [unit]: 1n }, policy)
      .complete();
    await (await tx.sign.withWallet().complete()).submit();
    const holder = await lucid.utxoByUnit(unit);
    expect(holder.assets[unit]).toBe(1n);
    expect(holder.scriptRef).toEqual(policy); // via scripts/{hash}/json
    expect(await lucid.utxosAtWithUnit(devnet.wallets[0]!.address, unit)).toHaveLength(1);
  });

  it("serves witness datums by hash", async () => {
    const addr = validatorToAddress("Preprod", OK);
    const datum = Data.to(42n);
    const tx = await lucid.newTx().pay.ToContract(addr, { kind: "asHash", value: datum }, { lovelace: 3_000_000n }).complete();
    const hash = await (await tx.sign.withWallet().complete()).submit();
    const [u] = await lucid.utxosByOutRef([{ txHash: hash, outputIndex: 0 }]);
    expect(u!.datumHash).toBeDefined();
    expect(await lucid.datumOf(u!)).toBe(42n);
  });

  it("serves extra genesis outputs with their datums, and spends one", async () => {
    const [g] = await lucid.utxosByOutRef([{ txHash: "00".repeat(32), outputIndex: 4 }]);
    expect(g!.address).toBe(validatorToAddress("Preprod", OK));
    expect(await lucid.datumOf(g!)).toBe(7n);
    const tx = await lucid.newTx().collectFrom([g!], Data.void()).attach.SpendingValidator(OK).complete();
    await (await tx.sign.withWallet().complete()).submit();
    expect(await lucid.utxosByOutRef([g!])).toEqual([]);
  });

  it("tracks stake registration and delegation (accounts endpoint)", async () => {
    const w = devnet.wallets[2]!;
    const l = await Lucid(new Blockfrost(devnet.url, devnet.projectId), "Preprod");
    l.selectWallet.fromSeed(w.seedPhrase!);
    expect(await l.delegationAt(w.stakeAddress!)).toEqual({ poolId: null, rewards: 0n });
    const pool = CML.Ed25519KeyHash.from_hex("11".repeat(28)).to_bech32("pool");
    const tx = await l.newTx().register.Stake(w.stakeAddress!).delegateTo(w.stakeAddress!, pool).complete();
    await (await tx.sign.withWallet().complete()).submit();
    expect(await l.delegationAt(w.stakeAddress!)).toEqual({ poolId: pool, rewards: 0n });
  });
});

describe("blocks and the mempool", () => {
  it("confirms on a timer: a submitted transaction is pending until the next block", async () => {
    const d = await startDevnet({ wallets: 1, blockIntervalMs: 300 });
    try {
      const l = await lucidFor(d, d.wallets[0]!.privateKey!);
      const tx = await l.newTx().pay.ToAddress(d.wallets[0]!.address, { lovelace: 5_000_000n }).complete();
      const hash = await (await tx.sign.withWallet().complete()).submit();
      expect((await getJson(d.url, d.projectId, `txs/${hash}/cbor`)).status).toBe(404);
      expect(await l.awaitTx(hash, POLL)).toBe(true);
      const b = await getJson(d.url, d.projectId, `txs/${hash}`);
      const tip = await getJson(d.url, d.projectId, "blocks/latest");
      expect(tip.body.height).toBeGreaterThanOrEqual(b.body.block_height);
      expect(tip.body.slot).toBeGreaterThanOrEqual(b.body.slot);
    } finally {
      await d.close();
    }
  });
});

describe("time", () => {
  let m: Devnet;
  let ml: LucidEvolution;
  const start = Date.UTC(2025, 0, 1); // a manual clock: time moves only when told

  beforeAll(async () => {
    m = await startDevnet({ wallets: 2, blockIntervalMs: 0, clock: "manual", startTimeMs: start });
    ml = await lucidFor(m, m.wallets[0]!.privateKey!);
  });
  afterAll(async () => {
    await m?.close();
  });

  it("uses Preprod's slot config and reports chain time", async () => {
    expect(m.slotConfig).toEqual(DEVNET_SLOT_CONFIG);
    expect(SLOT_CONFIG_NETWORK.Preprod).toEqual(DEVNET_SLOT_CONFIG);
    const info = await devnetInfo(m.url, m.projectId);
    expect(info.time).toBe(start);
    expect(info.slot).toBe(ml.unixTimeToSlot(start));
    const tip = await getJson(m.url, m.projectId, "blocks/latest");
    expect(tip.body.time).toBe(start / 1000);
  });

  it("enforces validity ranges against the advanced clock", async () => {
    const mk = async (from?: number, to?: number) => {
      let b = ml.newTx().pay.ToAddress(m.wallets[1]!.address, { lovelace: 2_000_000n });
      if (from !== undefined) b = b.validFrom(from);
      if (to !== undefined) b = b.validTo(to);
      return (await (await b.complete()).sign.withWallet().complete()).toCBOR();
    };
    const now = (await devnetInfo(m.url, m.projectId)).time;
    const early = await mk(now + 3_600_000);
    const r1 = await rawSubmit(m.url, m.projectId, early);
    expect(r1.body.message).toMatch(/OutsideValidityIntervalUTxO.*before the lower bound/);

    const after = await devnetAdvance(m.url, m.projectId, { ms: 3_600_000 });
    expect(after.time).toBe(now + 3_600_000);
    expect((await rawSubmit(m.url, m.projectId, early)).status).toBe(200);

    const t = (await devnetInfo(m.url, m.projectId)).time;
    const late = await mk(undefined, t + 600_000);
    await devnetAdvance(m.url, m.projectId, { slots: 600 }); // ttl is exclusive: slot = ttl is too late
    expect((await rawSubmit(m.url, m.projectId, late)).body.message).toMatch(/OutsideValidityIntervalUTxO.*upper bound/);

    const five = await devnetAdvance(m.url, m.projectId, { ms: 5 * 86_400_000 });
    expect(five.time).toBe(t + 600_000 + 5 * 86_400_000);
    expect((await getJson(m.url, m.projectId, "blocks/latest")).body.slot).toBe(five.slot);
  });

  it("gives scripts the POSIX time of the validity range (slot config agrees with the client)", async () => {
    const now = (await devnetInfo(m.url, m.projectId)).time;
    const gate = timeGate(BigInt(now));
    const u = await lock(ml, gate);
    const blind = await lucidFor(m, m.wallets[0]!.privateKey!, new NoEvalBlockfrost(m.url, m.projectId));
    // Lower bound one slot before `now`: the script sees now − 1000 < now and fails.
    const tooEarly = await blind.newTx().collectFrom([u], Data.void()).attach.SpendingValidator(gate).validFrom(now - 1000).complete({ localUPLCEval: false });
    await expect((await tooEarly.sign.withWallet().complete()).submit()).rejects.toThrow(/phase-2 script failure/);
    // Lower bound exactly `now` (a slot start): passes, with client-side evaluation too.
    const tx = await ml.newTx().collectFrom([u], Data.void()).attach.SpendingValidator(gate).validFrom(now).complete();
    await (await tx.sign.withWallet().complete()).submit();
  });

  it("works with network Custom once SLOT_CONFIG_NETWORK.Custom is set", async () => {
    useDevnetSlotConfig(m.slotConfig);
    const l = await Lucid(new Blockfrost(m.url, m.projectId), "Custom");
    l.selectWallet.fromPrivateKey(m.wallets[1]!.privateKey!);
    const now = (await devnetInfo(m.url, m.projectId)).time;
    const tx = await l.newTx().pay.ToAddress(m.wallets[0]!.address, { lovelace: 2_000_000n }).validFrom(now - 60_000).validTo(now + 60_000).complete();
    const hash = await (await tx.sign.withWallet().complete()).submit();
    expect((await getJson(m.url, m.projectId, `txs/${hash}`)).body.invalid_before).toBe(String(l.unixTimeToSlot(now - 60_000)));
  });

  it("only moves forward", async () => {
    const res = await fetch(`${m.url}/devnet/advance`, {
      method: "POST",
      headers: { project_id: m.projectId, "content-type": "application/json" },
      body: JSON.stringify({ ms: -1 }),
    });
    expect(res.status).toBe(400);
  });
});
