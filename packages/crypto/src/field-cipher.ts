import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const PREFIX = 'enc';

/** Encryption keys by version; the active one encrypts, all of them decrypt. */
export interface Keyring {
  keys: ReadonlyMap<number, Buffer>;
  activeVersion: number;
}

export function keyringFrom(keys: Readonly<Record<string, string>>, activeVersion: number): Keyring {
  const map = new Map<number, Buffer>();
  for (const [version, base64] of Object.entries(keys)) {
    const key = Buffer.from(base64, 'base64');
    if (key.length !== 32) throw new Error(`encryption key version ${version} is not 32 bytes`);
    map.set(Number(version), key);
  }
  if (!map.has(activeVersion))
    throw new Error(`active encryption key version ${activeVersion} is not in the keyring`);
  return { keys: map, activeVersion };
}

/**
 * AES-256-GCM for personal data at rest. A ciphertext reads `enc:v<version>:<base64url(iv|tag|data)>`,
 * so rotation only needs the old key kept in the keyring. `context` (e.g. "member.email") is bound as
 * additional authenticated data: a ciphertext copied into another field does not decrypt there.
 */
export interface FieldCipher {
  encrypt(plaintext: string, context: string): string;
  decrypt(ciphertext: string, context: string): string;
  /** True when the value was written under an older key and the re-encryption job should rewrite it. */
  isStale(ciphertext: string): boolean;
  /** True while the keyring holds keys besides the active one: what keeps the re-encryption job scheduled. */
  readonly hasOlderKeys: boolean;
  /** The version new values are written under: what a re-encryption run's checkpoint is valid for. */
  readonly activeVersion: number;
}

export function createFieldCipher(keyring: Keyring): FieldCipher {
  const keyFor = (version: number): Buffer => {
    const key = keyring.keys.get(version);
    if (!key) throw new Error(`no encryption key version ${version} in the keyring`);
    return key;
  };

  return {
    encrypt(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, keyFor(keyring.activeVersion), iv, {
        authTagLength: TAG_BYTES,
      });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const packed = Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64url');
      return `${PREFIX}:v${keyring.activeVersion}:${packed}`;
    },

    decrypt(ciphertext, context) {
      const { version, packed } = parse(ciphertext);
      const iv = packed.subarray(0, IV_BYTES);
      const tag = packed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv(ALGORITHM, keyFor(version), iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([
        decipher.update(packed.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    },

    isStale(ciphertext) {
      return parse(ciphertext).version !== keyring.activeVersion;
    },

    hasOlderKeys: keyring.keys.size > 1,
    activeVersion: keyring.activeVersion,
  };
}

function parse(ciphertext: string): { version: number; packed: Buffer } {
  const match = /^enc:v(\d+):([A-Za-z0-9_-]+)$/.exec(ciphertext);
  const packed = match?.[2] ? Buffer.from(match[2], 'base64url') : undefined;
  if (!match || !packed || packed.length < IV_BYTES + TAG_BYTES)
    throw new Error('not an encrypted field value');
  return { version: Number(match[1]), packed };
}
