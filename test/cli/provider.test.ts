/**
 * An unreachable provider is a one-line chain error naming the provider and its URL, exit
 * 1 (the chain, not the input, is the problem), never an internal error with a stack.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";
import { deploymentFromProtocol } from "../../offchain/net/deployment.js";
import { compiledValidators } from "../../offchain/net/open.js";
import { instantiate } from "../../offchain/protocol.js";
import { REPO, tempDir } from "./helpers.js";

function run(argv: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [join(REPO, "bin/jetpack.js"), ...argv], { cwd, env }, (err, stdout, stderr) => done({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }));
  });
}

describe("a provider that cannot be reached", () => {
  const compiled = compiledValidators();
  const p = instantiate(compiled, { seed: { txHash: "11".repeat(32), outputIndex: 0 }, genesisTimeMs: 1_800_000_000_000n, network: "Preprod" });
  const ref = (c: string) => ({ txHash: c.repeat(32), outputIndex: 0 });
  const d = deploymentFromProtocol({ network: "Preprod", protocol: p, compiled, references: { emission: ref("22"), config: ref("33"), pool: ref("44"), lock: ref("55"), lockRules: ref("77"), governance: ref("88"), treasury: ref("99"), exchange: ref("aa") }, referenceHolder: "addr_test1…", transactions: { genesis: "66".repeat(32), publish: {} } });
  const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", BLOCKFROST_PROJECT_ID: "preprodXXXXXXXXXXXXXXXXXXXXXXXXXXXX" };

  it("status names the provider and URL in one line and exits 1", async () => {
    const dir = tempDir({});
    writeFileSync(join(dir, "jetpack-deployment.json"), JSON.stringify(d));
    const r = await run(["status", "--quiet", "--blockfrost-url", "http://127.0.0.1:9/api/v0"], dir, env);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^jetpack status: chain error: cannot reach Preprod via Blockfrost http:\/\/127\.0\.0\.1:9\/api\/v0/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.stderr).not.toContain("preprodXXXX"); // the project id is a secret
  }, 60_000);
});
