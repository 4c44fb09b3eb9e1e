export { ConfigError, envFragment, parseEnv, type EnvFragment, type EnvOf } from './parse-env.js';
export {
  cryptoEnv,
  httpEnv,
  jsonVariable,
  mailEnv,
  mongoEnv,
  redisEnv,
  retentionEnv,
  runtimeEnv,
  serviceAuthEnv,
  staffAuthEnv,
} from './fragments.js';
