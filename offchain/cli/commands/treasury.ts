// Why: the ecosystem treasury holds Jet and ADA that only a passed grant proposal pays out;
// anyone may donate. How: treasury-show reads every UTxO at the treasury address and the
// running grants (read-only); treasury-donate pays Jet and/or ADA to the treasury address
// from the key's wallet.
import { type Command, UsageError } from "../command.js";
import { json as jsonText } from "../format.js";
import { DEPLOYMENT_FLAG, guarded, JSON_FLAG, makeCtx, NETWORK_FLAGS, QUIET_FLAG, report, submitAll, txCommandFlags } from "../../net/cli.js";
import { buildOne, grantJson, grantText, jetFlag, jetIn, jetText, openGov, openGovWithKey, parseJet } from "./govshared.js";

export const treasuryShowCommand: Command = {
  name: "treasury-show",
  summary: "show the treasury (Jet and ADA) and the running grants",
  description: `Reads every UTxO at the treasury address (donations and returned grants: all count) and prints its Jet
and ADA, then the running grants with what each still holds and its milestones. Read-only.`,
  flags: [JSON_FLAG, QUIET_FLAG, DEPLOYMENT_FLAG, ...NETWORK_FLAGS],
  examples: ["treasury-show", "treasury-show --json"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const s = await openGov(ctx, []);
      const { readGrants, readTreasury } = await import("../../governance/readers.js");
      const [t, grants] = await Promise.all([readTreasury(s.chain.lucid, s.p), readGrants(s.chain.lucid, s.p)]);
      const inGrants = jetIn(s.p, grants.map((g) => g.utxo));
      if (ctx.json) {
        io.out(
          jsonText({
            epoch: s.epoch.toString(),
            address: s.p.treasury.address,
            utxos: t.utxos.length,
            jetPack: t.jetPack.toString(),
            lovelace: t.lovelace.toString(),
            grantsPack: inGrants.toString(),
            grants: grants.map((g) => grantJson(g, s.p)),
          }),
        );
        return;
      }
      io.out(
        [
          `treasury ${s.p.treasury.address}`,
          `  ${jetText(t.jetPack)} and ${(Number(t.lovelace) / 1e6).toFixed(6)} ADA in ${t.utxos.length} UTxO${t.utxos.length === 1 ? "" : "s"}`,
          `${grants.length} running grant${grants.length === 1 ? "" : "s"}${grants.length ? `, holding ${jetText(inGrants)}` : ""} (epoch ${s.epoch})`,
          ...grants.flatMap((g) => grantText(g, s.epoch)),
        ].join("\n") + "\n",
      );
    }),
};

export const treasuryDonateCommand: Command = {
  name: "treasury-donate",
  summary: "donate Jet and/or ADA to the treasury",
  description: `Pays --jet Jet and --ada ADA (default 2 ADA, at least 1, the output's minimum) from the key's wallet to
the treasury address. The treasury pays out only through passed grant proposals.`,
  flags: txCommandFlags("donor's signing key; pays the donation and the fee", [
    { name: "jet", type: "string", value: "JET", description: "Jet to donate (up to 6 decimals)" },
    { name: "ada", type: "string", value: "ADA", description: "ADA to donate with it (default 2)" },
  ]),
  examples: ["treasury-donate --key donor.sk --jet 1000", "treasury-donate --key donor.sk --ada 50 --dry-run"],
  run: (args, io) =>
    guarded(async () => {
      const ctx = makeCtx(args, io);
      const jet = jetFlag(args, "jet") ?? 0n;
      const adaRaw = args.string("ada");
      const lovelace = adaRaw === undefined ? 2_000_000n : parseJet(adaRaw, "flag --ada"); // ADA has 6 decimals too
      if (adaRaw !== undefined && lovelace < 1_000_000n) throw new UsageError(`flag --ada: at least 1 ADA (the output's minimum), got ${adaRaw}`);
      if (jet === 0n && adaRaw === undefined) throw new UsageError("nothing to donate: give --jet JET and/or --ada ADA");
      const s = await openGovWithKey(ctx, []);
      const held = jetIn(s.p, s.wallet.utxos);
      if (held < jet) throw new UsageError(`wallet ${s.wallet.address} holds ${jetText(held)}, less than the ${jetText(jet)} to donate`);
      const { donate } = await import("../../tx/governance/grant.js");
      const { readTreasury } = await import("../../governance/readers.js");
      const before = await readTreasury(s.chain.lucid, s.p);
      const plan = donate({ protocol: s.p, jetPack: jet, lovelace });
      const what = `${jetText(jet)} and ${Number(lovelace) / 1e6} ADA`;
      const built = await buildOne(s, plan, `donate ${what} to the treasury`);
      const submitted = await submitAll(ctx, s.chain, [built], [s.key]);
      await report(
        ctx,
        [built],
        submitted,
        { jetPack: jet.toString(), lovelace: lovelace.toString(), treasuryBeforePack: before.jetPack.toString(), treasuryAfterPack: (before.jetPack + jet).toString() },
        [`donated ${what}; the treasury holds ${jetText(before.jetPack)} → ${jetText(before.jetPack + jet)}`],
      );
    }),
};
