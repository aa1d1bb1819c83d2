#!/usr/bin/env node
// Entry point of the `jetpack` command: runs the TypeScript CLI through tsx's loader.
import { register } from "tsx/esm/api";
register();
await import("../offchain/cli/main.ts");
