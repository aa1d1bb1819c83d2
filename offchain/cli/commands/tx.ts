// Why: a config update needs several governors' signatures, usually on different machines.
// `config-update --out` writes the unsigned transaction; each signer adds a witness with
// tx-sign (offline: no network needed); tx-submit checks that every required signer has
// signed and submits. How: the file is a cardano-cli text envelope (see net/envelope.ts);
// witnesses are added to the transaction without touching its body.
import { type Command, UsageError } from "../command.js";
import { json as jsonText } from "../format.js";
import { connectChain, guarded, JSON_FLAG, makeCtx, networkOptions, NETWORK_FLAGS, QUIET_FLAG, requireKey, WAIT_FLAG } from "../../net/cli.js";

export const txSignCommand: Command = {
  name: "tx-sign",
  summary: "add your signature to a transaction file (from config-update --out); works offline",
  description: `Shows what the transaction in --tx does (as recorded by the command that wrote it) and adds a
witness made with --key, writing the result back to --tx (or to --out). Signing twice with the same key
changes nothing. Needs no network connection.`,
  flags: [
    { name: "tx", type: "string", value: "FILE", required: true, description: "the transaction file" },
    { name: "key", type: "string", value: "FILE", required: true, description: "your signing key (bech32, cardano-cli .skey or seed phrase file)" },
    { name: "out", type: "string", value: "FILE", description: "write the signed transaction here (default: back to --tx)" },
    JSON_FLAG,
    QUIET_FLAG,
  ],
  examples: ["tx-sign --tx update.tx.json --key gov2.skey"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const { readEnvelope, writeEnvelope, makeEnvelope, requiredSignersOf, txHashOf } = await import("../../net/envelope.js");
      const { witnessKeyHashes } = await import("../../net/keys.js");
      const file = args.requireString("tx");
      const env = readEnvelope(file, io.cwd);
      const key = await requireKey(ctx);
      const hash = txHashOf(env.cborHex);
      if (env.jetpack && env.jetpack.hash !== hash) throw new UsageError(`${file}: the transaction's hash ${hash} differs from the one recorded when it was written (${env.jetpack.hash})`);
      const required = env.jetpack?.requiredSigners ?? requiredSignersOf(env.cborHex);
      if (env.jetpack) for (const line of env.jetpack.summary) ctx.say(`  ${line}`);
      const before = witnessKeyHashes(env.cborHex);
      let cbor = env.cborHex;
      if (before.includes(key.pkh)) ctx.say(`${key.file} (${key.pkh}) has already signed`);
      else {
        if (!required.includes(key.pkh)) ctx.say(`note: ${key.pkh} is not among the signers this transaction needs (${required.join(", ")})`);
        cbor = key.witness(cbor);
      }
      const signed = witnessKeyHashes(cbor);
      const missing = required.filter((k) => !signed.includes(k));
      const target = args.string("out") ?? file;
      const next = env.jetpack ? makeEnvelope(cbor, env.jetpack) : { ...env, cborHex: cbor, type: "Witnessed Tx ConwayEra" };
      writeEnvelope(target, next, io.cwd);
      if (ctx.json) io.out(jsonText({ tx: target, hash, signedBy: signed, missing }));
      else io.out(`signed ${hash} with ${key.pkh}; wrote ${target}\nsignatures: ${signed.length}; still missing: ${missing.length ? missing.join(", ") : "none (ready for tx-submit)"}\n`);
    }),
};

export const txSubmitCommand: Command = {
  name: "tx-submit",
  summary: "submit a signed transaction file once every required signer has signed",
  description: `Checks that the transaction in --tx carries a witness from every key it needs (the required signers
recorded in the file, or those in its body) and submits it to the network the file was written for
(--network must agree), then waits for confirmation.`,
  flags: [{ name: "tx", type: "string", value: "FILE", required: true, description: "the signed transaction file" }, JSON_FLAG, QUIET_FLAG, WAIT_FLAG, ...NETWORK_FLAGS],
  examples: ["tx-submit --tx update.tx.json"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const { readEnvelope, requiredSignersOf, txHashOf } = await import("../../net/envelope.js");
      const { witnessKeyHashes } = await import("../../net/keys.js");
      const { resolveProvider, parseNetworkName } = await import("../../net/network.js");
      const file = args.requireString("tx");
      const env = readEnvelope(file, io.cwd);
      const hash = txHashOf(env.cborHex);
      const required = [...new Set([...(env.jetpack?.requiredSigners ?? []), ...requiredSignersOf(env.cborHex)])];
      const signed = witnessKeyHashes(env.cborHex);
      const missing = required.filter((k) => !signed.includes(k));
      if (missing.length > 0) throw new UsageError(`${file}: not signed by ${missing.join(", ")} (${signed.length} of ${required.length} signatures); run jetpack tx-sign --tx ${file} --key KEYFILE`);
      if (signed.length === 0) throw new UsageError(`${file}: the transaction carries no signature`);
      const requested = args.string("network") ?? (ctx.env.JETPACK_NETWORK || undefined);
      if (requested !== undefined && env.jetpack && parseNetworkName(requested) !== env.jetpack.network)
        throw new UsageError(`${file} was written for network ${env.jetpack.network}, not ${parseNetworkName(requested)}`);
      const cfg = resolveProvider(networkOptions(args), ctx.env, io.cwd, env.jetpack?.network);
      const chain = await connectChain(ctx, cfg);
      const { submitCbor } = await import("../../net/tx.js");
      const submitted = await submitCbor(chain.provider, env.cborHex);
      ctx.say(`submitted ${submitted}; waiting for confirmation`);
      const waitS = args.integer("wait-s");
      await chain.confirm(hash, waitS !== undefined ? waitS * 1000 : undefined);
      if (ctx.json) io.out(jsonText({ hash, submitted: true, confirmed: true, signedBy: signed }));
      else io.out(`confirmed ${hash}${env.jetpack ? ` (${env.jetpack.label})` : ""}\n`);
    }),
};
