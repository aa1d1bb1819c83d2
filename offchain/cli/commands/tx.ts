// Why: a config update needs several governors' signatures, usually on different machines,
// and each must see what they sign. `config-update --out` writes the unsigned transaction;
// tx-show decodes it from its CBOR (not from its author's summary); each signer runs tx-sign
// (adding a witness to the file, or writing a detached witness with --witness-out so all
// sign in parallel); tx-assemble collects detached witnesses; tx-submit checks that every
// required signer has signed and submits. How: the file is a cardano-cli text envelope
// (net/envelope.ts), witnesses are cardano-cli key witnesses (net/witness.ts), the view is
// net/decode.ts; witnesses are added without touching the transaction's body.
import { type Command, type FlagSpec, UsageError } from "../command.js";
import { json as jsonText } from "../format.js";
import { connectChain, DEPLOYMENT_FLAG, guarded, JSON_FLAG, makeCtx, networkOptions, NETWORK_FLAGS, QUIET_FLAG, requireKey, WAIT_FLAG, type Ctx } from "../../net/cli.js";
import type { TxEnvelope } from "../../net/envelope.js";

const TX_FLAG: FlagSpec = { name: "tx", type: "string", value: "FILE", required: true, description: "the transaction file (written by config-update --out, tx-sign or tx-assemble)" };
const OFFLINE_FLAG: FlagSpec = { name: "offline", type: "boolean", description: "do not ask the chain what the inputs hold; use what the file recorded" };
const VIEW_FLAGS: readonly FlagSpec[] = [OFFLINE_FLAG, DEPLOYMENT_FLAG, ...NETWORK_FLAGS];

/** Checks and submits a fully signed transaction; waits for confirmation. */
async function submitSigned(ctx: Ctx, file: string, env: TxEnvelope, cbor: string): Promise<{ hash: string; signed: string[] }> {
  const { requiredSignersOf, txHashOf } = await import("../../net/envelope.js");
  const { witnessKeyHashes } = await import("../../net/keys.js");
  const { resolveProvider, parseNetworkName } = await import("../../net/network.js");
  const hash = txHashOf(cbor);
  const required = [...new Set([...(env.jetpack?.requiredSigners ?? []), ...requiredSignersOf(cbor)])];
  const signed = witnessKeyHashes(cbor);
  const missing = required.filter((k) => !signed.includes(k));
  if (missing.length > 0) throw new UsageError(`${file}: not signed by ${missing.join(", ")} (${signed.length} of ${required.length} signatures); run jetpack tx-sign --tx ${file} --key KEYFILE`);
  if (signed.length === 0) throw new UsageError(`${file}: the transaction carries no signature`);
  const requested = ctx.args.string("network") ?? (ctx.env.JETPACK_NETWORK || undefined);
  if (requested !== undefined && env.jetpack && parseNetworkName(requested) !== env.jetpack.network)
    throw new UsageError(`${file} was written for network ${env.jetpack.network}, not ${parseNetworkName(requested)}`);
  const cfg = resolveProvider(networkOptions(ctx.args), ctx.env, ctx.io.cwd, env.jetpack?.network);
  const chain = await connectChain(ctx, cfg);
  const { submitCbor } = await import("../../net/tx.js");
  const submitted = await submitCbor(chain.provider, cbor);
  ctx.say(`submitted ${submitted}; waiting for confirmation`);
  const waitS = ctx.args.integer("wait-s");
  await chain.confirm(hash, waitS !== undefined ? waitS * 1000 : undefined);
  return { hash, signed };
}

export const txShowCommand: Command = {
  name: "tx-show",
  summary: "decode a transaction file: inputs, outputs, tokens, datums, signers, and a config update's old → new values",
  description: `Decodes the transaction in --tx from its CBOR (not from the summary its author wrote): inputs (what
they hold, read from the chain when it can be reached, else as recorded in the file), reference inputs,
outputs (address, ADA, tokens: Jet, JetState, JetConfig, JetPool, JetLock named when the deployment file
is available; Jet amounts also in Pack), mint and burn, validity range, required signers and who has
signed, withdrawals, certificates, the protocol's inline datums decoded, and for a config update the
old → new value of every changed field. Read-only.`,
  flags: [TX_FLAG, JSON_FLAG, QUIET_FLAG, ...VIEW_FLAGS],
  examples: ["tx-show --tx update.tx.json", "tx show --tx update.tx.json --json --offline"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const { openTxFile } = await import("../../net/txfile.js");
      const { txViewJson, txViewText } = await import("../../net/decode.js");
      const t = await openTxFile(ctx, args.requireString("tx"));
      const author = t.env.jetpack ? { network: t.env.jetpack.network, label: t.env.jetpack.label } : null;
      if (ctx.json) io.out(jsonText({ file: t.file, type: t.env.type, author, transaction: txViewJson(t.view) }));
      else io.out(`${t.file}: ${t.env.type}${author ? `; its author calls it "${author.label}" (not checked; what it does is below)` : ""}\n${txViewText(t.view)}`);
    }),
};

export const txSignCommand: Command = {
  name: "tx-sign",
  summary: "show what a transaction file does and add your signature (to the file, or as a witness file)",
  description: `Prints what the transaction in --tx does, decoded from the transaction itself (as tx-show), then
signs it with --key: the witness is added to --tx (or written to --out), or with --witness-out written
alone to a small witness file (the file is left as it is; governors sign in parallel and anyone runs
tx-assemble). A key that is not among the transaction's required signers is refused. Signing twice with
the same key changes nothing. Works offline (then inputs are shown as the file recorded them).`,
  flags: [
    TX_FLAG,
    { name: "key", type: "string", value: "FILE", required: true, description: "your signing key (bech32, cardano-cli .skey or seed phrase file)" },
    { name: "out", type: "string", value: "FILE", description: "write the signed transaction here (default: back to --tx)" },
    { name: "witness-out", type: "string", value: "FILE", description: "write only your witness here (cardano-cli key witness); --tx is not changed" },
    JSON_FLAG,
    QUIET_FLAG,
    ...VIEW_FLAGS,
  ],
  examples: ["tx-sign --tx update.tx.json --key gov2.skey", "tx-sign --tx update.tx.json --key gov2.skey --witness-out gov2.witness.json"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const witnessOut = args.string("witness-out");
      if (witnessOut !== undefined && args.string("out") !== undefined) throw new UsageError("give either --out (signed transaction) or --witness-out (your witness alone), not both");
      const { writeEnvelope, makeEnvelope } = await import("../../net/envelope.js");
      const { witnessKeyHashes } = await import("../../net/keys.js");
      const { txViewJson, txViewText } = await import("../../net/decode.js");
      const file = args.requireString("tx");
      const t = await openTxFile(ctx, file);
      const key = await requireKey(ctx);
      const { env, hash, view } = t;
      if (env.jetpack && env.jetpack.hash !== hash) throw new UsageError(`${file}: the transaction's hash ${hash} differs from the one recorded when it was written (${env.jetpack.hash})`);
      const required = view.requiredSigners.map((s) => s.pkh);
      if (!required.includes(key.pkh)) throw new UsageError(`key ${key.file} (key hash ${key.pkh}) is not a required signer of ${file} (required: ${required.join(", ") || "none"}); nothing signed`);
      ctx.say(txViewText(view).trimEnd());
      if (witnessOut !== undefined) {
        const { makeWitness, writeWitness } = await import("../../net/witness.js");
        writeWitness(witnessOut, makeWitness(env.cborHex, key), io.cwd);
        if (ctx.json) io.out(jsonText({ witness: witnessOut, hash, signer: key.pkh, transaction: txViewJson(view) }));
        else io.out(`signed ${hash} with ${key.pkh}; wrote the witness to ${witnessOut} (${file} unchanged)\nnext: jetpack tx-assemble --tx ${file} --witness ${witnessOut},…\n`);
        return;
      }
      let cbor = env.cborHex;
      if (witnessKeyHashes(cbor).includes(key.pkh)) ctx.say(`${key.file} (${key.pkh}) has already signed`);
      else cbor = key.witness(cbor);
      const signed = witnessKeyHashes(cbor);
      const missing = required.filter((k) => !signed.includes(k));
      const target = args.string("out") ?? file;
      writeEnvelope(target, env.jetpack ? makeEnvelope(cbor, env.jetpack) : { ...env, cborHex: cbor, type: "Witnessed Tx ConwayEra" }, io.cwd);
      if (ctx.json) io.out(jsonText({ tx: target, hash, signer: key.pkh, signedBy: signed, missing, transaction: txViewJson(view) }));
      else io.out(`signed ${hash} with ${key.pkh}; wrote ${target}\nsignatures: ${signed.length}; still missing: ${missing.length ? missing.join(", ") : "none (ready for tx-submit)"}\n`);
    }),
};

async function openTxFile(ctx: Ctx, file: string) {
  const m = await import("../../net/txfile.js");
  return m.openTxFile(ctx, file);
}

export const txAssembleCommand: Command = {
  name: "tx-assemble",
  summary: "add detached witnesses (tx-sign --witness-out) to a transaction file; write it, or submit it",
  description: `Checks every witness file in --witness: its signature must be valid for the transaction in --tx
(a witness of another transaction is refused) and its key must be one of the transaction's required
signers; one bad file refuses all, naming it, and nothing is written or submitted. Then adds the
witnesses (already present ones are skipped). Without --submit the signed transaction is written to
--out (default: back to --tx), ready for tx-submit. With --submit it is submitted once every required
signer has signed (and written only if --out is given).`,
  flags: [
    TX_FLAG,
    { name: "witness", type: "string", value: "FILES", required: true, description: "comma-separated witness files (from tx-sign --witness-out or cardano-cli transaction witness)" },
    { name: "out", type: "string", value: "FILE", description: "write the signed transaction here (default without --submit: back to --tx)" },
    { name: "submit", type: "boolean", description: "submit the assembled transaction and wait for confirmation" },
    JSON_FLAG,
    QUIET_FLAG,
    WAIT_FLAG,
    ...VIEW_FLAGS,
  ],
  examples: ["tx-assemble --tx update.tx.json --witness govB.wit.json,govC.wit.json,payer.wit.json --submit", "tx-assemble --tx update.tx.json --witness govB.wit.json --out update.signed.json"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const { readWitness, signs, addWitnesses } = await import("../../net/witness.js");
      const { writeEnvelope, makeEnvelope } = await import("../../net/envelope.js");
      const { witnessKeyHashes } = await import("../../net/keys.js");
      const file = args.requireString("tx");
      const files = args.requireString("witness").split(",").map((f) => f.trim()).filter((f) => f !== "");
      if (files.length === 0) throw new UsageError("--witness: no witness file given");
      const t = await openTxFile(ctx, file);
      const { env, hash, view } = t;
      if (env.jetpack && env.jetpack.hash !== hash) throw new UsageError(`${file}: the transaction's hash ${hash} differs from the one recorded when it was written (${env.jetpack.hash})`);
      const required = view.requiredSigners.map((s) => s.pkh);
      const have = new Set(witnessKeyHashes(env.cborHex));
      const add: import("../../net/witness.js").Witness[] = [];
      for (const f of files) {
        const w = readWitness(f, io.cwd);
        if (w.txHash !== undefined && w.txHash !== hash) throw new UsageError(`witness file ${f} is for transaction ${w.txHash}, not ${hash} (${file})`);
        for (const x of w.witnesses) {
          if (!signs(x, hash)) throw new UsageError(`witness file ${f}: the signature of ${x.pkh} is not valid for transaction ${hash} (${file}): a witness of another transaction?`);
          if (!required.includes(x.pkh)) throw new UsageError(`witness file ${f}: key hash ${x.pkh} is not a required signer of ${file} (required: ${required.join(", ")})`);
          if (!have.has(x.pkh)) add.push(x), have.add(x.pkh);
        }
      }
      const cbor = add.length ? addWitnesses(env.cborHex, add) : env.cborHex;
      const signed = witnessKeyHashes(cbor);
      const missing = required.filter((k) => !signed.includes(k));
      const submit = args.boolean("submit");
      if (submit && missing.length) throw new UsageError(`${file}: still not signed by ${missing.join(", ")} (${signed.length} of ${required.length} signatures); nothing submitted`);
      const target = args.string("out") ?? (submit ? undefined : file);
      if (target !== undefined) writeEnvelope(target, env.jetpack ? makeEnvelope(cbor, env.jetpack) : { ...env, cborHex: cbor, type: "Witnessed Tx ConwayEra" }, io.cwd);
      ctx.say(`added ${add.length} witness${add.length === 1 ? "" : "es"} (${add.map((w) => w.pkh).join(", ") || "none new"})${target ? `; wrote ${target}` : ""}`);
      if (submit) await submitSigned(ctx, target ?? file, env, cbor);
      if (ctx.json) io.out(jsonText({ tx: target ?? null, hash, added: add.map((w) => w.pkh), signedBy: signed, missing, submitted: submit, confirmed: submit }));
      else if (submit) io.out(`confirmed ${hash}${env.jetpack ? ` (${env.jetpack.label})` : ""}\n`);
      else io.out(`assembled ${hash}: ${signed.length} signatures; wrote ${target}\n${missing.length ? `still missing: ${missing.join(", ")}` : `ready: jetpack tx-submit --tx ${target}`}\n`);
    }),
};

export const txSubmitCommand: Command = {
  name: "tx-submit",
  summary: "submit a signed transaction file once every required signer has signed",
  description: `Checks that the transaction in --tx carries a witness from every key it needs (the required signers
recorded in the file, or those in its body) and submits it to the network the file was written for
(--network must agree), then waits for confirmation. Accepts the files tx-sign and tx-assemble write.`,
  flags: [{ name: "tx", type: "string", value: "FILE", required: true, description: "the signed transaction file" }, JSON_FLAG, QUIET_FLAG, WAIT_FLAG, ...NETWORK_FLAGS],
  examples: ["tx-submit --tx update.tx.json"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const { readEnvelope } = await import("../../net/envelope.js");
      const file = args.requireString("tx");
      const env = readEnvelope(file, io.cwd);
      const { hash, signed } = await submitSigned(ctx, file, env, env.cborHex);
      if (ctx.json) io.out(jsonText({ hash, submitted: true, confirmed: true, signedBy: signed }));
      else io.out(`confirmed ${hash}${env.jetpack ? ` (${env.jetpack.label})` : ""}\n`);
    }),
};
