# syntax=docker/dockerfile:1
# One image per service, from this one file. Build from the repository root:
#   docker build -f infra/docker/service.Dockerfile --build-arg SERVICE=receipt-service        -t scontrino/receipt-service .
#   docker build -f infra/docker/service.Dockerfile --build-arg SERVICE=loyalty-service        -t scontrino/loyalty-service .
#   docker build -f infra/docker/service.Dockerfile --build-arg SERVICE=reconciliation-service -t scontrino/reconciliation-service .
# (infra/compose/compose.yaml builds all three.) See docs/operations.md.

# Node 20 on Debian 12, slim: the runtime the services are tested on. Pin by digest in your registry mirror
# if you need reproducible bytes; the tag is pinned to the patch release here.
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

FROM ${NODE_IMAGE} AS build
# pnpm from npm, at the version of the root package.json: Node 20's corepack rejects pnpm 10's signatures.
ARG PNPM_VERSION=10.34.8
RUN npm install --global --no-fund --no-audit --loglevel=error "pnpm@${PNPM_VERSION}"
WORKDIR /repo
# The lockfile alone decides what is fetched, so this layer is reused until a dependency changes.
COPY pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
RUN --mount=type=cache,id=scontrino-pnpm-store,target=/pnpm-store \
    pnpm fetch --frozen-lockfile --store-dir /pnpm-store
COPY . .
ARG SERVICE
RUN test -n "${SERVICE}" && test -f "apps/${SERVICE}/package.json" \
    || { echo "build with --build-arg SERVICE=<receipt-service|loyalty-service|reconciliation-service>" >&2; exit 1; }
RUN --mount=type=cache,id=scontrino-pnpm-store,target=/pnpm-store \
    pnpm install --frozen-lockfile --offline --store-dir /pnpm-store
# tsup bundles the service and the workspace packages into apps/<service>/dist/start.js.
RUN pnpm --filter "@scontrino/${SERVICE}" build
# The service's production dependencies, at the lockfile's versions, as files under /out/node_modules
# (inject-workspace-packages only for this command: pnpm 10's deploy needs it to follow the lockfile).
# The workspace packages are in the bundle already, so their copies go.
RUN --mount=type=cache,id=scontrino-pnpm-store,target=/pnpm-store \
    pnpm --filter "@scontrino/${SERVICE}" --config.inject-workspace-packages=true \
        deploy --prod --offline --store-dir /pnpm-store /out \
    && rm -rf /out/node_modules/@scontrino /out/dist \
    && cp -R "apps/${SERVICE}/dist" /out/dist

FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
# Every image listens on 8080 inside its container (compose and Kubernetes map it); PORT overrides it.
ENV NODE_ENV=production \
    PORT=8080 \
    SERVICE=${SERVICE}
WORKDIR /app
# Owned by root: the service's user reads its code but cannot rewrite it, and the root filesystem
# can be mounted read-only (Kubernetes readOnlyRootFilesystem, compose read_only).
COPY --from=build /out/package.json ./package.json
COPY --from=build /out/node_modules ./node_modules
COPY --from=build /out/dist ./dist
# The image's `node` user (uid 1000); numeric, so Kubernetes can check runAsNonRoot.
USER 1000:1000
EXPOSE 8080
# Liveness only (/healthz): readiness (/readyz) depends on MongoDB and Redis and is the orchestrator's business.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# start.ts drains in-flight requests for up to 10 s on SIGTERM, then closes queues and the database.
# The young generation explicitly (docs/operations.md, "Memory"): 4 MB semi-spaces (Node 20's
# default grows them to 16 MB), about 30 MB less resident memory per service under load. The old
# generation's bound comes from NODE_OPTIONS (the Kubernetes base sets 384 MB under a 512Mi limit).
# No --enable-source-maps: it kept every loaded module's source map in the heap (about 25 MB) and
# mapped every frame of every stack trace built; dist/start.js is not minified, and its
# start.js.map ships beside it for reading a trace. `pnpm stack --built` and `pnpm bench` run the
# services with these same flags (read from this line).
STOPSIGNAL SIGTERM
CMD ["node", "--max-semi-space-size=4", "dist/start.js"]
