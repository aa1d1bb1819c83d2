// Why: governors change the protocol's parameters (weights, caps, operators, governors,
// quorum, claim window, reward attestor) by a quorum of signatures; everyone else needs to
// read them. How: config-show reads and prints the config datum. config-update merges the
// requested changes into the current config, checks well-formedness and that the signing
// governors reach the quorum, builds and evaluates the update, and either submits it signed
// by the key files given (--sign-with) or writes the unsigned transaction (--out) for each
// governor to sign with `jetpack tx-sign` and anyone to submit with `jetpack tx-submit`.
import { type Command, UsageError } from "../command.js";
import { json as jsonText, jet } from "../format.js";
import {
  connectChain,
  DEPLOYMENT_FLAG,
  DRY_RUN_FLAG,
  guarded,
  JSON_FLAG,
  keyFlag,
  loadKeyFlag,
  loadKeyList,
  makeCtx,
  NETWORK_FLAGS,
  openDeployment,
  QUIET_FLAG,
  readJsonInput,
  report,
  submitAll,
  WAIT_FLAG,
  walletOf,
} from "../../net/cli.js";
import type { ConfigInput } from "../../net/inputs.js"; // loaded in run(): it loads Lucid

type Inputs = typeof import("../../net/inputs.js");
import type { ConfigDatum } from "../../codec/data.js";
import { parseNonNegInt } from "../input.js";
import { InputError } from "../../economics/errors.js";

export function configJson(c: ConfigDatum) {
  return {
    weightsBps: c.weightsBps.map(String),
    levelCapsPack: c.levelCapsPack.map(String),
    operators: c.operators,
    governors: c.governors,
    quorum: c.quorum.toString(),
    claimWindowMs: c.claimWindowMs.toString(),
    rewardAttestor: c.rewardAttestor,
    poolScript: c.poolScript,
    lockScript: c.lockScript,
    version: c.version.toString(),
    governance: govJson(c),
  };
}

/** The governance section as JSON (numbers as decimal strings); `config update` accepts and
 *  ignores it: only a proposal changes it (docs/governance.md). */
function govJson(c: ConfigDatum) {
  const g = c.governance;
  const str = (o: object) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === "bigint" ? v.toString() : v]));
  return { ...str({ ...g, guardrails: undefined, discountTiers: undefined }), guardrails: str(g.guardrails), discountTiers: g.discountTiers.map(str) };
}

export function configText(c: ConfigDatum): string {
  return [
    `weights (bps)   ${c.weightsBps.join(" / ")}`,
    `level caps      ${c.levelCapsPack.map((x) => jet(x)).join(" / ")} Jet`,
    `operators       ${c.operators.join(", ")}`,
    `governors       ${c.governors.join(", ")}`,
    `quorum          ${c.quorum} of ${c.governors.length}`,
    `claim window    ${c.claimWindowMs} ms (${(Number(c.claimWindowMs) / 3_600_000).toFixed(2)} h)`,
    `reward attestor ${c.rewardAttestor ?? "none"}`,
    `pool script     ${c.poolScript}`,
    `lock script     ${c.lockScript}`,
    `version         ${c.version}`,
    `governance      voting ${c.governance.votingEpochs} / timelock ${c.governance.timelockEpochs} / execution ${c.governance.executionEpochs} epochs; quorum ${c.governance.quorumBps} bps, approval ${c.governance.approvalBps} bps; threshold ${c.governance.proposalThreshold} (Pack × epochs); deposit ${c.governance.depositLovelace} lovelace; max lock ${c.governance.maxLockEpochs} epochs`,
    `guardians       until the sunset epoch ${c.governance.sunsetEpoch}; grants may be paused for ${c.governance.disputeEpochs} epochs`,
    `guardrails      caps ${jet(c.governance.guardrails.capMinPack)}..${jet(c.governance.guardrails.capMaxPack)} Jet, window ${c.governance.guardrails.claimWindowMinMs}..${c.governance.guardrails.claimWindowMaxMs} ms, ±${c.governance.guardrails.maxChangeBps} bps per update, weights ±${c.governance.guardrails.weightStepBps} bps`,
    `exchange fee    ${c.governance.exchangeFeeBps} bps of the ADA side, to the treasury`,
    `Jet discounts   ${c.governance.discountTiers.length === 0 ? "none" : c.governance.discountTiers.map((t) => `${t.bps} bps from power ${t.minPower}`).join("; ")} (power: Pack × epochs)`,
  ].join("\n");
}

export const configShowCommand: Command = {
  name: "config-show",
  summary: "show the protocol's on-chain config",
  description: "Reads the config UTxO (the one holding the JetConfig NFT) and prints its datum. Read-only.",
  flags: [JSON_FLAG, QUIET_FLAG, DEPLOYMENT_FLAG, ...NETWORK_FLAGS],
  examples: ["config-show", "config-show --json"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const opened = await openDeployment(ctx);
      const { protocol: p, cfg } = opened;
      const chain = await connectChain(ctx, cfg, opened);
      const { readConfig } = await import("../../readers.js");
      const c = await readConfig(chain.lucid, p);
      const utxo = `${c.utxo.txHash}#${c.utxo.outputIndex}`;
      if (ctx.json) io.out(jsonText({ utxo, config: configJson(c.datum) }));
      else io.out(`config UTxO ${utxo}\n${configText(c.datum)}\n`);
    }),
};

function list(inp: Inputs, raw: string | undefined, flag: string): string[] | undefined {
  if (raw === undefined) return undefined;
  return inp.parseKeyList(
    raw.split(",").map((s) => s.trim()),
    `--${flag}`,
  );
}

function intList(raw: string | undefined, flag: string): bigint[] | undefined {
  if (raw === undefined) return undefined;
  return raw.split(",").map((s, i) => parseNonNegInt(s.trim(), `--${flag}[${i}]`));
}

/** The changes requested by --config FILE and the flags (flags win). */
function requestedChanges(ctx: Parameters<typeof readJsonInput>[0], inp: Inputs): ConfigInput {
  const a = ctx.args;
  const c: ConfigInput = a.string("config") ? readJsonInput(ctx, a.string("config")!, inp.parseConfigInput) : {};
  try {
    const set = <K extends keyof ConfigInput>(k: K, v: ConfigInput[K] | undefined) => {
      if (v !== undefined) c[k] = v;
    };
    set("operators", list(inp, a.string("operators"), "operators"));
    set("governors", list(inp, a.string("governors"), "governors"));
    set("weightsBps", intList(a.string("weights"), "weights"));
    set("levelCapsPack", intList(a.string("caps"), "caps"));
    if (a.integer("quorum") !== undefined) c.quorum = BigInt(a.integer("quorum")!);
    if (a.integer("claim-window-ms") !== undefined) c.claimWindowMs = BigInt(a.integer("claim-window-ms")!);
    const att = a.string("reward-attestor");
    if (att !== undefined) c.rewardAttestor = att === "none" ? null : list(inp, att, "reward-attestor")![0]!;
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(e.message);
    throw e;
  }
  return c;
}

export const configUpdateCommand: Command = {
  name: "config-update",
  summary: "change the config by a quorum of governor signatures (now, or as an unsigned tx to pass around)",
  description: `Changes: --config FILE (any of weightsBps, levelCapsPack, operators, governors, quorum, claimWindowMs,
rewardAttestor; keys as key hashes or addresses) and/or the flags below; everything else stays. The pool
and lock script hashes never change. The new config must be well-formed and the governors who sign must
reach the current quorum.
Direct: --key pays and signs, --sign-with lists the governors' key files; the update is submitted.
Collect signatures: --out FILE writes the unsigned transaction (a cardano-cli text envelope) for the
governors named in --signers (and the payer: --key, or --payer ADDRESS to build without the payer's
key); each runs \`jetpack tx-sign --tx FILE --key KEY\`, then anyone runs \`jetpack tx-submit --tx FILE\`
(or, in parallel, \`tx-sign … --witness-out W\` each and \`jetpack tx-assemble --tx FILE --witness W1,W2,…\`).
\`jetpack tx-show --tx FILE\` shows what the file does. Either way the old → new value of every changed
field is printed. The payer must also sign. The transaction stays valid until one of its inputs is spent.`,
  flags: [
    keyFlag("payer's signing key; pays the fee (and signs, and counts if it is a governor)", false),
    { name: "sign-with", type: "string", value: "FILES", description: "comma-separated governors' key files that sign now" },
    { name: "signers", type: "string", value: "LIST", description: "with --out: governors (key hashes or addresses) who will sign the file" },
    { name: "out", type: "string", value: "FILE", description: "write the unsigned transaction here instead of submitting" },
    { name: "payer", type: "string", value: "ADDR", description: "with --out: the address that pays, instead of --key" },
    { name: "config", type: "string", value: "FILE", description: "JSON with the fields to change" },
    { name: "operators", type: "string", value: "LIST", description: "new operators (comma-separated key hashes or addresses)" },
    { name: "governors", type: "string", value: "LIST", description: "new governors" },
    { name: "quorum", type: "integer", value: "N", description: "new quorum" },
    { name: "claim-window-ms", type: "integer", value: "MS", description: "new claim window, in ms" },
    { name: "weights", type: "string", value: "W1,W2,W3", description: "new weights in basis points (sum 10000)" },
    { name: "caps", type: "string", value: "C1,…,C9", description: "new level caps in Pack" },
    { name: "reward-attestor", type: "string", value: "PKH|none", description: "new reward attestor, or none" },
    DRY_RUN_FLAG,
    JSON_FLAG,
    QUIET_FLAG,
    WAIT_FLAG,
    DEPLOYMENT_FLAG,
    ...NETWORK_FLAGS,
  ],
  examples: [
    "config-update --key gov1.sk --sign-with gov2.sk --quorum 3 --dry-run",
    "config-update --key gov1.sk --signers <pkh2>,<pkh3> --claim-window-ms 345600000 --out update.tx.json",
  ],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const inp = await import("../../net/inputs.js");
      const changes = requestedChanges(ctx, inp);
      if (Object.keys(changes).length === 0) throw new UsageError("nothing to change: pass --config FILE or at least one of --operators, --governors, --quorum, --claim-window-ms, --weights, --caps, --reward-attestor");
      const out = args.string("out");
      const payerAddr = args.string("payer");
      const later = list(inp, args.string("signers"), "signers") ?? [];
      if (payerAddr !== undefined && out === undefined) throw new UsageError("--payer needs --out (a transaction built for another payer can only be written, not signed here)");
      if (later.length > 0 && out === undefined) throw new UsageError("--signers needs --out (they sign the written transaction later); use --sign-with KEYFILES to sign now");
      const opened = await openDeployment(ctx);
      const { deployment, protocol: p0, cfg } = opened;
      const key = await loadKeyFlag(ctx);
      if (!key && payerAddr === undefined) throw new UsageError("missing --key (the payer), or --out FILE with --payer ADDRESS");
      if (key && payerAddr !== undefined) throw new UsageError("give either --key or --payer, not both");
      const signWith = await loadKeyList(ctx, "sign-with");

      const chain = await connectChain(ctx, cfg, opened);
      const { attachReferenceScripts } = await import("../../net/deployment.js");
      const { readConfig } = await import("../../readers.js");
      const { updateConfig } = await import("../../tx/config/update.js");
      const { configProblems } = await import("../../codec/data.js");
      const { buildPlan } = await import("../../net/tx.js");
      ctx.say("reading the config");
      const [p, current] = await Promise.all([attachReferenceScripts(chain.lucid, p0, deployment, ["config"]), readConfig(chain.lucid, p0)]);
      const cur = current.datum;
      for (const k of ["poolScript", "lockScript"] as const) {
        if (changes[k] !== undefined && changes[k] !== cur[k]) throw new UsageError(`${k} cannot change (the pool and lock scripts are immutable): the file says ${changes[k]}, the config has ${cur[k]}`);
        delete changes[k];
      }
      const next: ConfigDatum = { ...cur, ...changes, poolScript: cur.poolScript, lockScript: cur.lockScript };
      next.governors = [...next.governors].sort();
      const problems = configProblems(next);
      if (problems.length > 0) throw new UsageError(`the new config is not well-formed: ${problems.join("; ")}`);
      if (JSON.stringify(configJson(next)) === JSON.stringify(configJson({ ...cur, governors: [...cur.governors].sort() }))) throw new UsageError("nothing changes: the new config equals the current one");
      for (const k of signWith) if (!cur.governors.includes(k.pkh)) throw new UsageError(`key ${k.file} (key hash ${k.pkh}) is not a governor in the current config`);
      for (const g of later) if (!cur.governors.includes(g)) throw new UsageError(`--signers: ${g} is not a governor in the current config`);
      const governing = [...new Set([...signWith.map((k) => k.pkh), ...later, ...(key && cur.governors.includes(key.pkh) ? [key.pkh] : [])])];
      if (BigInt(governing.length) < cur.quorum)
        throw new UsageError(`a config update needs ${cur.quorum} governor signatures; ${governing.length} given (${governing.join(", ") || "none"})`);

      let wallet: { address: string; utxos: import("@lucid-evolution/lucid").UTxO[] };
      if (key) wallet = await walletOf(chain, key);
      else {
        const utxos = await chain.lucid.utxosAt(payerAddr!);
        chain.lucid.selectWallet.fromAddress(payerAddr!, utxos);
        wallet = { address: payerAddr!, utxos };
      }
      const plan = updateConfig({ protocol: p, configUtxo: current.utxo, next, signers: governing, nowMs: await chain.now() });
      ctx.say(`building the update (${governing.length} of ${cur.governors.length} governors sign, quorum ${cur.quorum})`);
      const built = await buildPlan({ lucid: chain.lucid, protocol: p, plan, label: "config update", walletAddress: wallet.address, walletUtxos: wallet.utxos });
      const changed = Object.keys(changes).filter((k) => JSON.stringify((configJson(next) as Record<string, unknown>)[k]) !== JSON.stringify((configJson(cur) as Record<string, unknown>)[k]));
      const { configChanges, configChangesJson } = await import("../../net/configdiff.js");
      const diff = configChanges(cur, next);
      const changeLines = ["changes (old → new):", ...diff.map((c) => `  ${c.text}`)];
      const facts = { changed, changes: configChangesJson(diff), before: configJson(cur), after: configJson(next), signers: governing };
      if (out !== undefined) {
        const { getAddressDetails } = await import("@lucid-evolution/lucid");
        const payerPkh = getAddressDetails(wallet.address).paymentCredential?.hash;
        const required = [...new Set([...(payerPkh ? [payerPkh] : []), ...governing])];
        if (!ctx.dryRun) {
          const { makeEnvelope, writeEnvelope, recordInputs } = await import("../../net/envelope.js");
          const { decodeTx } = await import("../../net/decode.js");
          const probe = decodeTx(built.cbor);
          const spent = new Set([...probe.inputs, ...probe.collateral].map((i) => i.ref));
          const inputs = recordInputs([current.utxo, ...wallet.utxos].filter((u) => spent.has(`${u.txHash}#${u.outputIndex}`)));
          writeEnvelope(out, makeEnvelope(built.cbor, { network: cfg.network, label: `config update (${changed.join(", ")})`, hash: built.hash, requiredSigners: required, summary: built.summary.moves, inputs }), io.cwd);
          ctx.say(`wrote the unsigned transaction to ${out}`);
        }
        await report(ctx, [built], [], { ...facts, out: ctx.dryRun ? null : out, requiredSigners: required }, [
          ...changeLines,
          ctx.dryRun ? "dry run: transaction file not written" : `unsigned transaction written to ${out}`,
          `it needs the signatures of: ${required.join(", ")}`,
          `anyone: jetpack tx-show --tx ${out} (what it does, decoded from the transaction)`,
          `each signer: jetpack tx-sign --tx ${out} --key KEYFILE; then: jetpack tx-submit --tx ${out}`,
          `or in parallel: jetpack tx-sign --tx ${out} --key KEYFILE --witness-out NAME.wit.json; then: jetpack tx-assemble --tx ${out} --witness W1,W2,… --submit`,
        ]);
        return;
      }
      const submitted = await submitAll(ctx, chain, [built], [key!, ...signWith]);
      await report(ctx, [built], submitted, facts, changeLines);
    }),
};
