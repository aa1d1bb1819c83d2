#!/usr/bin/env node
// The `jetpack` command. Installed from the package, it runs the compiled CLI
// (dist/esm/cli/main.js) with plain node: no tsx, no TypeScript at run time.
// In a development checkout (tsconfig.json next to package.json; the package never ships
// it) it runs the TypeScript sources through tsx, so an edit needs no rebuild and the tests
// exercise what they read. JETPACK_CLI=dist or JETPACK_CLI=src picks one explicitly (the
// start-up benchmark runs the compiled CLI this way; `npm run build:pkg` writes dist/).
import { existsSync } from "node:fs";

const root = new URL("../", import.meta.url);
const mode = process.env.JETPACK_CLI || (existsSync(new URL("tsconfig.json", root)) ? "src" : "dist");

if (mode === "src") {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../offchain/cli/main.ts");
} else if (mode === "dist") {
  const main = new URL("dist/esm/cli/main.js", root);
  if (!existsSync(main)) {
    process.stderr.write(`jetpack: the compiled CLI ${main.pathname} is missing: run \`npm run build:pkg\` in ${root.pathname}\n`);
    process.exit(1);
  }
  await import(main.href);
} else {
  process.stderr.write(`jetpack: JETPACK_CLI must be "dist" or "src", not ${JSON.stringify(mode)}\n`);
  process.exit(2);
}
