// Shareable links: the SQL and the folder name live in the URL hash, so they never reach a server.
// The SQL is compressed with the browser's own deflate (CompressionStream) and base64url-encoded.
//
//   #v=1&name=<folder name>&sql=<base64url(deflate-raw(utf-8 sql))>

const VERSION = '1';

/** Longest link we hand out; browsers and chat tools cut or refuse longer URLs. */
export const MAX_LINK_LENGTH = 64 * 1024;

async function pipeBytes(bytes, stream) {
  const piped = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(piped).arrayBuffer());
}

function toBase64Url(bytes) {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + chunk));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('the SQL part is not base64url');
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The hash (with its leading `#`) that restores `sql` and `name`. */
export async function encodeHash({ sql, name }) {
  const packed = await pipeBytes(new TextEncoder().encode(sql), new CompressionStream('deflate-raw'));
  const params = new URLSearchParams();
  params.set('v', VERSION);
  if (name) params.set('name', name);
  params.set('sql', toBase64Url(packed));
  return `#${params.toString()}`;
}

/**
 * What a hash holds: `null` when it is not a playground link at all,
 * `{ sql, name }` when it is, and a thrown Error naming the problem when it is damaged.
 */
export async function decodeHash(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  if (!params.has('sql')) return null;
  const version = params.get('v');
  if (version !== VERSION) throw new Error(`unknown link version ${JSON.stringify(version)}`);
  let bytes;
  try {
    bytes = await pipeBytes(fromBase64Url(params.get('sql')), new DecompressionStream('deflate-raw'));
  } catch (error) {
    throw new Error(`the SQL part cannot be decompressed (${error.message})`);
  }
  const sql = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  return { sql, name: params.get('name') ?? '' };
}
