import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const serviceSchema = z.object({ url: z.url() });

/** The parts of `.stack/stack.json` (written by `pnpm stack`, infra/stack/src/stack-file.ts) the simulator reads. */
const stackFileSchema = z.object({
  services: z.object({
    receipt: serviceSchema.optional(),
    loyalty: serviceSchema.optional(),
    reconciliation: serviceSchema.optional(),
    'loyalty app': serviceSchema.optional(),
  }),
  mail: z.object({ viewerUrl: z.url() }).optional(),
  credentials: z.object({ serviceToken: z.string().min(1) }),
  /** The stack's demo staff tokens (absent in files of stacks from before staff access). */
  staff: z
    .object({ tokens: z.object({ admin: z.object({ token: z.string().min(1) }) }) })
    .nullable()
    .optional(),
});

export type StackFile = z.infer<typeof stackFileSchema>;

/** Reads and checks the running stack's description; the error says how to start one. */
export async function readStackFile(path: string): Promise<StackFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new Error(
      `no stack description at ${path}: start the stack with \`pnpm stack\`, or give --receipt-url, --service-token and --staff-token`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${path} is not JSON: is the stack still writing it?`);
  }
  const parsed = stackFileSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(`${path} is not a stack description: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
