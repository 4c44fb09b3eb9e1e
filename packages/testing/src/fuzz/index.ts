export { type Answer, problemsOf } from './answer-check.js';
export {
  type Endpoint,
  type FuzzCase,
  type FuzzProcedure,
  type FuzzRequest,
  inputSchemaOf,
  namesPath,
  restEndpoints,
  trpcEndpoint,
} from './endpoints.js';
export {
  endpointsOf,
  type FuzzFailure,
  type FuzzReport,
  type FuzzTarget,
  fuzzEndpoints,
  fuzzRuns,
  fuzzSeed,
  fuzzTimeout,
} from './fuzz-endpoints.js';
export type { JsonSchema } from './json-schema.js';
export { type Mutation, mutationOf, POLLUTION_MARK } from './mutations.js';
export { type KnownValues, validValue } from './valid-values.js';
