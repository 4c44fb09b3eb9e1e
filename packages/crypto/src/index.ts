export { createFieldCipher, keyringFrom, type FieldCipher, type Keyring } from './field-cipher.js';
export { createLookupHasher, type LookupHasher } from './lookup-hash.js';
