// What the simulator lends to other tools (the repository's benchmark): the retail estate and its
// members, sale documents as tills send them, the back office's set-up calls and an open-loop
// scheduler, so that every tool sends the same realistic traffic.
export { brands, memberPool, type Member, type SimulatedStore, stores } from './catalogue/index.js';
export {
  buildSale,
  customerOf,
  type Identification,
  type PosCustomer,
  type TillContext,
} from './generate/sale.js';
export { buildReturn, returnableSale, type ReturnableSale } from './generate/return.js';
export { createRandom, type Random } from './random.js';
export { demoProgram } from './demo/demo-programs.js';
export { issueTerminalKeys, tillKey, type TerminalKeys } from './clients/terminal-keys.js';
export { issueShopKeys, shopKeyOf, type ShopKeys } from './clients/shop-keys.js';
export { formTokenOf } from './clients/receipt-client.js';
export { buildOnlineOrder, type OnlineOrder } from './generate/online-order.js';
export {
  createLoyaltyStaffClient,
  isCredited,
  type LoyaltyStaffClient,
} from './clients/loyalty-staff-client.js';
export { createPointsWatch, type PointsVisibility, type WatchedSale } from './run/points-watch.js';
export { runSchedule, type ScheduleOptions, type ScheduleResult } from './run/scheduler.js';
