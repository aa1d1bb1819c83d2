/**
 * The chain flags every chain command shares (network, provider, quiet), in a module that
 * loads nothing but the flag type: `jetpack report`'s simulation mode offers them too and
 * must start without the chain library, which offchain/net/cli.ts loads.
 */
import type { FlagSpec } from "../cli/command.js";

export const NETWORK_FLAGS: readonly FlagSpec[] = [
  { name: "network", type: "string", value: "NAME", description: "mainnet | preprod | preview | local (default $JETPACK_NETWORK, else the deployment file's)" },
  { name: "provider", type: "string", value: "NAME", description: "blockfrost | kupmios | maestro | koios (default $JETPACK_PROVIDER or blockfrost)" },
  { name: "devnet", type: "string", value: "FILE", description: "local: the devnet's devnet.json (default $JETPACK_DEVNET or .devnet/devnet.json)" },
  { name: "blockfrost-url", type: "string", value: "URL", description: "Blockfrost base URL (default $BLOCKFROST_URL or the network's); id from $BLOCKFROST_PROJECT_ID[_FILE]" },
  { name: "kupo-url", type: "string", value: "URL", description: "Kupmios: Kupo URL (default $KUPO_URL)" },
  { name: "ogmios-url", type: "string", value: "URL", description: "Kupmios: Ogmios URL (default $OGMIOS_URL)" },
  { name: "koios-url", type: "string", value: "URL", description: "Koios base URL (default $KOIOS_URL or the network's); token from $KOIOS_TOKEN[_FILE]" },
];

/** Where `jetpack init` writes the deployment file and the chain commands read it (re-exported by deployment.ts). */
export const DEFAULT_DEPLOYMENT_FILE = "jetpack-deployment.json";

export const QUIET_FLAG: FlagSpec = { name: "quiet", type: "boolean", description: "no progress lines on stderr" };
