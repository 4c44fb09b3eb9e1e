export { default } from '../../tsup.service.config.js';
