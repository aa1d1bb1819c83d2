// Why: a holder with enough veJet power opens a proposal — a config change, a grant from
// the treasury, or a text (a hash of a document) — that commitments then vote on.
// How: the kind comes from the flags; a config change is the current config with the
// requested fields changed (nextConfig: version + 1, the rest kept), checked against the
// well-formedness rules and the guardrails before anything is built, and shown old → new.
// The proposer's commitment is read (its power must reach the config's threshold); the
// deposit stays with the proposal until it ends.
import { type Command, UsageError } from "../command.js";
import { inFile, parseNonNegInt, readJsonFile } from "../input.js";
import { guarded, makeCtx, report, submitAll, txCommandFlags, type Ctx } from "../../net/cli.js";
import type { ConfigDatum } from "../../codec/data.js";
import type { Milestone, ProposalKind } from "../../codec/governance.js";
import type { ConfigInput as NextInput, GovSettings } from "../../tx/config/params.js";
import { buildOne, ID_TEXT, idFlag, jetText, keyHashOf, kindJson, kindText, openGovWithKey, parseJet, pick, powerText, seedOf } from "./govshared.js";

const CONFIG_FLAGS = ["config-file", "weights", "caps", "claim-window-ms", "quorum", "operators", "governors", "reward-attestor"] as const;

/** `E:JET,E:JET…` → milestones (epochs ascending, amounts positive). */
export function parseMilestones(raw: string): Milestone[] {
  const out = raw
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean)
    .map((part, i): Milestone => {
      const m = /^(\d+):(.+)$/.exec(part);
      if (!m) throw new UsageError(`flag --milestone[${i}]: expected EPOCH:JET, got ${JSON.stringify(part.slice(0, 40))}`);
      const amount = parseJet(m[2]!, `flag --milestone[${i}]`);
      if (amount === 0n) throw new UsageError(`flag --milestone[${i}]: the amount must be more than 0 Jet`);
      if (BigInt(m[1]!) < 1n) throw new UsageError(`flag --milestone[${i}]: the epoch must be ≥ 1`);
      return { epoch: BigInt(m[1]!), amount };
    });
  if (out.length === 0) throw new UsageError("flag --milestone: expected at least one EPOCH:JET");
  out.forEach((m, i) => {
    if (i > 0 && m.epoch <= out[i - 1]!.epoch) throw new UsageError(`flag --milestone[${i}]: epochs must ascend (${out[i - 1]!.epoch} then ${m.epoch})`);
  });
  return out;
}

/** The changes the flags and --config-file ask for (flags win). */
/** Governance fields `config show --json` prints that never change: accepted when unchanged. */
const FIXED_GOV = ["govScript", "treasuryScript", "genesisMs", "guardrails"] as const;

async function requestedConfig(ctx: Ctx): Promise<{ fields: Partial<ConfigDatum>; governance: Partial<GovSettings>; fixed: Record<string, unknown> }> {
  const a = ctx.args;
  const { parseConfigInput, parseKeyList } = await import("../../net/inputs.js");
  const { parseGovSettings } = await import("../../governance/settings.js");
  const { InputError } = await import("../../economics/errors.js");
  let fields: Partial<ConfigDatum> = {};
  let governance: Partial<GovSettings> = {};
  const fixed: Record<string, unknown> = {};
  const file = a.string("config-file");
  if (file !== undefined) {
    let raw = readJsonFile(file, ctx.io.cwd);
    inFile(file, () => {
      const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
      // `config show --json` prints { utxo, config }: accepted as it is.
      if (isObject(raw) && isObject(raw.config) && Object.keys(raw).every((k) => k === "config" || k === "utxo")) raw = raw.config;
      if (isObject(raw) && raw.governance !== undefined) {
        const { governance: g, ...rest } = raw;
        const settings = isObject(g) ? { ...g } : g;
        if (isObject(settings))
          for (const k of FIXED_GOV)
            if (k in settings) {
              fixed[k] = settings[k];
              delete settings[k];
            }
        governance = parseGovSettings(settings, "governance", false);
        fields = parseConfigInput(rest);
      } else fields = parseConfigInput(raw);
    });
  }
  try {
    const list = (flag: string) => {
      const v = a.string(flag);
      return v === undefined ? undefined : parseKeyList(v.split(",").map((s) => s.trim()), `--${flag}`);
    };
    const ints = (flag: string) => {
      const v = a.string(flag);
      return v === undefined ? undefined : v.split(",").map((s, i) => parseNonNegInt(s.trim(), `--${flag}[${i}]`));
    };
    const set = <K extends keyof ConfigDatum>(k: K, v: ConfigDatum[K] | undefined) => {
      if (v !== undefined) fields[k] = v;
    };
    set("weightsBps", ints("weights"));
    set("levelCapsPack", ints("caps"));
    set("operators", list("operators"));
    set("governors", list("governors"));
    if (a.integer("quorum") !== undefined) fields.quorum = BigInt(a.integer("quorum")!);
    if (a.integer("claim-window-ms") !== undefined) fields.claimWindowMs = BigInt(a.integer("claim-window-ms")!);
    const att = a.string("reward-attestor");
    if (att !== undefined) fields.rewardAttestor = att === "none" ? null : list("reward-attestor")![0]!;
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(e.message);
    throw e;
  }
  return { fields, governance, fixed };
}

/** The new config of a config-change proposal, checked; and its old → new lines. */
async function configKind(ctx: Ctx, cur: ConfigDatum): Promise<{ kind: ProposalKind; next: ConfigDatum; lines: string[]; changes: unknown[] }> {
  const { fields, governance, fixed } = await requestedConfig(ctx);
  for (const k of ["poolScript", "lockScript"] as const) {
    if (fields[k] !== undefined && fields[k] !== cur[k]) throw new UsageError(`${k} cannot change (the pool and lock scripts are immutable): the file says ${fields[k]}, the config has ${cur[k]}`);
  }
  const asText = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : typeof x === "number" ? String(x) : x));
  for (const [k, v] of Object.entries(fixed)) {
    const have = cur.governance[k as (typeof FIXED_GOV)[number]];
    if (asText(v) !== asText(have)) throw new UsageError(`governance.${k} never changes: the file says ${asText(v)}, the config has ${asText(have)}`);
  }
  const { nextConfig } = await import("../../tx/config/params.js");
  const { configProblems, configToData, guardrailProblems } = await import("../../codec/data.js");
  const { describeConfigChange } = await import("../../governance/readers.js");
  const input: NextInput = {
    weightsBps: fields.weightsBps ?? cur.weightsBps,
    levelCapsPack: fields.levelCapsPack ?? cur.levelCapsPack,
    operators: fields.operators ?? cur.operators,
    governors: fields.governors ?? cur.governors,
    quorum: fields.quorum ?? cur.quorum,
    claimWindowMs: fields.claimWindowMs ?? cur.claimWindowMs,
    rewardAttestor: fields.rewardAttestor !== undefined ? fields.rewardAttestor : cur.rewardAttestor,
    governance,
  };
  const next = nextConfig(cur, input);
  const problems = [...configProblems(next), ...guardrailProblems(cur, next, true)];
  if (problems.length > 0) throw new UsageError(`the proposed config breaks the rules: ${problems.join("; ")}`);
  const diff = describeConfigChange(cur, next);
  if (diff.length === 0) throw new UsageError("nothing changes: the proposed config equals the current one");
  return {
    kind: { type: "config", newConfig: configToData(next), replacesVersion: cur.version },
    next,
    lines: [`changes (old → new), config version ${cur.version} → ${next.version}:`, ...diff.map((c) => `  ${c.text}`)],
    changes: diff.map(({ field, before, after }) => ({ field, before, after })),
  };
}

export const govProposeCommand: Command = {
  name: "gov-propose",
  summary: "open a governance proposal: a config change, a treasury grant, or a text",
  description: `Opens a proposal from the commitment --commitment (owned by --key; default: the key's commitment with the
most power), whose power now must reach the config's proposal threshold. The config's deposit stays with
the proposal and returns to --key's address if it reaches quorum, else goes to the treasury. Kinds:
  config change: --config-file FILE (config fields as for config-update, and a "governance" object with
    the settings to change) and/or --weights, --caps, --claim-window-ms, --quorum, --operators,
    --governors, --reward-attestor: the current config with those fields changed (version + 1). It must
    be well-formed and within the guardrails; the old → new value of every changed field is printed.
  grant: --grant-to KEYHASH|ADDRESS --milestone EPOCH:JET[,EPOCH:JET…]: the recipient may take each
    amount from its epoch on (grant withdraw), paid from the treasury when the proposal executes.
  text: --text-hash HEX (32 bytes) or --text-file FILE (its blake2b-256).
Voting lasts the config's voting epochs from now; then the timelock (tally, veto); then execution.`,
  flags: txCommandFlags("proposer's signing key: owns the commitment, pays the fee and the deposit", [
    { name: "commitment", type: "string", value: "ID", description: `the proposer's commitment, ${ID_TEXT} (default: the key's most powerful)` },
    { name: "config-file", type: "string", value: "FILE", description: "config change: JSON with the fields to change (and \"governance\": { settings })" },
    { name: "weights", type: "string", value: "W1,W2,W3", description: "config change: new weights in basis points (sum 10000)" },
    { name: "caps", type: "string", value: "C1,…,C9", description: "config change: new level caps in Pack" },
    { name: "claim-window-ms", type: "integer", value: "MS", description: "config change: new claim window, in ms" },
    { name: "quorum", type: "integer", value: "N", description: "config change: new governor quorum" },
    { name: "operators", type: "string", value: "LIST", description: "config change: new operators (key hashes or addresses)" },
    { name: "governors", type: "string", value: "LIST", description: "config change: new governors (key hashes or addresses)" },
    { name: "reward-attestor", type: "string", value: "PKH|none", description: "config change: new reward attestor, or none" },
    { name: "grant-to", type: "string", value: "KEYHASH|ADDRESS", description: "grant: the recipient" },
    { name: "milestone", type: "string", value: "EPOCH:JET,…", description: "grant: the milestones EPOCH:JET (from that epoch on the recipient may take that Jet, up to 6 decimals), comma-separated, epochs ascending" },
    { name: "text-hash", type: "string", value: "HEX", description: "text: the 32-byte hash of the document" },
    { name: "text-file", type: "string", value: "FILE", description: "text: a document whose blake2b-256 is proposed" },
  ]),
  examples: [
    "gov-propose --key holder.sk --weights 4000,4000,2000 --dry-run",
    "gov-propose --key holder.sk --grant-to addr_test1… --milestone 40:5000,46:5000",
    "gov-propose --key holder.sk --text-file charter.md --commitment 3f2a9c10",
  ],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      idFlag(args, "commitment", false);
      const isConfig = CONFIG_FLAGS.some((f) => args.has(f));
      const isGrant = args.has("grant-to") || args.has("milestone");
      const isText = args.has("text-hash") || args.has("text-file");
      const kinds = [isConfig, isGrant, isText].filter(Boolean).length;
      if (kinds === 0) throw new UsageError("nothing to propose: give a config change (--config-file, --weights, …), a grant (--grant-to and --milestone) or a text (--text-hash or --text-file)");
      if (kinds > 1) throw new UsageError("one proposal is one kind: a config change, a grant or a text, not several");
      let preKind: ProposalKind | undefined;
      if (isGrant) {
        if (!args.has("grant-to") || !args.has("milestone")) throw new UsageError("a grant needs both --grant-to and --milestone");
        preKind = { type: "grant", recipient: await keyHashOf(args.string("grant-to")!, "--grant-to"), milestones: parseMilestones(args.string("milestone")!) };
      }
      if (isText) {
        if (args.has("text-hash") && args.has("text-file")) throw new UsageError("give either --text-hash or --text-file");
        let hash = args.string("text-hash")?.toLowerCase();
        if (hash !== undefined && !/^[0-9a-f]{64}$/.test(hash)) throw new UsageError(`flag --text-hash: expected 32 bytes (64 hex digits), got ${JSON.stringify(hash.slice(0, 80))}`);
        if (hash === undefined) {
          const { readFileSync } = await import("node:fs");
          const { resolve } = await import("node:path");
          const { blake2b256, toHex } = await import("../../merkle/hash.js");
          let bytes: Buffer;
          try {
            bytes = readFileSync(resolve(io.cwd, args.string("text-file")!));
          } catch (e) {
            throw new UsageError(`cannot read --text-file ${args.string("text-file")}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
          }
          hash = toHex(blake2b256(new Uint8Array(bytes)));
        }
        preKind = { type: "text", hash };
      }
      if (isConfig) await requestedConfig(ctx); // the flags and the file, checked before connecting

      const s = await openGovWithKey(ctx, ["governance"]);
      const { readCommitments } = await import("../../governance/readers.js");
      const { readState } = await import("../../readers.js");
      const { powerAt } = await import("../../tx/governance/common.js");
      const { propose } = await import("../../tx/governance/propose.js");
      const g = s.config.datum.governance;
      const mine = await readCommitments(s.chain.lucid, s.p, s.key.pkh);
      const cid = idFlag(args, "commitment", false);
      const power = (c: (typeof mine)[number]) => powerAt(c.datum.amount, c.datum.lockEnd, s.epoch, g.maxLockEpochs);
      let c;
      if (cid !== undefined) {
        c = pick(await readCommitments(s.chain.lucid, s.p), cid, "commitment");
        if (!("key" in c.datum.owner) || c.datum.owner.key !== s.key.pkh) throw new UsageError(`commitment ${c.id} is not owned by key ${s.key.file} (${s.key.pkh})`);
      } else {
        c = [...mine].sort((a, b) => (power(b) > power(a) ? 1 : power(b) < power(a) ? -1 : 0))[0];
        if (!c) throw new UsageError(`key ${s.key.file} (${s.key.pkh}) owns no commitment: create one first (ve create)`);
      }
      let extra: { lines: string[]; changes?: unknown[] } = { lines: [] };
      let kind = preKind;
      if (isConfig) {
        const k = await configKind(ctx, s.config.datum);
        kind = k.kind;
        extra = { lines: k.lines, changes: k.changes };
      }
      if (kind!.type === "grant") {
        const { readTreasury } = await import("../../governance/readers.js");
        const t = await readTreasury(s.chain.lucid, s.p);
        const total = kind!.milestones.reduce((a, m) => a + m.amount, 0n);
        extra.lines = kind!.milestones.map((m, i) => `  milestone ${i + 1}: ${jetText(m.amount)} from epoch ${m.epoch}`);
        if (t.jetPack < total) ctx.say(`warning: the treasury holds ${jetText(t.jetPack)}, less than the grant's ${jetText(total)}; it can execute only once the treasury holds enough`);
      }
      const [state] = await Promise.all([readState(s.chain.lucid, s.p)]);
      const plan = propose({ protocol: s.p, configUtxo: s.config.utxo, stateUtxo: state.utxo, commitment: c.utxo, kind: kind!, returnTo: s.wallet.address, seed: seedOf(s.wallet.utxos), nowMs: s.nowMs });
      const voteEnd = s.epoch + g.votingEpochs - 1n;
      const execStart = voteEnd + g.timelockEpochs + 1n;
      const execEnd = execStart + g.executionEpochs - 1n;
      ctx.say(`proposing from commitment ${c.id.slice(0, 12)}… (power ${powerText(power(c))}, threshold ${powerText(g.proposalThreshold)})`);
      const built = await buildOne(s, plan, `propose: ${kindText(kind!)}`);
      const submitted = await submitAll(ctx, s.chain, [built], [s.key]);
      await report(
        ctx,
        [built],
        submitted,
        {
          proposal: plan.id,
          kind: kindJson(kind!),
          commitment: c.id,
          depositLovelace: g.depositLovelace.toString(),
          snapshot: s.epoch.toString(),
          voteEnd: voteEnd.toString(),
          execStart: execStart.toString(),
          execEnd: execEnd.toString(),
          ...(extra.changes ? { changes: extra.changes } : {}),
        },
        [
          `proposal ${plan.id}: ${kindText(kind!)}`,
          ...extra.lines,
          `voting epochs ${s.epoch}..${voteEnd}, timelock (tally, veto) ${voteEnd + 1n}..${execStart - 1n}, execution ${execStart}..${execEnd}; deposit ${Number(g.depositLovelace) / 1e6} ADA`,
        ],
      );
    }),
};
