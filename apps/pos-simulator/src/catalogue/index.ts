export {
  DEFAULT_MEMBERS_PER_BRAND,
  firstNames,
  lastNames,
  mailLocalPart,
  type Member,
  memberOf,
  memberPool,
} from './members.js';
export { fashionProducts, groceryProducts, type Product, productsOf } from './products.js';
export {
  type Brand,
  brandOf,
  type BrandKind,
  brands,
  type SimulatedStore,
  type StoreProfile,
  stores,
  storesOfTenant,
} from './stores.js';
