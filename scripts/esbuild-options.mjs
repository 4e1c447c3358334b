// What both bundles (the CLI's and the Action's) need from esbuild: one ES module
// for Node 20+, dependencies inside.
export const nodeModuleBundle = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Prefer a package's ES module build: jsonc-parser's CommonJS one is UMD and requires files by computed names.
  mainFields: ['module', 'main'],
  // CommonJS dependencies call require(); an ES module has none until it makes one.
  banner: {
    js: "import { createRequire as __bundleCreateRequire } from 'node:module';\nconst require = __bundleCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
};
