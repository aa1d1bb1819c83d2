/**
 * `npm pack` makes a package an integrator can use, as an integrator gets it: the tarball
 * (`prepack` builds dist/: ES modules and CommonJS, with declarations) installed by npm into
 * a fresh `npm init -y` folder — a CommonJS project — and then, with plain `node` (no tsx):
 * the README's SDK examples as files (economics.mjs, app.mjs with `import`, app.cjs with
 * `require`), the last two against a devnet on which the installed `jetpack` bin deployed an
 * instance; the bin itself; and a strict TypeScript consumer (ESM and CommonJS) with no
 * errors inside the package.
 *
 * Each example's module type is fixed by its extension (.mjs / .cjs). The previous version
 * of this test ran a `.ts` example through tsx, so its type came from the nearest
 * package.json — on a fresh machine none above the temporary folder, hence CommonJS, where
 * the example's top-level `await` (and the SDK's own, then in offchain/merkle/hash.ts) fails.
 *
 * No registry access: `npm ci --offline` from a lockfile made of this repository's (its
 * non-dev entries, plus the tarball), so npm takes every dependency from its cache (filled
 * by `npm ci` here), at exactly the versions the repository pins and tests.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevnet, type Devnet } from "../../offchain/devnet/server.js";
import { childEnv, REPO } from "./helpers.js";

interface PackInfo {
  name: string;
  filename: string;
  integrity: string;
  files: { path: string }[];
}

const repoPkg = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as Record<string, any>;
const NAME: string = repoPkg.name;
let dir: string;
let app: string;
let info: PackInfo;
let files: string[];
let devnet: Devnet;

/** The environment of npm in the app: none of the npm_* variables `npm test` sets (its local
 *  prefix is this repository), except where the cache is. */
function npmEnv(): NodeJS.ProcessEnv {
  const env = childEnv();
  for (const k of Object.keys(env)) if (/^npm_/i.test(k) && !/^npm_config_(cache|userconfig|registry)$/i.test(k)) delete env[k];
  delete env.INIT_CWD;
  return env;
}

function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv = npmEnv()): string {
  return execFileSync("npm", args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20 });
}

function run(argv: string[], cwd = app): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) =>
    execFile(process.execPath, argv, { cwd, env: childEnv(), maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
      done({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }),
    ),
  );
}

/** The README's ```js blocks that start with `// <file>`, by file name. */
function readmeFiles(): Map<string, string> {
  const readme = readFileSync(join(REPO, "README.md"), "utf8");
  const out = new Map<string, string>();
  for (const m of readme.matchAll(/```js\n\/\/ (\S+)\n([\s\S]*?)```/g)) out.set(m[1]!, m[2]!);
  return out;
}

/** The app's lockfile: the tarball plus every non-dev package of the repository's lockfile. */
function appLock(appPkg: Record<string, any>, spec: string): unknown {
  const lock = JSON.parse(readFileSync(join(REPO, "package-lock.json"), "utf8")) as { packages: Record<string, { dev?: boolean }> };
  const packages: Record<string, unknown> = {
    "": { name: appPkg.name, version: appPkg.version, dependencies: appPkg.dependencies },
    [`node_modules/${NAME}`]: {
      version: repoPkg.version,
      resolved: spec,
      integrity: info.integrity,
      license: repoPkg.license,
      dependencies: repoPkg.dependencies,
      bin: repoPkg.bin,
      engines: repoPkg.engines,
    },
  };
  for (const [path, entry] of Object.entries(lock.packages)) if (path !== "" && !entry.dev) packages[path] = entry;
  return { name: appPkg.name, version: appPkg.version, lockfileVersion: 3, requires: true, packages };
}

/** A strict consumer of the package, as an ES module (.mts) and as CommonJS (.cts), type-checked
 *  by tsc (lib check on: errors inside the package count). Resolves tsc's output. */
function startTypecheck(): Promise<string> {
  const body = (style: "import" | "require") => `${
    style === "import"
      ? `import { allocate, emissionPack, formatJet, type AllocationResult } from "${NAME}/economics";\nimport { chainFTotal, openJetpack, readState, type Jetpack } from "${NAME}";`
      : `import economics = require("${NAME}/economics");\nimport sdk = require("${NAME}");\nconst { allocate, emissionPack, formatJet } = economics;\nconst { chainFTotal, openJetpack, readState } = sdk;\ntype AllocationResult = economics.AllocationResult;\ntype Jetpack = sdk.Jetpack;`
  }
const r: AllocationResult = allocate({ fTotalPack: emissionPack(1), services: [{ id: "A", m1: 500n, m2: 150n, m3: 200n }] });
// @ts-expect-error: amounts are bigint, so the declarations are real types, not any
const wrong: string = emissionPack(1);
export async function main(): Promise<string> {
  const jp: Jetpack = await openJetpack({ deployment: "jetpack-deployment.json", network: { network: "local" } });
  const { datum } = await readState(jp.lucid, jp.protocol);
  return formatJet(r.distributedPack) + formatJet(chainFTotal(datum)) + wrong;
}
`;
  writeFileSync(join(app, "consumer.mts"), body("import"));
  writeFileSync(join(app, "consumer.cts"), body("require"));
  const tsc = createRequire(join(REPO, "package.json")).resolve("typescript/bin/tsc");
  const args = ["--strict", "--noEmit", "--skipLibCheck", "false", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", "consumer.mts", "consumer.cts"];
  return new Promise((done) => execFile(process.execPath, [tsc, ...args], { cwd: app, maxBuffer: 16 << 20 }, (err, stdout, stderr) => done(stdout + stderr + (err && !stdout ? String(err) : ""))));
}

let typecheck: Promise<string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "jetpack-pack-"));
  // prepack (npm run build:pkg) writes dist/ when publishing; here the test setup has just
  // run the same build (test/setup/build-dist.ts), and packing with prepack would delete
  // dist/ under the other end-to-end tests, which run the compiled CLI
  expect(repoPkg.scripts.prepack).toBe("npm run -s build:pkg");
  info = (JSON.parse(npm(["pack", "--json", "--ignore-scripts", "--pack-destination", dir], REPO, childEnv())) as PackInfo[])[0]!;
  files = info.files.map((f) => f.path);
  app = join(dir, "app");
  mkdirSync(app);
  npm(["init", "-y"], app);
  const appPkg = JSON.parse(readFileSync(join(app, "package.json"), "utf8")) as Record<string, any>;
  const spec = `file:../${info.filename}`;
  appPkg.dependencies = { [NAME]: spec };
  appPkg.overrides = repoPkg.overrides; // the repository's lockfile was resolved with them
  writeFileSync(join(app, "package.json"), JSON.stringify(appPkg, null, 2) + "\n");
  writeFileSync(join(app, "package-lock.json"), JSON.stringify(appLock(appPkg, spec), null, 2) + "\n");
  try {
    npm(["ci", "--offline", "--ignore-scripts", "--no-audit", "--no-fund", "--prefix", app], app);
  } catch (e) {
    throw new Error(`npm ci --offline in ${app} failed (is npm's cache filled? run \`npm ci\` in the repository): ${(e as { stderr?: string }).stderr ?? e}`);
  }
  typecheck = startTypecheck(); // runs (~1 min) while the other tests do
  devnet = await startDevnet({ wallets: 1, dir: join(app, ".devnet"), blockIntervalMs: 0, clock: "manual" });
}, 600_000);

afterAll(async () => {
  await devnet?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("npm pack", () => {
  it("holds the compiled SDK (ESM + CommonJS, with declarations), the CLI, the validators and the docs, and nothing else", () => {
    expect(info.name).toBe(NAME);
    const expected = ["package.json", "README.md", "bin/jetpack.js", "dist/esm/cli/main.js", "dist/cjs/package.json", "offchain/index.ts", "plutus.json", "plutus.exports.json", "docs/sdk.md", "docs/cli.md", "docs/package.md"];
    for (const f of expected) expect(files, f).toContain(f);
    // the Aiken sources ship too, so a deployer can rebuild the scripts and compare hashes
    for (const f of ["aiken.toml", "validators/pool.ak", "lib/jetpack/logic/pool/claim.ak"]) expect(files, f).toContain(f);
    expect(files.filter((f) => /^(test|scratch|bench|build|scripts|artifacts)\/|\.devnet|node_modules|tsconfig/.test(f))).toEqual([]);
    // every export's import/require × types/default target is in the tarball
    const pkg = JSON.parse(readFileSync(join(app, "node_modules", NAME, "package.json"), "utf8"));
    expect(Object.keys(pkg.exports)).toEqual([".", "./economics", "./package.json"]);
    for (const sub of [".", "./economics"]) {
      for (const cond of ["import", "require"]) {
        expect(Object.keys(pkg.exports[sub][cond])).toEqual(["types", "default"]);
        for (const target of Object.values(pkg.exports[sub][cond]) as string[]) expect(files, `${sub} ${cond}`).toContain(target.slice(2));
      }
    }
    for (const f of [pkg.main, pkg.types, pkg.bin.jetpack]) expect(files).toContain(f.replace(/^\.\//, ""));
  });
});

describe("installed by npm into a fresh `npm init -y` project (CommonJS, no tsx)", () => {
  it("is a CommonJS project without tsx", () => {
    const appPkg = JSON.parse(readFileSync(join(app, "package.json"), "utf8"));
    expect(appPkg.type ?? "commonjs").toBe("commonjs");
    expect(existsSync(join(app, "node_modules/tsx"))).toBe(false);
    expect(existsSync(join(app, "node_modules/.bin/jetpack"))).toBe(true);
  });

  it("its `jetpack` bin runs with plain node (npx jetpack …)", async () => {
    const r = await run([join(app, "node_modules/.bin/jetpack"), "schedule", "--to", "3"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("    3  2025-01-11  1,739,894.350031  7,415,185.277105");
    expect(npm(["exec", "--offline", "--no", "--", "jetpack", "--version"], app).trim()).toBe(`${NAME} ${repoPkg.version}`);
  });

  it("the README's economics example runs as an ES module and, with require, as CommonJS, without loading Lucid", async () => {
    const code = readmeFiles().get("economics.mjs");
    expect(code, "README has a `// economics.mjs` example").toBeDefined();
    writeFileSync(join(app, "economics.mjs"), code!);
    const cjs = code!.replace(/^import (\{[^}]*\}) from ("[^"]+");$/m, "const $1 = require($2);");
    expect(cjs).toContain(`require("${NAME}/economics")`);
    // CommonJS shows what it loaded: of the dependencies, decimal.js only (no Lucid, no libsodium)
    const loaded = `[...new Set(Object.keys(require.cache).filter((f) => f.includes("/node_modules/") && !f.includes("/node_modules/${NAME}/")).map((f) => f.split("/node_modules/").pop().split("/")[0]))].join(" ")`;
    writeFileSync(join(app, "economics.cjs"), `${cjs}\nconsole.log("loaded:", ${loaded});\n`);
    const shown = "3479788.700063\n1/1 30000.000000\n";
    const esm = await run(["economics.mjs"]);
    expect(esm.stderr).toBe("");
    expect(esm.stdout).toBe(shown);
    const cj = await run(["economics.cjs"]);
    expect(cj.stderr).toBe("");
    expect(cj.stdout).toBe(`${shown}loaded: decimal.js\n`);
  });

  it("its bin deploys on the devnet; the README's SDK example reads it with import (.mjs) and require (.cjs)", async () => {
    const init = await run([join(app, "node_modules/.bin/jetpack"), "init", "--network", "local", "--key", ".devnet/wallet-0.sk", "--quiet"]);
    expect(init.code, init.stderr).toBe(0);
    const examples = readmeFiles();
    const expected = "epoch 0: minted 0.000000 of 0.000000 Jet scheduled\nnext epoch: f_total 3479788.700063 Jet; 0 claim pools open\n";
    for (const file of ["app.mjs", "app.cjs"]) {
      expect(examples.get(file), `README has a \`// ${file}\` example`).toBeDefined();
      expect(examples.get(file)).toContain(file.endsWith(".cjs") ? `require("${NAME}")` : `from "${NAME}"`);
      writeFileSync(join(app, file), examples.get(file)!);
      const r = await run([file]);
      expect(r.stderr, file).toBe("");
      expect(r.code, file).toBe(0);
      expect(r.stdout, file).toBe(expected);
    }
  }, 300_000);

  it("a strict TypeScript consumer, ES module and CommonJS, type-checks with no error in the package", async () => {
    expect(await typecheck).toBe("");
  }, 300_000);
});
