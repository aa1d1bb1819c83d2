// Why: a service needs to see what it holds before paying rewards; auditors want the
// totals. How: reads the lock UTxOs (optionally of one owner: --owner or the key of --key)
// and prints them per owner. Read-only.
import { type Command, UsageError } from "../command.js";
import { jet, json as jsonText, table } from "../format.js";
import { connectChain, DEPLOYMENT_FLAG, guarded, JSON_FLAG, loadKeyFlag, makeCtx, NETWORK_FLAGS, openDeployment, QUIET_FLAG } from "../../net/cli.js";

export const locksCommand: Command = {
  name: "locks",
  summary: "show the Jet in service locks: per owner, or one owner's lock UTxOs",
  description: `Without --owner or --key: every lock at the lock script, summed per owner. With --owner (a payment key
hash or an address) or --key (a signing key file; only its key hash is used): that owner's locks, one per
line. Read-only.`,
  flags: [
    { name: "owner", type: "string", value: "PKH|ADDR", description: "only this owner's locks" },
    { name: "key", type: "string", value: "FILE", description: "only the locks of this signing key's key hash" },
    JSON_FLAG,
    QUIET_FLAG,
    DEPLOYMENT_FLAG,
    ...NETWORK_FLAGS,
  ],
  examples: ["locks", "locks --key service.skey", "locks --owner addr_test1… --json"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const ownerFlag = args.string("owner");
      const { keyHashFrom } = await import("../../net/keys.js"); // loads Lucid: not at top level (fast --help)
      let owner = ownerFlag !== undefined ? keyHashFrom(ownerFlag, "flag --owner") : undefined;
      const key = await loadKeyFlag(ctx);
      if (key) {
        if (owner !== undefined && owner !== key.pkh) throw new UsageError(`--owner ${owner} and --key ${key.file} (${key.pkh}) name different owners`);
        owner = key.pkh;
      }
      const opened = await openDeployment(ctx);
      const { protocol: p, cfg } = opened;
      const chain = await connectChain(ctx, cfg, opened);
      const { readLocks } = await import("../../readers.js");
      ctx.say(owner ? `reading the locks of ${owner}` : "reading every lock");
      const locks = await readLocks(chain.lucid, p, owner);
      const jetOf = (u: (typeof locks)[number]) => u.utxo.assets[p.units.jet] ?? 0n;
      const total = locks.reduce((s, l) => s + jetOf(l), 0n);
      const owners = new Map<string, { count: number; jetPack: bigint; lovelace: bigint }>();
      for (const l of locks) {
        const o = owners.get(l.datum.owner) ?? { count: 0, jetPack: 0n, lovelace: 0n };
        o.count++;
        o.jetPack += jetOf(l);
        o.lovelace += l.utxo.assets.lovelace ?? 0n;
        owners.set(l.datum.owner, o);
      }
      if (ctx.json) {
        io.out(
          jsonText({
            owner: owner ?? null,
            count: locks.length,
            jetPack: total.toString(),
            owners: [...owners].map(([k, o]) => ({ owner: k, count: o.count, jetPack: o.jetPack.toString(), lovelace: o.lovelace.toString() })),
            locks: locks.map((l) => ({ owner: l.datum.owner, utxo: `${l.utxo.txHash}#${l.utxo.outputIndex}`, jetPack: jetOf(l).toString(), lovelace: (l.utxo.assets.lovelace ?? 0n).toString() })),
          }),
        );
        return;
      }
      if (owner) {
        io.out(
          table(
            ["lock UTxO", "Jet", "ADA"],
            locks.map((l) => [`${l.utxo.txHash}#${l.utxo.outputIndex}`, jet(jetOf(l)), jet(l.utxo.assets.lovelace ?? 0n)]),
            ["left", "right", "right"],
          ) + `\n${locks.length} locks of ${owner}: ${jet(total)} Jet\n`,
        );
        return;
      }
      io.out(
        table(
          ["owner", "locks", "Jet"],
          [...owners].map(([k, o]) => [k, String(o.count), jet(o.jetPack)]),
          ["left", "right", "right"],
        ) + `\n${locks.length} locks, ${owners.size} owners: ${jet(total)} Jet\n`,
      );
    }),
};
