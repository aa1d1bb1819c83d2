/**
 * Funded test wallets of the devnet, and the files the `jetpack devnet` command writes.
 *
 * Why: a devnet is only useful with keys that own its genesis funds. A wallet is either an
 * ed25519 signing key (bech32 `ed25519_sk1…`, enterprise address, for
 * `lucid.selectWallet.fromPrivateKey`) or a 24-word seed phrase (base address with a
 * stake key, for `lucid.selectWallet.fromSeed`). Secrets only ever go to files with mode
 * 0600 inside a 0700 folder; `devnet.json` holds public facts only.
 */
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  CML,
  generateSeedPhrase,
  walletFromSeed,
  type Assets,
  type OutputData,
} from "@lucid-evolution/lucid";
import type { SlotConfig } from "./time.js";

export type WalletKind = "privateKey" | "seed";

export interface WalletSpec {
  kind?: WalletKind; // default "privateKey"
  /** Use this key / phrase instead of a fresh one (reproducible addresses). */
  privateKey?: string;
  seedPhrase?: string;
  lovelace?: bigint; // default DEFAULT_WALLET_LOVELACE
  /** Extra native assets of the genesis output (units → quantity). */
  assets?: Assets;
}

export interface DevnetWallet {
  name: string; // wallet-0, wallet-1, …
  kind: WalletKind;
  address: string;
  stakeAddress?: string; // seed wallets
  privateKey?: string; // bech32 ed25519_sk…, privateKey wallets
  seedPhrase?: string; // seed wallets
}

/** 100,000 ADA per wallet unless told otherwise. */
export const DEFAULT_WALLET_LOVELACE = 100_000_000_000n;

export function makeWallet(spec: WalletSpec, i: number): { wallet: DevnetWallet; assets: Assets } {
  const kind: WalletKind = spec.kind ?? (spec.seedPhrase ? "seed" : "privateKey");
  const assets: Assets = { ...(spec.assets ?? {}), lovelace: spec.lovelace ?? DEFAULT_WALLET_LOVELACE };
  const name = `wallet-${i}`;
  if (kind === "seed") {
    const seedPhrase = spec.seedPhrase ?? generateSeedPhrase();
    const w = walletFromSeed(seedPhrase, { addressType: "Base", accountIndex: 0, network: "Custom" });
    return { wallet: { name, kind, address: w.address, stakeAddress: w.rewardAddress ?? undefined, seedPhrase }, assets };
  }
  const privateKey = spec.privateKey ?? CML.PrivateKey.generate_ed25519().to_bech32();
  const pkh = CML.PrivateKey.from_bech32(privateKey).to_public().hash();
  const address = CML.EnterpriseAddress.new(0, CML.Credential.new_pub_key(pkh)).to_address().to_bech32(undefined);
  return { wallet: { name, kind, address, privateKey }, assets };
}

export function makeWallets(wallets: number | WalletSpec[]): Array<{ wallet: DevnetWallet; assets: Assets; outputData?: OutputData }> {
  const specs: WalletSpec[] = typeof wallets === "number" ? Array.from({ length: wallets }, () => ({})) : wallets;
  return specs.map((s, i) => makeWallet(s, i));
}

/** The public description of a running devnet, written to `<dir>/devnet.json`. */
export interface DevnetFile {
  url: string;
  projectId: string;
  network: "Preprod";
  slotConfig: SlotConfig;
  control: string; // base URL of the /devnet control endpoints
  wallets: Array<{ name: string; kind: WalletKind; address: string; stakeAddress?: string; file: string }>;
}

export function walletFileName(w: DevnetWallet): string {
  return w.kind === "seed" ? `${w.name}.seed` : `${w.name}.sk`;
}

/**
 * Writes one secret file per wallet (mode 0600) and `devnet.json` (mode 0644) into `dir`
 * (created with mode 0700 if missing). Returns the path of devnet.json.
 */
export async function writeDevnetDir(
  dir: string,
  info: { url: string; projectId: string; slotConfig: SlotConfig; wallets: DevnetWallet[] },
): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const files: DevnetFile["wallets"] = [];
  for (const w of info.wallets) {
    const file = join(dir, walletFileName(w));
    const secret = w.kind === "seed" ? w.seedPhrase! : w.privateKey!;
    await writeFile(file, secret + "\n", { mode: 0o600 });
    await chmod(file, 0o600); // writeFile keeps the mode of an existing file
    files.push({ name: w.name, kind: w.kind, address: w.address, stakeAddress: w.stakeAddress, file });
  }
  const doc: DevnetFile = {
    url: info.url,
    projectId: info.projectId,
    network: "Preprod",
    slotConfig: info.slotConfig,
    control: `${info.url}/devnet`,
    wallets: files,
  };
  const path = join(dir, "devnet.json");
  await writeFile(path, JSON.stringify(doc, null, 2) + "\n", { mode: 0o644 });
  return path;
}

/**
 * Wallet specs for `n` wallets of `kind`, reusing the secrets of wallet files already in
 * `dir` (so a restarted devnet funds the same addresses) and making fresh ones otherwise.
 */
export async function walletSpecsFromDir(dir: string, n: number, kind: WalletKind, lovelace: bigint): Promise<WalletSpec[]> {
  const specs: WalletSpec[] = [];
  for (let i = 0; i < n; i++) {
    const file = join(dir, walletFileName({ name: `wallet-${i}`, kind, address: "" }));
    let secret: string | undefined;
    try {
      secret = (await readFile(file, "utf8")).trim();
    } catch {
      secret = undefined;
    }
    if (secret && kind === "privateKey") {
      try {
        CML.PrivateKey.from_bech32(secret);
      } catch {
        throw new Error(`${file} does not hold a bech32 ed25519 signing key`);
      }
    }
    specs.push(kind === "seed" ? { kind, lovelace, seedPhrase: secret } : { kind, lovelace, privateKey: secret });
  }
  return specs;
}
