import { formBody } from '@scontrino/service';
import type { Express, Request, Response } from 'express';
import { verifyToken } from '../../domain/signed-token.js';
import { readUnsubscribePayload } from '../../domain/unsubscribe-token.js';
import { claimMessagesFor, renderMessagePage } from '../../domain/render/index.js';
import {
  unsubscribeFromReceiptEmails,
  type UnsubscribeDeps,
} from '../../use-cases/unsubscribe-from-receipt-emails.js';
import { setPageCsp, setPrivateHeaders } from './page-headers.js';

export interface UnsubscribeRouteDeps extends UnsubscribeDeps {
  unsubscribeKey: Buffer;
}

/**
 * `/u/:token`, the List-Unsubscribe link of receipt emails (token = the address's look-up hash
 * and the receipt, signed). GET asks for a confirmation, so a mail scanner following links unsubscribes no one;
 * POST records `receipt_email` withdrawn, from that form or as an RFC 8058 one-click POST.
 */
export function registerUnsubscribeRoutes(
  app: Express,
  deps: UnsubscribeRouteDeps,
  notFound: (req: Request, res: Response) => void,
): void {
  function page(req: Request, res: Response, confirmed: boolean) {
    const { locale, messages } = claimMessagesFor(req.acceptsLanguages());
    setPrivateHeaders(res);
    const styleNonce = setPageCsp(res, undefined, { postsForms: !confirmed });
    const content = confirmed
      ? { lang: locale, title: messages.unsubscribedTitle, body: messages.unsubscribedBody }
      : {
          lang: locale,
          title: messages.unsubscribeTitle,
          body: messages.unsubscribeBody,
          action: { button: messages.unsubscribeButton, fields: { 'List-Unsubscribe': 'One-Click' } },
        };
    res.type('html').send(renderMessagePage(content, { styleNonce }));
  }

  app.get('/u/:token', (req, res) => {
    if (verifyToken(deps.unsubscribeKey, req.params.token) === null) return notFound(req, res);
    page(req, res, false);
  });

  app.post('/u/:token', formBody({ extended: false, limit: '1kb' }), async (req, res) => {
    const payload = verifyToken(deps.unsubscribeKey, String(req.params.token));
    if (payload === null) return notFound(req, res);
    const { emailHash, receiptId } = readUnsubscribePayload(payload);
    await unsubscribeFromReceiptEmails(deps, emailHash, receiptId);
    page(req, res, true);
  });
}
