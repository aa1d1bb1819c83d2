/**
 * `npm pack` makes a package an integrator can use: it holds the SDK, the CLI and the
 * deployed validators (and nothing of the tests or local state); installed into an empty
 * folder, its `jetpack` bin deploys an instance on the devnet and the README's SDK example
 * (`import … from "jetpack"`) runs against it.
 *
 * "Installed" = the tarball unpacked as node_modules/jetpack, and the repository's own
 * node_modules linked next to it (the dependencies the lockfile pins; no registry access).
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevnet, type Devnet } from "../../offchain/devnet/server.js";
import { childEnv, REPO } from "./helpers.js";

let dir: string;
let app: string;
let files: string[];
let devnet: Devnet;

function run(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) =>
    execFile(process.execPath, argv, { cwd, env: childEnv(), maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
      done({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }),
    ),
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "jetpack-pack-"));
  const out = execFileSync("npm", ["pack", "--json", "--pack-destination", dir], { cwd: REPO, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  const info = JSON.parse(out)[0] as { filename: string; files: { path: string }[] };
  files = info.files.map((f) => f.path);
  app = join(dir, "app");
  mkdirSync(join(app, "node_modules"), { recursive: true });
  // The app's own package.json: without one, Node takes the module type (ESM or CommonJS)
  // of the example from whatever package.json sits above the temporary folder.
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "jetpack-example", private: true, type: "module" }));
  execFileSync("tar", ["-xzf", join(dir, info.filename), "-C", join(app, "node_modules")]);
  renameSync(join(app, "node_modules", "package"), join(app, "node_modules", "jetpack"));
  for (const name of readdirSync(join(REPO, "node_modules"))) {
    if (name.startsWith(".") || name === "jetpack") continue;
    symlinkSync(join(REPO, "node_modules", name), join(app, "node_modules", name));
  }
  devnet = await startDevnet({ wallets: 1, dir: join(app, ".devnet"), blockIntervalMs: 0, clock: "manual" });
}, 180_000);

afterAll(async () => {
  await devnet?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("npm pack", () => {
  it("holds the SDK, the CLI, the validators and the docs, and nothing else", () => {
    for (const f of ["package.json", "README.md", "bin/jetpack.js", "offchain/index.ts", "offchain/net/deployment.ts", "offchain/cli/main.ts", "plutus.json", "plutus.exports.json", "docs/sdk.md", "docs/cli.md"]) expect(files, f).toContain(f);
    // the Aiken sources ship too, so a deployer can rebuild the scripts and compare hashes
    for (const f of ["aiken.toml", "validators/pool.ak", "lib/jetpack/logic/pool/claim.ak"]) expect(files, f).toContain(f);
    expect(files.filter((f) => /^(test|scratch|bench|build|scripts|artifacts)\/|\.devnet|node_modules/.test(f))).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(app, "node_modules/jetpack/package.json"), "utf8"));
    expect(pkg.exports["."].default).toBe("./offchain/index.ts");
  });

  it("installed, its bin deploys on the devnet and the README's SDK example runs against it", async () => {
    const bin = join(app, "node_modules/jetpack/bin/jetpack.js");
    const init = await run([bin, "init", "--network", "local", "--key", ".devnet/wallet-0.sk", "--quiet"], app);
    expect(init.code, init.stderr).toBe(0);
    const readme = readFileSync(join(REPO, "README.md"), "utf8");
    const example = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => /from "jetpack"/.test(b));
    expect(example, "README has a ts example importing from \"jetpack\"").toBeDefined();
    writeFileSync(join(app, "example.ts"), example!);
    const r = await run(["--import", "tsx", "example.ts"], app);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("epoch 0: minted 0.000000 of 0.000000 Jet scheduled\nnext epoch: f_total 3479788.700063 Jet; 0 claim pools open\n");
  }, 180_000);
});
