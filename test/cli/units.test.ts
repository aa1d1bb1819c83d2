// Why: one spelling per concept. A user reading `jetpack <command> --help` must see, on every
// amount and every time, which unit it is in (Jet or Pack? ADA or lovelace? ms, seconds or
// epochs?), and the same concept must have the same flag name on every command, or scripts
// mix up `--jet` with `--amount` and 5 with 5,000,000.
// How: every flag of every registered command (BUILTIN_COMMANDS, loaded in-process) must be
// classified in the table below — a concept with its allowed flag names, the placeholder its
// value shows and the unit its description must state — or listed as not an amount. A new
// flag therefore fails here until someone decides which concept it is: reuse the concept's
// flag name, or add the new name to the table with the reason. The prose of every help text
// spells the units one way: Jet, Pack, ADA, lovelace.
import { describe, expect, it } from "vitest";
import { BUILTIN_COMMANDS } from "../../offchain/cli/commands/index.js";
import type { Command, FlagSpec } from "../../offchain/cli/command.js";
import { commandHelp, globalHelp } from "../../offchain/cli/help.js";
import { loadCommand } from "../../offchain/cli/registry.js";

interface Concept {
  /** Flag names ("jet") or, where one name means different things on different commands, "command --flag". */
  readonly flags: readonly string[];
  /** The value placeholder(s) --help shows for it. */
  readonly value: readonly string[];
  /** What the description must say. */
  readonly unit: RegExp;
  /** Why these names (and not one) where there are several. */
  readonly why?: string;
}

const CONCEPTS: Record<string, Concept> = {
  "an amount of Jet": {
    flags: ["jet", "min-jet", "amount"],
    value: ["JET"],
    unit: /\bJet\b.*6 decimals|least Jet/,
    why: "--jet where a command moves Jet and ADA (exchange, treasury-donate: the flag names the token); --amount is a veJet commitment's size (ve-create, ve-add move Jet only); kept: the flag parser has no aliases, and scripts use it",
  },
  "an amount of Pack": { flags: ["f-total-pack", "caps"], value: ["PACK", "C1,…,C9"], unit: /\bin Pack\b/ },
  "an amount of ADA": { flags: ["ada"], value: ["ADA"], unit: /\bADA\b/ },
  "an amount of lovelace": { flags: ["lovelace-per-payout"], value: ["LOVELACE"], unit: /\blovelace\b/ },
  "a price": { flags: ["price", "max-price", "min-price"], value: ["PRICE"], unit: /\bADA per Jet\b/ },
  "basis points": { flags: ["weights"], value: ["W1,W2,W3"], unit: /\bbasis points\b/ },
  "a point in time": {
    flags: ["expires", "start-time", "genesis", "devnet-time --to"],
    value: ["TIME"],
    unit: /POSIX ms/,
    why: "named after what the time is: an order's expiry, the devnet's start, epoch 1's start; devnet-time --to moves the clock to it",
  },
  "a duration from now": {
    flags: ["expires-in", "advance"],
    value: ["DURATION"],
    unit: /\b1epoch\b.*\bms\b/,
    why: "--expires-in is --expires relative to chain time; devnet-time --advance moves the clock by it",
  },
  "a duration in ms": { flags: ["claim-window-ms", "block-interval-ms"], value: ["MS"], unit: /\bms\b/, why: "the name says ms: values are large integers" },
  "a wait in seconds": { flags: ["wait-s"], value: ["S"], unit: /\bseconds\b/ },
  "an epoch number": {
    flags: ["epoch", "until", "schedule --from", "schedule --to"],
    value: ["N", "M", "EPOCH"],
    unit: /\bepoch\b/,
    why: "--epoch picks one epoch; ve --until is a lock's end (withdrawable from then); schedule --from/--to a range",
  },
  "a number of epochs": {
    flags: ["lock-epochs"],
    value: ["N"],
    unit: /\bepochs\b/,
    why: "ve-create/ve-extend: the lock's length, the other way to give its end (--until)",
  },
};

/** Not amounts or times: files, keys, ids, switches, choices, counts of things. */
const NOT_AMOUNTS = new Set([
  // files, keys, ids, addresses, URLs
  ...["allocation", "allocation-out", "allocations", "attestor-key", "blueprint", "commitment", "config", "config-file", "csv", "deployment", "devnet", "dir"],
  ...["governors", "grant", "grant-to", "id", "input", "invoice", "key", "keys", "metrics", "operators", "order", "out", "owner", "payer", "project-id"],
  ...["proposal", "reward-attestor", "seed", "service", "services", "sign-with", "signers", "text-file", "text-hash", "tx", "witness", "witness-out"],
  ...["network", "provider", "blockfrost-url", "kupo-url", "ogmios-url", "koios-url"],
  // switches and choices (jet|ada, jet|pack, key|seed, wall|manual)
  ...["all", "allow-repeats", "dry-run", "force", "json", "lock-rules-registered", "no", "offline", "quiet", "resume", "submit", "verbose", "yes"],
  ...["in", "unit", "wallet-type", "clock"],
  // counts of things (payouts, pools, orders, receipts, leaves, wallets, signatures) and a port
  ...["max-per-tx", "max-pools", "max-orders", "max-receipts", "depth", "leaves", "leaves-per-shard", "proofs", "wallets", "quorum", "port"],
  // grant milestones: EPOCH:JET pairs (checked below)
  "milestone",
]);

async function commands(): Promise<Command[]> {
  return Promise.all(BUILTIN_COMMANDS.map((e) => loadCommand(e)));
}

function conceptOf(command: string, flag: string): string[] {
  return Object.entries(CONCEPTS)
    .filter(([, c]) => c.flags.includes(`${command} --${flag}`) || (c.flags.includes(flag) && !Object.values(CONCEPTS).some((o) => o.flags.includes(`${command} --${flag}`))))
    .map(([name]) => name);
}

describe("units: every amount and time flag states its unit, one flag name per concept", () => {
  it("every flag of every command is in exactly one concept, or listed as not an amount", async () => {
    const problems: string[] = [];
    for (const c of await commands())
      for (const f of c.flags) {
        const k = conceptOf(c.name, f.name);
        if (k.length > 1) problems.push(`${c.name} --${f.name}: in ${k.join(" and ")}`);
        if (k.length === 0 && !NOT_AMOUNTS.has(f.name)) problems.push(`${c.name} --${f.name} (${f.description}): not classified — reuse a concept's flag name, or add it to CONCEPTS or NOT_AMOUNTS`);
        if (k.length === 1 && NOT_AMOUNTS.has(f.name)) problems.push(`${c.name} --${f.name}: both in ${k[0]} and in NOT_AMOUNTS`);
      }
    expect(problems).toEqual([]);
  });

  it("each amount or time flag shows its concept's placeholder and states the unit in its description", async () => {
    const problems: string[] = [];
    for (const c of await commands())
      for (const f of c.flags) {
        const [k] = conceptOf(c.name, f.name);
        if (!k) continue;
        const concept = CONCEPTS[k]!;
        if (!concept.value.includes(f.value ?? "")) problems.push(`${c.name} --${f.name} ${f.value}: ${k} shows ${concept.value.join(" or ")}`);
        if (!concept.unit.test(f.description)) problems.push(`${c.name} --${f.name}: "${f.description}" does not state the unit (${k}: ${concept.unit})`);
      }
    expect(problems).toEqual([]);
  });

  it("grant milestones say both units: the epoch and the Jet", async () => {
    const f = (await commands()).flatMap((c) => c.flags).find((x) => x.name === "milestone") as FlagSpec;
    expect(f.value).toBe("EPOCH:JET,…");
    expect(f.description).toMatch(/\bepoch\b/);
    expect(f.description).toMatch(/\bJet\b/);
  });

  it("the table lists no flag name that no command has", async () => {
    const all = await commands();
    const used = new Set(all.flatMap((c) => c.flags.flatMap((f) => [f.name, `${c.name} --${f.name}`])));
    const stale = [...Object.values(CONCEPTS).flatMap((c) => c.flags), ...NOT_AMOUNTS].filter((n) => !used.has(n));
    expect(stale).toEqual([]);
  });

  it("the prose spells the units Jet, Pack, ADA and lovelace", async () => {
    const problems: string[] = [];
    const texts = [["jetpack --help", globalHelp(BUILTIN_COMMANDS)] as const, ...(await commands()).map((c) => [`jetpack ${c.name} --help`, commandHelp(c)] as const)];
    for (const [where, help] of texts) {
      const prose = help
        .split("\n")
        .filter((l) => !/^(Usage:|\s+jetpack )/.test(l)) // the usage line and examples show flags and values
        .map((l) => l.replace(/^ {2}(?:-h, )?--\S+(?: \S+)? {2,}/, "")) // a flag row's flag and placeholder
        .join("\n")
        .replace(/--[a-z0-9-]+(?:[ =](?:[A-Z]\S*|jet|pack|ada))?/g, "") // flags in the prose, with a placeholder or value (--unit pack)
        .replace(/\b[a-z]+(?:\|[a-z]+)+\b/g, "") // value lists: jet|pack
        .replace(/\b[A-Z]+(?::[A-Z]+)+\b/g, ""); // compound placeholders: EPOCH:JET
      for (const m of prose.matchAll(/\b(jets?|JET|Jets|packs?|PACK|Packs|ada|Ada|Lovelace|LOVELACE|lovelaces)\b/g)) problems.push(`${where}: "${m[0]}" in …${prose.slice(Math.max(0, m.index! - 40), m.index! + 20).replace(/\n/g, " ")}…`);
    }
    expect(problems).toEqual([]);
  });

  it("jetpack --help says amounts come in Jet or Pack, each flag stating which", () => {
    const help = globalHelp(BUILTIN_COMMANDS);
    expect(help).not.toMatch(/Amounts are integer Pack/); // the chain commands take Jet with decimals
    expect(help).toMatch(/Jet \(up to 6 decimals\)/);
    expect(help).toMatch(/Pack \(integer; 1 Jet = 1,000,000 Pack\)/);
  });
});
