/**
 * The offline parts of offchain/net: key files in every format (and secrets that never leak
 * into messages or dumps), network/provider resolution from flags, environment and the
 * deployment file, the reward CSV, and the deployment file's self-check.
 */
import { chmodSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { CML, generateSeedPhrase, walletFromSeed } from "@lucid-evolution/lucid";
import { InputError } from "../../offchain/economics/errors.js";
import { deploymentFromProtocol, DeploymentError, parseDeployment, protocolFromDeployment } from "../../offchain/net/deployment.js";
import { parseConfigInput, parseJetAmount, parseRewardCsv, parseServiceKeys } from "../../offchain/net/inputs.js";
import { KeyError, keyHashFrom, loadSigningKey, parseSigningKey } from "../../offchain/net/keys.js";
import { NetworkConfigError, resolveProvider } from "../../offchain/net/network.js";
import { compiledValidators } from "../../offchain/net/open.js";
import { instantiate } from "../../offchain/protocol.js";

const dir = mkdtempSync(join(tmpdir(), "jetpack-net-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function leaks(secret: string, ...texts: string[]): boolean {
  return texts.some((t) => t.includes(secret));
}

describe("signing keys from files", () => {
  const sk = CML.PrivateKey.generate_ed25519();
  const pkh = sk.to_public().hash().to_hex();
  const rawHex = Buffer.from(sk.to_raw_bytes()).toString("hex");

  it("reads bech32, text envelopes (normal and extended) and seed phrases to the same kind of key", () => {
    expect(parseSigningKey(sk.to_bech32() + "\n", "a.sk").pkh).toBe(pkh);
    const env = JSON.stringify({ type: "PaymentSigningKeyShelley_ed25519", description: "", cborHex: "5820" + rawHex });
    const k = parseSigningKey(env, "a.skey");
    expect(k.pkh).toBe(pkh);
    expect(k.kind).toBe("text-envelope");
    const ext = CML.PrivateKey.generate_ed25519extended();
    const extHex = Buffer.from(ext.to_raw_bytes()).toString("hex") + "00".repeat(64); // + public key and chain code, as cardano-cli writes
    expect(parseSigningKey(JSON.stringify({ type: "PaymentExtendedSigningKeyShelley_ed25519_bip32", cborHex: "5880" + extHex }), "x.skey").pkh).toBe(ext.to_public().hash().to_hex());
    expect(parseSigningKey(ext.to_bech32(), "x.sk").pkh).toBe(ext.to_public().hash().to_hex());
    const phrase = generateSeedPhrase();
    const w = walletFromSeed(phrase, { addressType: "Base", accountIndex: 0, network: "Preprod" });
    const s = parseSigningKey(phrase + "\n", "w.seed");
    expect(s.kind).toBe("seed");
    expect(s.address("Preprod")).toBe(w.address);
    expect(s.pkh).toBe(keyHashFrom(w.address, "address"));
    expect(parseSigningKey(sk.to_bech32(), "a.sk").address("Mainnet")).toMatch(/^addr1v/);
  });

  it("never shows the secret: not in errors, not in String/JSON/inspect", () => {
    const bech = sk.to_bech32();
    const k = parseSigningKey(bech, "a.sk");
    expect(leaks(bech, String(k), JSON.stringify(k), inspect(k), inspect({ k }, { depth: 5 }), inspect({ ...k }, { showHidden: true }), JSON.stringify(Object.assign({}, k)))).toBe(false);
    expect(k.privateKey()).toBe(bech);
    expect(() => ({ ...k }) as typeof k).not.toThrow();
    const phrase = generateSeedPhrase();
    const s = parseSigningKey(phrase, "w.seed");
    expect(leaks(phrase.split(" ").slice(0, 4).join(" "), String(s), JSON.stringify(s), inspect(s))).toBe(false);
    const bad = [
      [bech.slice(0, -3) + "qqq", /malformed bech32 signing key/],
      ["{ not json", /not valid JSON/],
      [JSON.stringify({ type: "PaymentSigningKeyShelley_ed25519", cborHex: "5840" + rawHex + rawHex }), /must hold 32 bytes/],
      [JSON.stringify({ type: "StakeVerificationKeyShelley_ed25519", cborHex: "5820" + rawHex }), /is not an ed25519 signing key/],
      [phrase.split(" ").reverse().join(" "), /not a valid seed phrase/],
      ["hello world", /not a signing key/],
      ["   \n", /is empty/],
    ] as const;
    for (const [text, re] of bad) {
      let msg = "";
      try {
        parseSigningKey(text, "k.file");
      } catch (e) {
        expect(e).toBeInstanceOf(KeyError);
        msg = (e as Error).message;
      }
      expect(msg, text.slice(0, 20)).toMatch(re);
      expect(msg).toMatch(/^key file k\.file/);
      expect(leaks(rawHex, msg) || leaks(bech.slice(12), msg) || leaks(phrase.split(" ").slice(1, 5).join(" "), msg)).toBe(false);
    }
  });

  it("reports missing files and directories, and warns about files others can read", () => {
    expect(() => loadSigningKey("nope.sk", dir)).toThrow(/cannot read key file nope\.sk: no such file/);
    mkdirSync(join(dir, "d"));
    expect(() => loadSigningKey("d", dir)).toThrow(/cannot read key file d: is a directory/);
    writeFileSync(join(dir, "open.sk"), sk.to_bech32());
    chmodSync(join(dir, "open.sk"), 0o644);
    const warnings: string[] = [];
    expect(loadSigningKey("open.sk", dir, (w) => warnings.push(w)).pkh).toBe(pkh);
    expect(warnings).toEqual(["warning: key file open.sk is readable by others (mode 0644); chmod 600 it"]);
  });
});

describe("network and provider", () => {
  writeFileSync(join(dir, "devnet.json"), JSON.stringify({ url: "http://127.0.0.1:5555/api/v0", projectId: "devnetabc" }));
  writeFileSync(join(dir, "bf.txt"), "preprodSECRET123\n");

  it("takes flags over environment over the deployment file's network", () => {
    const env = { JETPACK_NETWORK: "preview", BLOCKFROST_PROJECT_ID: "previewSECRET" };
    expect(resolveProvider({}, env, dir, "Preprod").network).toBe("Preview");
    expect(resolveProvider({ network: "PREPROD" }, { ...env, BLOCKFROST_PROJECT_ID_FILE: "bf.txt", BLOCKFROST_PROJECT_ID: "" }, dir).blockfrost).toEqual({
      url: "https://cardano-preprod.blockfrost.io/api/v0",
      projectId: "preprodSECRET123",
    });
    expect(resolveProvider({}, { BLOCKFROST_PROJECT_ID: "x" }, dir, "Mainnet").blockfrost!.url).toBe("https://cardano-mainnet.blockfrost.io/api/v0");
    expect(() => resolveProvider({}, {}, dir)).toThrow(/no network/);
  });

  it("local = the devnet file, Preprod's Lucid network, Blockfrost only", () => {
    const c = resolveProvider({ network: "local", devnet: "devnet.json" }, {}, dir);
    expect(c).toMatchObject({ network: "local", lucidNetwork: "Preprod", provider: "blockfrost", blockfrost: { url: "http://127.0.0.1:5555/api/v0", projectId: "devnetabc" } });
    expect(resolveProvider({ network: "devnet" }, { JETPACK_DEVNET: "devnet.json" }, dir).network).toBe("local");
    expect(() => resolveProvider({ network: "local", provider: "koios", devnet: "devnet.json" }, {}, dir)).toThrow(/Blockfrost API only/);
    expect(() => resolveProvider({ network: "local" }, {}, dir)).toThrow(/devnet file \.devnet\/devnet\.json: no such file/);
  });

  it("every Lucid provider, secrets only from the environment, never in the description", () => {
    const env = { MAESTRO_API_KEY: "maestroSECRET", KOIOS_TOKEN: "koiosSECRET", KUPO_URL: "http://kupo:1442", OGMIOS_URL: "ws://ogmios:1337", BLOCKFROST_PROJECT_ID: "bfSECRET" };
    const all = ["blockfrost", "kupmios", "maestro", "koios"].map((provider) => resolveProvider({ network: "preprod", provider }, env, dir));
    expect(all.map((c) => c.provider)).toEqual(["blockfrost", "kupmios", "maestro", "koios"]);
    expect(all[2]!.maestro!.apiKey).toBe("maestroSECRET");
    expect(all[3]!.koios).toEqual({ url: "https://preprod.koios.rest/api/v1", token: "koiosSECRET" });
    for (const c of all) expect(c.description).not.toMatch(/SECRET/);
    expect(() => resolveProvider({ network: "preprod", provider: "maestro" }, {}, dir)).toThrow(/MAESTRO_API_KEY/);
    expect(() => resolveProvider({ network: "preprod", provider: "kupmios" }, {}, dir)).toThrow(/--kupo-url/);
    expect(() => resolveProvider({ network: "preprod" }, {}, dir)).toThrow(/BLOCKFROST_PROJECT_ID/);
    expect(() => resolveProvider({ network: "preprod", blockfrostUrl: "https://user:pw@x.io" }, env, dir)).toThrow(/credentials in the environment/);
    expect(() => resolveProvider({ network: "testnet" }, env, dir)).toThrow(NetworkConfigError);
    expect(() => resolveProvider({ network: "preprod", provider: "ogmios" }, env, dir)).toThrow(/unknown provider "ogmios"/);
  });
});

describe("reward CSV", () => {
  const addr = (net: number) => CML.EnterpriseAddress.new(net, CML.Credential.new_pub_key(CML.PrivateKey.generate_ed25519().to_public().hash())).to_address().to_bech32(undefined);
  const a = addr(0);
  const fail = (text: string, unit: "jet" | "pack" = "jet") => {
    try {
      parseRewardCsv(text, unit, 0);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as Error).message;
    }
    return "accepted";
  };

  it("reads Jet with up to 6 decimals or integer Pack; skips the header, comments and blank lines", () => {
    expect(parseRewardCsv(`address,amount\n# note\n\n${a},12.5\n"${a}", 0.000001 \n${a},7\n`, "jet", 0).map((p) => p.amountPack)).toEqual([12_500_000n, 1n, 7_000_000n]);
    expect(parseRewardCsv(`${a},42\r\n`, "pack", 0)[0]!.amountPack).toBe(42n);
    expect(parseJetAmount("1.000001")).toBe(1_000_001n);
  });

  it("names the line of each problem", () => {
    expect(fail(`${a},1\nnot-an-address,2\n`)).toBe('line 2: malformed address "not-an-address"');
    expect(fail(`${a},-3\n`)).toBe('line 1: amount must not be negative, got "-3"');
    expect(fail(`${a},1.0000001\n`)).toMatch(/^line 1: at most 6 decimals/);
    expect(fail(`${a},0\n`)).toBe("line 1: amount must be positive");
    expect(fail(`${a},1.5\n`, "pack")).toMatch(/^line 1: amount must be an integer number of Pack/);
    expect(fail(`${a},1,2\n`)).toMatch(/^line 1: expected "address,amount", got 3 fields/);
    expect(fail(`${addr(1)},1\n`)).toMatch(/^line 1: address addr1.* is for network id 1, not 0/);
    const script = CML.EnterpriseAddress.new(0, CML.Credential.new_script(CML.ScriptHash.from_hex("00".repeat(28)))).to_address().to_bech32(undefined);
    expect(fail(`${script},1\n`)).toMatch(/^line 1: .* is not a key-hash payment address/);
    expect(fail("address,amount\n")).toMatch(/no payouts/);
  });

  it("service keys: key hashes or addresses", () => {
    const pkh = "ab".repeat(28);
    const m = parseServiceKeys({ A: pkh, B: a });
    expect(m.get("A")).toBe(pkh);
    expect(m.get("B")).toBe(keyHashFrom(a, "x"));
    expect(() => parseServiceKeys({ C: "zz" })).toThrow(/"C": .*neither a 28-byte key hash/);
  });
});

describe("config files", () => {
  const pool = "11".repeat(28);
  const lock = "22".repeat(28);
  const shown = { utxo: `${"ab".repeat(32)}#0`, config: { weightsBps: ["5000", "3000", "2000"], levelCapsPack: Array(9).fill("1000000"), operators: ["33".repeat(28)], governors: ["44".repeat(28)], quorum: "1", claimWindowMs: "259200000", rewardAttestor: null, poolScript: pool, lockScript: lock } };

  it("config update accepts the output of config show --json as it is", () => {
    const c = parseConfigInput(shown);
    expect(c.weightsBps).toEqual([5000n, 3000n, 2000n]);
    expect(c.claimWindowMs).toBe(259_200_000n);
    expect(c.poolScript).toBe(pool); // checked unchanged against the chain by the command
    expect(c.lockScript).toBe(lock);
  });

  it("a script hash in a config file must be 28 bytes of hex, named in the error", () => {
    expect(() => parseConfigInput({ ...shown.config, poolScript: "xyz" })).toThrow(InputError);
    expect(() => parseConfigInput({ ...shown.config, poolScript: "xyz" })).toThrow(/poolScript/);
    expect(() => parseConfigInput({ utxo: "x", config: shown.config, extra: 1 })).toThrow(/unknown field/);
  });
});

describe("the deployment file", () => {
  const compiled = compiledValidators();
  const seed = { txHash: "11".repeat(32), outputIndex: 3 };
  const p = instantiate(compiled, { seed, genesisTimeMs: 1_800_000_000_000n, network: "Preprod" });
  const refs = { emission: { txHash: "22".repeat(32), outputIndex: 0 }, config: { txHash: "33".repeat(32), outputIndex: 0 }, pool: { txHash: "44".repeat(32), outputIndex: 0 }, lock: { txHash: "55".repeat(32), outputIndex: 0 }, lockRules: { txHash: "77".repeat(32), outputIndex: 0 }, governance: { txHash: "88".repeat(32), outputIndex: 0 }, treasury: { txHash: "99".repeat(32), outputIndex: 0 }, exchange: { txHash: "aa".repeat(32), outputIndex: 0 } };
  const d = deploymentFromProtocol({ network: "Preprod", protocol: p, compiled, references: refs, referenceHolder: "addr_test1…", transactions: { genesis: "66".repeat(32), publish: {} } });

  it("round-trips through JSON and re-derives the same protocol", () => {
    const back = parseDeployment(JSON.parse(JSON.stringify(d)), "d.json");
    const q = protocolFromDeployment(back, "d.json");
    expect(q.jetPolicy).toBe(p.jetPolicy);
    expect(q.pool.address).toBe(p.pool.address);
    expect(back.scripts.emission.reference).toBe(`${"22".repeat(32)}#0`);
  });

  it("refuses a file whose hashes do not follow from its validators and parameters", () => {
    const tampered = JSON.parse(JSON.stringify(d));
    tampered.genesisTimeMs = "1800000000001"; // other parameters → other emission script
    expect(() => protocolFromDeployment(parseDeployment(tampered, "d.json"), "d.json")).toThrow(/emission script hash .* differs/);
    const other = JSON.parse(JSON.stringify(d));
    other.scripts.lock.hash = "00".repeat(28);
    expect(() => protocolFromDeployment(parseDeployment(other, "d.json"), "d.json")).toThrow(DeploymentError);
    expect(() => parseDeployment({ ...d, format: "jetpack-deployment/0" }, "d.json")).toThrow(/format "jetpack-deployment\/0"/);
    expect(() => parseDeployment({ ...d, seed: "xyz" }, "d.json")).toThrow(/seed: expected "txhash#index"/);
  });
});
