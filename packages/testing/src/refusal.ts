import { TRPCClientError } from '@trpc/client';

/** How a tRPC call was refused, as a client sees it: the HTTP status and the service's error code. */
export interface Refusal {
  status: number;
  code: string | null;
}

/**
 * Awaits a call that must fail and returns its error, typed by the caller
 * (`trpcFailure<TRPCClientError<AppRouter>>(call)` to read `data.issues`); throws if it succeeded
 * or failed with something other than a tRPC error.
 */
export async function trpcFailure<TError extends TRPCClientError<never> = TRPCClientError<never>>(
  call: Promise<unknown>,
): Promise<TError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCClientError)) throw new Error('expected the call to be refused');
  return error as TError;
}

/** Awaits a call that must fail and returns its status and `appCode`; throws if it succeeded. */
export async function refusalOf(call: Promise<unknown>): Promise<Refusal> {
  const error = await trpcFailure(call);
  const data = error.data as unknown as {
    httpStatus: number;
    appCode: string | null;
  };
  return { status: data.httpStatus, code: data.appCode };
}
