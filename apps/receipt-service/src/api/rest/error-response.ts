import type { ErrorBody } from '@scontrino/service';
import type { Request, Response } from 'express';

/** Answers in the shape of every REST error, for statuses no AppError kind covers (400, 415). */
export function sendRequestError(
  req: Request,
  res: Response,
  status: number,
  code: string,
  message: string,
): void {
  const requestId = typeof req.id === 'string' ? req.id : 'unknown';
  const body: ErrorBody = { error: { code, message, issues: [], requestId } };
  res.status(status).json(body);
}
