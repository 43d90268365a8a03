# One Dockerfile for both services; pick one with its target:
#   docker build --target client-a -t client-a .
#   docker build --target client-b -t client-b .
# (docker compose builds both.) The build stage is shared, so building the second is a cache hit.

# .nvmrc's Node version (a FROM line cannot read a file; a test fails while the two differ):
# the one every test runs on and Render runs, so the image runs what was tested.
ARG NODE_VERSION=22.21.1

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
# Dependencies first: the layer is reused until the lockfile changes.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY nest-cli.json tsconfig.json ./
COPY libs libs
COPY apps apps
# package.json's build script: the same `nest build` per app that npm start and npm test run.
RUN npm run build

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# The official image's unprivileged user: the services write nothing to disk.
USER node
# Readiness, not liveness: Docker marks the container unhealthy while the database or Kafka
# is unreachable. Node's own fetch, so the image needs no curl; the timeout keeps a hung
# answer from outliving Docker's.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready', { signal: AbortSignal.timeout(4000) }).then((response) => process.exit(response.ok ? 0 : 1), () => process.exit(1))"]

# The heap options are package.json's config.serviceNodeOptions, as in every other start.
FROM runtime AS client-a
COPY --from=build /app/dist/apps/client-a dist/apps/client-a
ENV PORT=3000
EXPOSE 3000
CMD ["node", "--max-old-space-size=128", "--max-semi-space-size=8", "dist/apps/client-a/apps/client-a/src/main.js"]

FROM runtime AS client-b
COPY --from=build /app/dist/apps/client-b dist/apps/client-b
ENV PORT=3001
EXPOSE 3001
CMD ["node", "--max-old-space-size=128", "--max-semi-space-size=8", "dist/apps/client-b/apps/client-b/src/main.js"]
