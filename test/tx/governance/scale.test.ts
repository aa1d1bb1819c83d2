/**
 * Votes at scale (offchain/emulator/gov-scale.ts): 40 commitments each vote in their own
 * transaction — no two share an input, the proposal is only read — and the tally counts
 * all receipts in two transactions of 20 within the ledger's limits. The
 * 1,000-vote run is in `npm run bench:chain`.
 */
import { describe, expect, it } from "vitest";
import { newWorld } from "../../helpers/chain.js";
import { voteAtScale } from "../../../offchain/emulator/gov-scale.js";
import { TALLY_BATCH } from "../../../offchain/tx/governance/tally.js";
import { govWorld, JET } from "./gov.helpers.js";

describe("governance at scale", () => {
  it("40 commitments vote without contention and the tally needs two transactions of 20", async () => {
    const w = await newWorld();
    const p = await govWorld(w);
    const f = await voteAtScale(w, p, "user1", 40, 100n * JET, 20);
    console.log("vote", f.voteExUnits, "tallies", f.tallyExUnits);
    expect(f.votes).toBe(40);
    expect(f.distinctScriptInputs).toBe(true);
    expect(f.tallyTransactions).toBe(2);
    expect(TALLY_BATCH).toBeGreaterThanOrEqual(20);
    for (const t of f.tallyExUnits) {
      expect(BigInt(t.mem)).toBeLessThanOrEqual(14_000_000n);
      expect(BigInt(t.steps)).toBeLessThanOrEqual(10_000_000_000n);
      expect(t.sizeBytes).toBeLessThanOrEqual(16_384);
    }
    const per = 100n * JET * 291n;
    expect(BigInt(f.yes)).toBe(per * 30n);
    expect(BigInt(f.no)).toBe(per * 10n);
  }, 600_000);
});
