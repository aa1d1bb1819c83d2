/**
 * `jetpack devnet`: starts the local devnet (./server.ts), writes funded test wallets and
 * devnet.json into a folder, and serves until SIGINT / SIGTERM.
 *
 * Why: SDK and CLI runs in other processes need a chain to talk to; they read the URL,
 * project id and wallet files from the folder. Secrets only go to 0600 files, never to the
 * terminal.
 *
 * `devnetCommand` is a router `Command` (offchain/cli/command.ts). It is registered in
 * offchain/cli/commands/index.ts (BUILTIN_COMMANDS); it loads Lucid only inside run(), so
 * `jetpack --help` stays fast. Output goes to `io.err`, which the router writes at once,
 * because `io.out` is buffered until a command ends and this one runs until stopped.
 *
 * This file also runs on its own, through the same router: `tsx offchain/devnet/cli.ts [flags]`.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type Command, type CommandIO, type FlagSpec, type ParsedArgs, UsageError } from "../cli/command.js";
import type { Devnet } from "./server.js";
import type { WalletKind } from "./wallets.js";

/** What the devnet command reads from the router's ParsedArgs. */
export type DevnetArgs = Pick<ParsedArgs, "string" | "integer" | "boolean">;

const FLAGS: readonly FlagSpec[] = [
  { name: "port", type: "integer", value: "N", description: "TCP port on 127.0.0.1 (default 0: any free port; see devnet.json)" },
  { name: "dir", type: "string", value: "DIR", description: "folder for devnet.json and wallet files (default .devnet)" },
  { name: "wallets", type: "integer", value: "N", description: "number of funded wallets (default 3)" },
  { name: "wallet-type", type: "string", value: "key|seed", description: "key: ed25519 signing key files (*.sk); seed: 24-word phrases (*.seed). Default key" },
  { name: "ada", type: "integer", value: "ADA", description: "ADA per wallet (default 100000)" },
  { name: "block-interval-ms", type: "integer", value: "MS", description: "a block every MS ms; 0 = right after each submitted transaction (default 1000)" },
  { name: "clock", type: "string", value: "wall|manual", description: "wall: chain time follows the wall clock (+ advances); manual: only advances move it (default wall)" },
  { name: "start-time", type: "string", value: "TIME", description: "chain time at start: ISO-8601 UTC or POSIX ms (default now)" },
  { name: "project-id", type: "string", value: "ID", description: "Blockfrost project id clients must send (default random)" },
  { name: "verbose", type: "boolean", description: "log every API request on stderr (off by default)" },
  { name: "quiet", type: "boolean", description: "no request log (the default; kept for older scripts)" },
];

export interface DevnetCliOptions {
  port: number;
  dir: string;
  wallets: number;
  walletType: WalletKind;
  lovelace: bigint;
  blockIntervalMs: number;
  clock: "wall" | "manual";
  startTimeMs?: number;
  projectId?: string;
  quiet: boolean;
  verbose: boolean;
}

export function devnetOptions(args: DevnetArgs, cwd: string): DevnetCliOptions {
  const port = args.integer("port") ?? 0;
  if (port < 0 || port > 65535) throw new UsageError(`flag --port: expected 0…65535, got ${port}`);
  const wallets = args.integer("wallets") ?? 3;
  if (wallets < 1 || wallets > 1000) throw new UsageError(`flag --wallets: expected 1…1000, got ${wallets}`);
  const wt = args.string("wallet-type") ?? "key";
  if (wt !== "key" && wt !== "seed") throw new UsageError(`flag --wallet-type: expected key or seed, got ${JSON.stringify(wt)}`);
  const ada = args.integer("ada") ?? 100_000;
  if (ada < 1 || ada > 1_000_000_000) throw new UsageError(`flag --ada: expected 1…1000000000, got ${ada}`);
  const blockIntervalMs = args.integer("block-interval-ms") ?? 1000;
  if (blockIntervalMs < 0) throw new UsageError(`flag --block-interval-ms: expected ≥ 0, got ${blockIntervalMs}`);
  const clock = args.string("clock") ?? "wall";
  if (clock !== "wall" && clock !== "manual") throw new UsageError(`flag --clock: expected wall or manual, got ${JSON.stringify(clock)}`);
  const st = args.string("start-time");
  let startTimeMs: number | undefined;
  if (st !== undefined) {
    startTimeMs = /^\d+$/.test(st) ? Number(st) : Date.parse(st);
    if (!Number.isSafeInteger(startTimeMs)) throw new UsageError(`flag --start-time: expected ISO-8601 UTC or POSIX ms, got ${JSON.stringify(st)}`);
  }
  return {
    port,
    dir: resolve(cwd, args.string("dir") ?? ".devnet"),
    wallets,
    walletType: wt === "seed" ? "seed" : "privateKey",
    lovelace: BigInt(ada) * 1_000_000n,
    blockIntervalMs,
    clock,
    startTimeMs,
    projectId: args.string("project-id"),
    quiet: args.boolean("quiet"),
    verbose: args.boolean("verbose"),
  };
}

/** Starts the devnet and prints where it is (stderr lines; no secrets). */
export async function launchDevnet(o: DevnetCliOptions, err: (t: string) => void): Promise<Devnet> {
  // Loaded here, not at the top: `jetpack --help` must not load Lucid.
  const { startDevnet } = await import("./server.js");
  const { walletFileName, walletSpecsFromDir } = await import("./wallets.js");
  const devnet = await startDevnet({
    port: o.port,
    host: "127.0.0.1",
    // Reuses wallet-N.sk / wallet-N.seed already in the folder: a restart funds the same addresses.
    wallets: await walletSpecsFromDir(o.dir, o.wallets, o.walletType, o.lovelace),
    dir: o.dir,
    blockIntervalMs: o.blockIntervalMs,
    clock: o.clock,
    startTimeMs: o.startTimeMs,
    projectId: o.projectId,
    log: o.verbose && !o.quiet ? (line) => err(`devnet: ${line}\n`) : undefined,
  });
  const sc = devnet.slotConfig;
  const lines = [
    `devnet: listening on ${devnet.url}`,
    `devnet: project id ${devnet.projectId}`,
    `devnet: network Preprod (slot config zeroTime ${sc.zeroTime}, zeroSlot ${sc.zeroSlot}, slotLength ${sc.slotLength}); ` +
      `clock ${o.clock}, block every ${o.blockIntervalMs || "submit"}${o.blockIntervalMs ? " ms" : ""}`,
    ...devnet.wallets.map((w) => `devnet: ${w.name} ${w.address} (${walletFileName(w)})`),
    `devnet: wrote ${devnet.infoFile}`,
    `devnet: running; Ctrl-C (SIGINT) or SIGTERM stops it`,
  ];
  err(lines.join("\n") + "\n");
  return devnet;
}

/** Listens for the first SIGINT or SIGTERM (or `signal` aborting); `dispose` removes the listeners. */
function untilStopped(signal?: AbortSignal): { stopped: Promise<string>; dispose: () => void } {
  let dispose = () => {};
  const stopped = new Promise<string>((res) => {
    const onInt = () => stop("SIGINT");
    const onTerm = () => stop("SIGTERM");
    const onAbort = () => stop("abort");
    dispose = () => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      signal?.removeEventListener("abort", onAbort);
    };
    const stop = (why: string) => {
      dispose();
      res(why);
    };
    process.on("SIGINT", onInt);
    process.on("SIGTERM", onTerm);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
  return { stopped, dispose };
}

export async function runDevnet(args: DevnetArgs, io: Pick<CommandIO, "err" | "cwd">, signal?: AbortSignal): Promise<void> {
  const o = devnetOptions(args, io.cwd);
  // Listen first: a signal that arrives while starting (or right after the "running" line) still stops cleanly.
  const { stopped, dispose } = untilStopped(signal);
  let devnet: Devnet;
  try {
    devnet = await launchDevnet(o, io.err);
  } catch (e) {
    dispose();
    throw e;
  }
  const why = await stopped;
  await devnet.close();
  io.err(`devnet: stopped (${why})\n`);
}

export const devnetCommand: Command = {
  name: "devnet",
  summary: "run a local devnet (Blockfrost API on 127.0.0.1) with funded test wallets",
  description: `Starts a local chain (Lucid's Emulator with Plutus phase-2 checks) behind the subset of the
Blockfrost API that Lucid's Blockfrost provider uses, on 127.0.0.1 only. Writes DIR/devnet.json
(url, projectId, slot config, wallet addresses) and one secret file per wallet (mode 0600):
wallet-N.sk (bech32 ed25519 signing key) or wallet-N.seed (seed phrase). Clients use
Lucid(new Blockfrost(url, projectId), "Preprod"). Chain time: GET url/devnet/info; move it with
POST url/devnet/advance {"ms": N}. Runs until SIGINT or SIGTERM. See docs/devnet.md.`,
  flags: FLAGS,
  examples: ["devnet", "devnet --port 3337 --dir .devnet --wallets 5", "devnet --clock manual --block-interval-ms 0"],
  run: (args, io) => runDevnet(args, io),
};

// Run directly (`tsx offchain/devnet/cli.ts [flags]`): the same router, flags and help as `jetpack devnet`.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { registerCommand } = await import("../cli/registry.js");
  const { runCli } = await import("../cli/run.js");
  registerCommand(devnetCommand);
  process.exitCode = await runCli(["devnet", ...process.argv.slice(2)], {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    cwd: process.cwd(),
  });
}
