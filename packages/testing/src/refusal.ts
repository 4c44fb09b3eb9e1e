import { TRPCClientError } from '@trpc/client';

/** How a tRPC call was refused, as a client sees it: the HTTP status and the service's error code. */
export interface Refusal {
  status: number;
  code: string | null;
}

/** Awaits a call that must fail and returns its status and `appCode`; throws if it succeeded. */
export async function refusalOf(call: Promise<unknown>): Promise<Refusal> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCClientError)) throw new Error('expected the call to be refused');
  const data = (error as TRPCClientError<never>).data as unknown as {
    httpStatus: number;
    appCode: string | null;
  };
  return { status: data.httpStatus, code: data.appCode };
}
