// Paths inside the checkout, wherever it is.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export const repo = (...parts) => join(root, ...parts);
