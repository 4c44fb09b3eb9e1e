/** One instruction of a Dockerfile, continuation lines joined. */
export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** Instructions in order; comments, parser directives and blank lines dropped, `\` continuations joined. */
export function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending: Instruction | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && !pending)) return;
    const continues = line.endsWith('\\');
    const body = continues ? line.slice(0, -1).trim() : line;
    if (pending) pending.args = `${pending.args} ${body}`.trim();
    else {
      const [keyword = '', ...rest] = body.split(/\s+/);
      pending = { keyword: keyword.toUpperCase(), args: rest.join(' '), line: index + 1 };
    }
    if (!continues) {
      instructions.push(pending);
      pending = undefined;
    }
  });
  if (pending) instructions.push(pending);
  return instructions;
}

const argDefault = (instructions: readonly Instruction[], name: string) =>
  instructions
    .filter((i) => i.keyword === 'ARG')
    .map((i) => /^(\w+)=(\S+)$/.exec(i.args))
    .find((match) => match?.[1] === name)?.[2];

/** `${NAME}` / `$NAME` replaced by the ARG's default, as a build without --build-arg would do. */
const expand = (instructions: readonly Instruction[], value: string) =>
  value.replace(/\$\{?(\w+)\}?/g, (whole, name: string) => argDefault(instructions, name) ?? whole);

/** A tag with at least major.minor (node:20.20.2-bookworm-slim), or a digest; never `latest` or none. */
const isPinned = (image: string) =>
  /@sha256:[a-f0-9]{64}$/.test(image) || /:[^:/@]*\d+\.\d+[^:/@]*$/.test(image);

/**
 * The basics every service image must have. Returns the problems found, empty when none:
 * pinned base images, several stages, the last one running as a non-root USER with a
 * HEALTHCHECK on /healthz, NODE_ENV=production and an exec-form CMD (so SIGTERM reaches Node).
 */
export function lintDockerfile(text: string): string[] {
  const instructions = parseDockerfile(text);
  const problems: string[] = [];
  const stages = instructions.filter((i) => i.keyword === 'FROM');
  const stageNames = new Set<string>();
  for (const from of stages) {
    const [image = '', as, name] = from.args.replace(/--platform=\S+\s+/, '').split(/\s+/);
    const resolved = expand(instructions, image);
    if (!stageNames.has(resolved) && !isPinned(resolved)) {
      problems.push(`line ${from.line}: base image ${resolved} is not pinned to a version`);
    }
    if (as?.toUpperCase() === 'AS' && name) stageNames.add(name);
  }
  if (stages.length < 2) problems.push('not multi-stage: build tools would ship in the image');

  const lastFrom = stages.at(-1);
  const final = lastFrom ? instructions.slice(instructions.indexOf(lastFrom)) : [];
  const last = (keyword: string) => final.filter((i) => i.keyword === keyword).at(-1);
  const user = last('USER')?.args.split(':')[0];
  if (!user || user === 'root' || user === '0')
    problems.push('the final stage does not switch to a non-root USER');
  const healthcheck = last('HEALTHCHECK')?.args;
  if (!healthcheck || /^NONE$/i.test(healthcheck)) problems.push('the final stage has no HEALTHCHECK');
  else if (!healthcheck.includes('/healthz')) problems.push('the HEALTHCHECK does not call /healthz');
  if (!final.some((i) => i.keyword === 'ENV' && /\bNODE_ENV=production\b/.test(i.args))) {
    problems.push('the final stage does not set NODE_ENV=production');
  }
  const command = last('CMD') ?? last('ENTRYPOINT');
  if (!command?.args.startsWith('[')) problems.push('CMD is not in exec form: a shell would swallow SIGTERM');
  if (final.some((i) => i.keyword === 'COPY' && !i.args.includes('--from='))) {
    problems.push('the final stage copies from the build context: only built files belong in it');
  }
  return problems;
}
