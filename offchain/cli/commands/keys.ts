// Why: every role (operator, service, governor) needs a signing key file before anything
// else, and wants to see which address and key hash a file stands for, and what it holds,
// without printing the secret. How: `keys-new` writes a fresh ed25519 signing key (bech32
// `ed25519_sk…`, the format the other commands read) to a new file with mode 0600 and
// prints its address and key hash; `keys-show` reads any key file the CLI accepts and
// prints address, key hash and — unless --offline — its balance from the chain.
import { existsSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { type Command, UsageError } from "../command.js";
import { jet, json as jsonText } from "../format.js";
import { connectChain, guarded, JSON_FLAG, makeCtx, NETWORK_FLAGS, networkOptions, QUIET_FLAG, requireKey } from "../../net/cli.js";

const NETWORK_NOTE = "the address is for --network (or JETPACK_NETWORK); default a test network";

async function networkOf(ctx: ReturnType<typeof makeCtx>): Promise<"Mainnet" | "Preprod"> {
  const raw = ctx.args.string("network") ?? ctx.env.JETPACK_NETWORK;
  if (raw === undefined || raw === "") return "Preprod";
  const { parseNetworkName } = await import("../../net/network.js");
  return parseNetworkName(raw, ctx.args.has("network") ? "--network" : "JETPACK_NETWORK") === "Mainnet" ? "Mainnet" : "Preprod";
}

export const keysNewCommand: Command = {
  name: "keys-new",
  summary: "create a signing key file (mode 0600) and print its address and key hash",
  description: `Writes a new ed25519 payment signing key (bech32 ed25519_sk…) to --out, which must not exist, readable
by its owner only (mode 0600), and prints the key's enterprise address and payment key hash. The secret is
never printed; keep the file safe and out of version control. ${NETWORK_NOTE}.`,
  flags: [
    { name: "out", type: "string", value: "FILE", required: true, description: "the new key file (refused if it exists)" },
    JSON_FLAG,
    ...NETWORK_FLAGS,
  ],
  examples: ["keys-new --out operator.sk", "keys-new --out service.sk --network mainnet --json"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const out = args.requireString("out");
      const abs = resolve(io.cwd, out);
      if (existsSync(abs)) throw new UsageError(`key file ${out} already exists: choose another --out (an existing key is never overwritten)`);
      const network = await networkOf(ctx);
      const { CML } = await import("@lucid-evolution/lucid");
      const { parseSigningKey } = await import("../../net/keys.js");
      const secret = CML.PrivateKey.generate_ed25519().to_bech32();
      try {
        writeFileSync(abs, secret + "\n", { mode: 0o600, flag: "wx" });
      } catch (e) {
        throw new UsageError(`cannot write key file ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      const key = parseSigningKey(secret, out);
      const facts = { file: out, keyHash: key.pkh, address: key.address(network), network };
      if (ctx.json) io.out(jsonText(facts));
      else io.out(`wrote ${out} (mode 0600)\nkey hash ${key.pkh}\naddress  ${facts.address} (${network === "Mainnet" ? "mainnet" : "test networks"})\n`);
    }),
};

export const keysShowCommand: Command = {
  name: "keys-show",
  summary: "show a key file's address, key hash and balance (never the secret)",
  description: `Reads --key (any key file the CLI accepts: bech32 ed25519_sk…, a cardano-cli text envelope, a 24-word
seed phrase) and prints its payment key hash and wallet address and, unless --offline, the ADA and Jet
it holds (Jet needs the deployment file, as for the other chain commands). ${NETWORK_NOTE}.`,
  flags: [
    { name: "key", type: "string", value: "FILE", required: true, description: "the signing key file" },
    { name: "offline", type: "boolean", description: "no balance: do not contact the chain" },
    { name: "deployment", type: "string", value: "FILE", description: "deployment file, to count Jet (default jetpack-deployment.json when it exists)" },
    JSON_FLAG,
    QUIET_FLAG,
    ...NETWORK_FLAGS,
  ],
  examples: ["keys-show --key operator.sk --offline", "keys-show --key service.sk --network local --json"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const key = await requireKey(ctx);
      const network = await networkOf(ctx);
      const facts: Record<string, unknown> = { file: key.file, keyHash: key.pkh };
      let balance: { lovelace: bigint; jetPack: bigint | null } | null = null;
      if (args.boolean("offline")) {
        facts.address = key.address(network);
      } else {
        const { resolveProvider } = await import("../../net/network.js");
        const depFile = args.string("deployment") ?? ctx.env.JETPACK_DEPLOYMENT ?? (existsSync(resolve(io.cwd, "jetpack-deployment.json")) ? "jetpack-deployment.json" : undefined);
        let jetUnit: string | undefined;
        let fallback: import("../../net/network.js").NetworkName | undefined;
        if (depFile !== undefined) {
          const { protocolFromDeployment, readDeployment } = await import("../../net/deployment.js");
          const d = readDeployment(depFile, io.cwd);
          jetUnit = protocolFromDeployment(d, depFile).units.jet;
          fallback = d.network;
        }
        const cfg = resolveProvider(networkOptions(args), ctx.env, io.cwd, fallback);
        const chain = await connectChain(ctx, cfg);
        const address = key.address(cfg.lucidNetwork);
        facts.address = address;
        const utxos = await chain.lucid.utxosAt(address);
        const lovelace = utxos.reduce((s, u) => s + (u.assets.lovelace ?? 0n), 0n);
        const jetPack = jetUnit === undefined ? null : utxos.reduce((s, u) => s + (u.assets[jetUnit!] ?? 0n), 0n);
        balance = { lovelace, jetPack };
        facts.lovelace = lovelace.toString();
        facts.jetPack = jetPack === null ? null : jetPack.toString();
        facts.utxos = utxos.length;
      }
      if (ctx.json) {
        io.out(jsonText(facts));
        return;
      }
      const lines = [`key file ${key.file}`, `key hash ${key.pkh}`, `address  ${String(facts.address)}`];
      if (balance) lines.push(`balance  ${jet(balance.lovelace)} ADA${balance.jetPack === null ? " (Jet: no deployment file)" : `, ${jet(balance.jetPack)} Jet (${balance.jetPack} Pack)`}`);
      io.out(lines.join("\n") + "\n");
    }),
};
