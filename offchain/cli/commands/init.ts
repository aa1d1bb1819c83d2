// Why: a deployer creates a JetPack instance once: genesis (spends the seed UTxO, mints the
// state and config NFTs, writes state (0,0,0) and the config) and the eight reference
// scripts later transactions read. Everything later commands need goes into the deployment
// file. How: genesis first (it attaches the emission script, so a wallet with a single UTxO
// can deploy), then one publish transaction per script, each paying from the previous one's
// change — all built and evaluated before the first is submitted.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { type Command, UsageError } from "../command.js";
import {
  connectChain,
  DRY_RUN_FLAG,
  TX_OUT_FLAG,
  guarded,
  JSON_FLAG,
  keyFlag,
  makeCtx,
  networkOptions,
  NETWORK_FLAGS,
  QUIET_FLAG,
  readJsonInput,
  report,
  requireKey,
  submitAll,
  WAIT_FLAG,
  walletOf,
} from "../../net/cli.js";
import { DEFAULT_DEPLOYMENT_FILE } from "../../net/flags.js";
import type { ConfigInput } from "../../net/inputs.js"; // it and deployment.js load Lucid: imported in run()
import { parseGenesis } from "./schedule.js";
import { govSettingsJson, parseGovSettings } from "../../governance/settings.js";
import { DEFAULT_GOV_SETTINGS, type GovSettings } from "../../tx/config/params.js";

const DAY_MS = 86_400_000n;

function listFlag(parseKeyList: typeof import("../../net/inputs.js").parseKeyList, raw: string | undefined, flag: string): string[] | undefined {
  if (raw === undefined) return undefined;
  return parseKeyList(
    raw.split(",").map((s) => s.trim()),
    `--${flag}`,
  );
}

export const initCommand: Command = {
  name: "init",
  summary: "deploy JetPack: genesis (state + config, lock rules and exchange registered) and the eight reference scripts; writes the deployment file",
  description: `Builds, evaluates and submits nine transactions paid by --key: the genesis (spends the seed UTxO —
by default the wallet's first ADA-only UTxO —, mints the JetState and JetConfig NFTs, creates the state
(0, 0, 0) and the config, registers the lock rules' and the exchange's stake credentials) and one transaction per script
(emission, config, pool, lock, lock rules, governance, treasury, exchange) that stores it as a reference script at an unspendable address.
With --out FILE the nine are written unsigned (FILE-1 … FILE-9, to sign and submit in that order) and the
deployment file is written at once. Then writes the deployment file (network, seed,
genesis time, script hashes and addresses, reference-script UTxOs, the validators' compiled code) that
every later command reads. The config comes from --config FILE ({ weightsBps, levelCapsPack,
operators, governors, quorum, claimWindowMs, rewardAttestor, governance }; keys as key hashes or
addresses) and the flags below; "governance" sets the governance settings ({ maxLockEpochs,
proposalThreshold, depositLovelace, votingEpochs, timelockEpochs, executionEpochs, quorumBps,
approvalBps, sunsetEpoch, ownerScripts, disputeEpochs, exchangeFeeBps, discountTiers: [{ minPower, bps }],
guardrails: { capMinPack, capMaxPack,
claimWindowMinMs, claimWindowMaxMs, maxChangeBps, weightStepBps } }, each optional, defaults in
docs/cli.md); by default the deployer is the only operator and governor (quorum 1), the claim window
is 3 days, weights 5000/3000/2000, caps 30,000 … 1,000 Jet. Epoch 1 starts at --genesis (default:
now, in chain time).`,
  flags: [
    keyFlag("deployer's signing key; pays and owns the seed UTxO"),
    { name: "deployment", type: "string", value: "FILE", description: `where to write the deployment file (default $JETPACK_DEPLOYMENT or ${DEFAULT_DEPLOYMENT_FILE})` },
    { name: "force", type: "boolean", description: "overwrite an existing deployment file" },
    { name: "config", type: "string", value: "FILE", description: "initial config JSON (fields optional; flags below override)" },
    { name: "operators", type: "string", value: "LIST", description: "comma-separated operator key hashes or addresses (default: the deployer)" },
    { name: "governors", type: "string", value: "LIST", description: "comma-separated governor key hashes or addresses (default: the deployer)" },
    { name: "quorum", type: "integer", value: "N", description: "governor signatures a config update needs (default 1)" },
    { name: "claim-window-ms", type: "integer", value: "MS", description: "how long after an epoch's start its allocations can be claimed, in ms (default 3 days)" },
    { name: "genesis", type: "string", value: "TIME", description: "start of epoch 1: YYYY-MM-DD, ISO UTC time or POSIX ms (default: now)" },
    { name: "seed", type: "string", value: "TXHASH#IX", description: "the wallet UTxO the genesis spends (default: the first ADA-only one)" },
    { name: "blueprint", type: "string", value: "FILE", description: "CIP-57 blueprint with the validators (default: the package's plutus.json)" },
    { name: "lock-rules-registered", type: "boolean", description: "the lock rules' stake credential is already registered (someone did it first): leave the certificate out" },
    DRY_RUN_FLAG,
    TX_OUT_FLAG,
    JSON_FLAG,
    QUIET_FLAG,
    WAIT_FLAG,
    ...NETWORK_FLAGS,
  ],
  examples: [
    "init --network local --key .devnet/wallet-0.sk --dry-run",
    "init --network preprod --key deployer.skey --config config.json --deployment preprod.json",
  ],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const { parseConfigInput, parseKeyList } = await import("../../net/inputs.js");
      const { SCRIPT_NAMES } = await import("../../net/deployment.js");
      // Everything that can be checked offline first.
      const out = args.string("deployment") ?? ctx.env.JETPACK_DEPLOYMENT ?? DEFAULT_DEPLOYMENT_FILE;
      if (!ctx.dryRun && existsSync(resolve(io.cwd, out)) && !args.boolean("force"))
        throw new UsageError(`deployment file ${out} already exists (use --force to overwrite, or --deployment FILE)`);
      // The config file may carry a "governance" object beside the config fields.
      let govInput: Partial<GovSettings> | undefined;
      const fileInput: ConfigInput = args.string("config")
        ? readJsonInput(ctx, args.string("config")!, (raw) => {
            if (typeof raw === "object" && raw !== null && !Array.isArray(raw) && "governance" in raw) {
              const { governance, ...rest } = raw as Record<string, unknown>;
              govInput = parseGovSettings(governance, "governance");
              return parseConfigInput(rest);
            }
            return parseConfigInput(raw);
          })
        : {};
      const operators = listFlag(parseKeyList, args.string("operators"), "operators") ?? fileInput.operators;
      const governors = listFlag(parseKeyList, args.string("governors"), "governors") ?? fileInput.governors;
      const quorumFlag = args.integer("quorum");
      const windowFlag = args.integer("claim-window-ms");
      if (quorumFlag !== undefined && quorumFlag < 1) throw new UsageError(`flag --quorum: must be ≥ 1, got ${quorumFlag}`);
      if (windowFlag !== undefined && windowFlag < 1) throw new UsageError(`flag --claim-window-ms: must be > 0, got ${windowFlag}`);
      let genesisMs: number | undefined;
      if (args.string("genesis") !== undefined) {
        try {
          genesisMs = parseGenesis(args.string("genesis"));
        } catch {
          throw new UsageError(`flag --genesis: expected YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS]Z or POSIX milliseconds, got ${JSON.stringify(args.string("genesis"))}`);
        }
      }
      const seedFlag = args.string("seed");
      if (seedFlag !== undefined && !/^[0-9a-f]{64}#\d+$/.test(seedFlag)) throw new UsageError(`flag --seed: expected TXHASH#INDEX, got ${JSON.stringify(seedFlag.slice(0, 100))}`);

      const { resolveProvider } = await import("../../net/network.js");
      const cfg = resolveProvider(networkOptions(args), ctx.env, io.cwd);
      const key = await requireKey(ctx);
      const { compiledValidators } = await import("../../net/open.js");
      let compiled;
      try {
        compiled = args.string("blueprint") ? compiledValidators(args.string("blueprint")!, io.cwd) : compiledValidators();
      } catch (e) {
        throw new UsageError(`blueprint: ${(e as Error).message.split("\n")[0]}`);
      }

      const chain = await connectChain(ctx, cfg);
      const { DEFAULT_LEVEL_CAPS_PACK } = await import("../../economics/scoring.js");
      const { instantiate } = await import("../../protocol.js");
      const { genesis } = await import("../../tx/genesis.js");
      const { publishScripts, referenceHolderAddress } = await import("../../tx/publish.js");
      const { buildChain } = await import("../../net/tx.js");
      const { deploymentFromProtocol, writeDeployment, formatOutRef } = await import("../../net/deployment.js");

      const wallet = await walletOf(chain, key);
      if (wallet.utxos.length === 0) throw new UsageError(`insufficient ADA: wallet ${wallet.address} (${key.file}) holds no UTxOs`);
      let seed;
      if (seedFlag) {
        seed = wallet.utxos.find((u) => `${u.txHash}#${u.outputIndex}` === seedFlag);
        if (!seed) throw new UsageError(`flag --seed: ${seedFlag} is not an unspent UTxO of wallet ${wallet.address}`);
      } else {
        const adaOnly = wallet.utxos.filter((u) => Object.keys(u.assets).length === 1 && !u.scriptRef).sort((a, b) => (a.txHash + a.outputIndex < b.txHash + b.outputIndex ? -1 : 1));
        seed = adaOnly[0] ?? wallet.utxos[0]!;
      }
      const nowMs = await chain.now();
      const genesisTimeMs = BigInt(genesisMs ?? Math.floor(nowMs / 1000) * 1000);
      const protocol = instantiate(compiled, { seed: { txHash: seed.txHash, outputIndex: seed.outputIndex }, genesisTimeMs, network: cfg.lucidNetwork });
      const config = {
        weightsBps: fileInput.weightsBps ?? [5000n, 3000n, 2000n],
        levelCapsPack: fileInput.levelCapsPack ?? [...DEFAULT_LEVEL_CAPS_PACK],
        operators: operators ?? [key.pkh],
        governors: governors ?? [key.pkh],
        quorum: quorumFlag !== undefined ? BigInt(quorumFlag) : (fileInput.quorum ?? 1n),
        claimWindowMs: windowFlag !== undefined ? BigInt(windowFlag) : (fileInput.claimWindowMs ?? 3n * DAY_MS),
        rewardAttestor: fileInput.rewardAttestor ?? null,
        ...(govInput ? { governance: govInput } : {}),
      };
      const holder = referenceHolderAddress(cfg.lucidNetwork);
      ctx.say(`building genesis (seed ${formatOutRef(seed)}, epoch 1 starts ${new Date(Number(genesisTimeMs)).toISOString()}) and ${SCRIPT_NAMES.length} reference-script transactions`);
      const plans = [
        { plan: genesis({ protocol, seed, config, registerLockRules: !args.boolean("lock-rules-registered") }), label: "genesis: state and config" },
        ...publishScripts({ protocol }).map(({ name, plan }) => ({ plan, label: `publish the ${name} reference script` })),
      ];
      const built = await buildChain({ lucid: chain.lucid, protocol, plans, walletAddress: wallet.address, walletUtxos: wallet.utxos, referenceHolder: holder });
      const names = SCRIPT_NAMES;
      const refs = Object.fromEntries(
        names.map((n, i) => {
          const b = built[i + 1]!;
          const o = b.outputs.find((u) => u.scriptRef && u.address === holder);
          if (!o) throw new Error(`publish transaction of ${n} has no reference-script output`);
          return [n, { txHash: o.txHash, outputIndex: o.outputIndex }];
        }),
      ) as Record<(typeof names)[number], { txHash: string; outputIndex: number }>;
      const deployment = deploymentFromProtocol({
        network: cfg.network,
        protocol,
        compiled,
        references: refs,
        referenceHolder: holder,
        transactions: { genesis: built[0]!.hash, publish: Object.fromEntries(names.map((n, i) => [n, built[i + 1]!.hash])) },
      });
      // With --out the transactions are only written; the deployment file is written with them
      // (it describes the instance the genesis file creates once submitted).
      if (args.has("out") && !ctx.dryRun) {
        writeDeployment(out, deployment, io.cwd);
        ctx.say(`wrote ${out} (the instance exists once the genesis transaction is submitted)`);
      }
      const submitted = await submitAll(ctx, chain, built, [key], (i) => {
        // The deployment exists once the genesis is accepted: record it before anything else.
        if (i !== 0) return;
        writeDeployment(out, deployment, io.cwd);
        ctx.say(`wrote ${out}`);
      });
      const facts = {
        deployment: ctx.dryRun ? null : out,
        network: cfg.network,
        seed: formatOutRef(seed),
        genesisTimeMs: genesisTimeMs.toString(),
        jetPolicy: protocol.jetPolicy,
        scripts: deployment.scripts,
        config: {
          weightsBps: config.weightsBps.map(String),
          levelCapsPack: config.levelCapsPack.map(String),
          operators: config.operators,
          governors: [...config.governors].sort(),
          quorum: config.quorum.toString(),
          claimWindowMs: config.claimWindowMs.toString(),
          rewardAttestor: config.rewardAttestor,
          governance: govSettingsJson({ ...DEFAULT_GOV_SETTINGS, ...govInput }),
        },
      };
      await report(ctx, built, submitted, facts, [
        `network ${cfg.network}, Jet policy ${protocol.jetPolicy}`,
        `epoch 1 starts ${new Date(Number(genesisTimeMs)).toISOString()} (${genesisTimeMs})`,
        ctx.dryRun ? `deployment file not written (dry run)` : `deployment file ${out}`,
      ]);
    }),
};
