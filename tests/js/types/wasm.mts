// The ./wasm export, typed as what esbuild's `file` loader and webpack's `asset/resource` make of an
// emitted file: its URL, which init() of the browser entry takes.
import { init } from '@skillancer/migration-lint/browser';
import wasmUrl from '@skillancer/migration-lint/wasm';

const url: string = wasmUrl;
await init(wasmUrl);
await init(new URL(wasmUrl, 'https://example.invalid/app/'));
// @ts-expect-error: a URL, not the module's bytes
const bytes: Uint8Array = wasmUrl;

export { url, bytes };
