// `@skillancer/migration-lint/wasm`: the WebAssembly module itself, for bundlers. Imported, it is the
// URL a bundler gives an emitted file: esbuild's `file` loader, webpack 5's `asset/resource`
// (add `?url` in Vite). Pass it to `init()` of the browser entry. A `binary` or inline loader gives
// bytes instead; `init()` takes those too, but this declaration does not describe them.

/** The URL of the emitted `migration_lint_bg.wasm`, for `init()` of `@skillancer/migration-lint/browser`. */
declare const wasmUrl: string;
export default wasmUrl;
