export { ConfigError, envFragment, parseEnv, type EnvFragment, type EnvOf } from './parse-env.js';
export {
  cryptoEnv,
  httpEnv,
  mailEnv,
  mongoEnv,
  redisEnv,
  retentionEnv,
  runtimeEnv,
  serviceAuthEnv,
} from './fragments.js';
