import type { Counted, Messages } from './it.js';

/** Every string of the app in English (same shape as the Italian catalogue). */
export const en: Messages = {
  app: {
    name: 'Scontrino Rewards',
    skipToContent: 'Skip to content',
    language: 'Language',
    signOut: 'Sign out',
    sections: 'Sections',
  },
  nav: { home: 'Points', history: 'History', receipts: 'Receipts', card: 'Card' },
  common: {
    loading: 'Loading…',
    retry: 'Try again',
    loadError: 'We could not load your data.',
    points: { one: 'point', other: 'points' },
    newTab: '(opens in a new tab)',
  },
  signIn: {
    title: 'Sign in',
    intro: 'Enter the email you joined the programme with: we will send you a sign-in code.',
    emailLabel: 'Email',
    sendCode: 'Send the code',
    sending: 'Sending…',
    codeTitle: 'Check your inbox',
    codeIntro: (email: string) =>
      `If ${email} belongs to a member, a 6-digit code is on its way. The code is valid for 10 minutes.`,
    codeLabel: '6-digit code',
    verify: 'Sign in',
    verifying: 'Checking…',
    resend: 'Send a new code',
    resent: 'We sent you a new code: only the latest one works.',
    changeEmail: 'Use another email',
    toJoin: 'New here? Join the programme',
    toSignIn: 'Already a member? Sign in',
    joinTitle: 'Join the programme',
    joinIntro:
      'Join with your email: you get a digital card straight away, and receipts you claimed with this email earn their points.',
    nameLabel: 'Name (optional)',
    consentLabel: 'Send me offers and news by email',
    join: 'Join and send the code',
  },
  errors: {
    invalidEmail: 'Please check the email address: it looks incomplete.',
    codeFormat: 'The code is 6 digits long.',
    wrongCode: 'Wrong or expired code. Try again or ask for a new code.',
    tooManyAttempts: 'Too many attempts with this code. Please ask for a new one.',
    tooManyWrongCodes: 'Too many wrong codes for this address: please try again tomorrow.',
    rateLimited: 'Too many requests in a short time: please try again in a few minutes.',
    offline: 'We cannot reach the service. Check your connection and try again.',
    unexpected: 'Something went wrong on our side. Please try again shortly.',
    sessionExpired: 'Your session has expired: please sign in again.',
  },
  home: {
    title: 'Your points',
    available: 'Available points',
    pending: 'Pending',
    pendingHint: 'They become available once the return period is over.',
    held: 'Reserved for a purchase in progress',
    debt: 'To recover',
    debtHint: 'Points already spent from a returned purchase: we recover them from your next purchases.',
    expiring: 'Expiring within 30 days',
    expiringFrom: (date: string) => `The first batch expires on ${date}.`,
    noneExpiring: 'No points expire in the next 30 days.',
    tier: 'Tier',
    multiplier: (multiplier: string) => `You earn points ×${multiplier}`,
    progressLabel: (tier: string) => `Progress towards ${tier}`,
    missingPoints: (missing: string, tier: string) => `${missing} more to reach ${tier}.`,
    missingSpend: (missing: string, tier: string) => `${missing} more in purchases to reach ${tier}.`,
    topTier: 'You have reached the top tier.',
    downgradeAt: (date: string) => `To keep your tier, earn enough points by ${date}.`,
    since: (date: string) => `Since ${date}`,
  },
  history: {
    title: 'History',
    empty: 'Nothing here yet: the points of your purchases will show up here.',
    loadMore: 'Load more',
    end: 'That is everything.',
    pendingTag: 'pending',
    kinds: {
      earn: 'Purchase',
      activate: 'Points available',
      hold: 'Points reserved',
      release: 'Points released',
      redeem: 'Points spent',
      reverse: 'Return',
      expire: 'Points expired',
      adjust: 'Adjustment',
      transfer_out: 'Transfer out',
      transfer_in: 'Transfer in',
      other: 'Entry',
    },
    explain: {
      earned: (points: Counted, transaction: string, until: string) =>
        `${points.text} earned on purchase ${transaction}: pending until ${until}, then available.`,
      earnedNothing: (transaction: string) => `No points on purchase ${transaction}.`,
      activated: (points: Counted, earnedOn: string) =>
        `${points.text} earned on ${earnedOn} ${points.count === 1 ? 'is' : 'are'} now available.`,
      activatedRepaid: (points: Counted, earnedOn: string, repaid: Counted) =>
        `${points.text} earned on ${earnedOn} ${points.count === 1 ? 'is' : 'are'} now available; ${repaid.text} of them recover points of a returned purchase already spent.`,
      held: (points: Counted) => `${points.text} reserved at the till.`,
      redeemed: (points: Counted, transaction: string) =>
        `${points.text} spent at the till (transaction ${transaction}).`,
      released: (points: Counted) =>
        `${points.text} reserved at the till ${points.count === 1 ? 'is' : 'are'} free again.`,
      reversed: (points: Counted, transaction: string, original: string) =>
        `${points.text} taken back for items returned (transaction ${transaction}, purchase ${original}).`,
      recovered: (points: Counted) =>
        `${points.text} already spent will be recovered from your next purchases.`,
      writtenOff: (points: Counted) => `${points.text} already spent will not be asked back.`,
      added: (points: Counted, reason: string) => `${points.text} added by customer service: ${reason}`,
      removed: (points: Counted, reason: string) => `${points.text} removed by customer service: ${reason}`,
      expired: (points: Counted, earnedOn: string) => `${points.text} earned on ${earnedOn} expired.`,
      movedOutMerge: (points: Counted) =>
        `${points.text} moved to your other membership: the profiles were merged.`,
      movedOutUnmerge: (points: Counted) =>
        `${points.text} moved back to the other membership: the profiles were separated.`,
      movedInMerge: (points: Counted) =>
        `${points.text} moved in from your other membership: the profiles were merged.`,
      movedInUnmerge: (points: Counted) =>
        `${points.text} came back from another membership: the profiles were separated.`,
    },
    lines: {
      line: (lineId: string) => `Line ${lineId}`,
      factors: {
        sku: (code: string) => `item ${code}`,
        category: (code: string) => `category ${code}`,
        campaign: (code: string) => `campaign ${code}`,
        tier: (code: string) => `tier ${code}`,
      },
      bonus: (code: string, points: string) => `bonus ${code} ${points}`,
      cap: {
        daily: (points: string) => `capped to ${points} by the daily cap`,
        monthly: (points: string) => `capped to ${points} by the monthly cap`,
      },
      noPoints: 'no points',
      reasons: {
        excludedSku: (sku: string) => `item ${sku} is excluded`,
        excludedCategory: (category: string) => `category ${category} is excluded`,
        return: 'a return earns no points',
        otherCurrency: (sale: string, program: string) =>
          `the purchase is in ${sale} and the programme counts ${program}`,
        belowMinimum: (basket: string, minimum: string) =>
          `the basket (${basket}) is below the minimum of ${minimum}`,
      },
      returned: (points: Counted, quantity: Counted, originalLineId: string) =>
        `${points.text} taken back for ${quantity.text} returned of line ${originalLineId}`,
    },
  },
  receipts: {
    title: 'Receipts',
    empty: 'No receipts yet: they will show up here after your purchases with the card.',
    open: 'Open the receipt',
    total: 'Total',
    loadMore: 'Load more receipts',
    kinds: { sale: 'Purchase', return: 'Return' },
  },
  card: {
    title: 'Your card',
    intro: 'Show this code at the till: the points of your purchase are added automatically.',
    qrAlt: (number: string) => `QR code of card number ${number}`,
    number: 'Card number',
    brightness: 'Turn up the screen brightness for a quicker scan.',
    unavailable:
      'The card code is not available right now. At the till you can give the number printed on your card.',
    choose: 'Card to show',
  },
};
