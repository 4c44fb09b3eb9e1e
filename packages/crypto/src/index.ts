export { createFieldCipher, keyringFrom, type FieldCipher, type Keyring } from './field-cipher.js';
export { createLookupHasher, type LookupHasher } from './lookup-hash.js';
export { base32, randomId } from './ids.js';
export { derivedKey, serviceKeys, type KeysEnv, type ServiceKeys } from './service-keys.js';
