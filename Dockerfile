# syntax=docker/dockerfile:1
# dondoc image: one image, two processes. CMD runs the Temporal worker; the API overrides it:
#   docker run dondoc:local                              # worker  (node dist/worker/main.js)
#   docker run dondoc:local node dist/api/main.js        # API
#   docker run dondoc:local dondoc reconcile             # any CLI command (bin/dondoc.js -> dist/cli/main.js)
# docker-compose.yml builds it (target runtime) for both services.

ARG NODE_IMAGE=node:20.19-bookworm-slim

# ---- build: all dependencies, compile TypeScript to dist/, prebuild the workflow bundle
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
# patches/: local fixes to dependencies, applied by the postinstall script (patch-package), see patches/README.md.
COPY package.json package-lock.json ./
COPY patches ./patches
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .
# `build` is tsc -p tsconfig.build.json: application sources only (no tests, benchmarks) into dist/.
RUN npm run build
# webpack the workflows once here instead of in every worker at start-up (DONDOC_WORKFLOW_BUNDLE).
RUN node dist/scripts/bundle-workflows.js dist/workflow-bundle.js

# ---- prod-deps: production dependencies only (the dev dependencies pruned: no jest, tsc, eslint)
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
ENV npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
COPY package.json package-lock.json ./
COPY patches ./patches
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev && npm cache clean --force

# ---- runtime: compiled code, production node_modules, non-root
FROM ${NODE_IMAGE} AS runtime
# tini as PID 1: forwards SIGTERM to node (graceful worker shutdown) and reaps zombies.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini ca-certificates \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production \
    DONDOC_DATA_DIR=/var/lib/dondoc \
    DONDOC_WORKFLOW_BUNDLE=/app/dist/workflow-bundle.js \
    API_HOST=0.0.0.0
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/bin ./bin
COPY --from=build /app/dist ./dist
# No TypeScript sources in the image: bin/dondoc.js then runs dist/cli/main.js.
RUN ln -s /app/bin/dondoc.js /usr/local/bin/dondoc \
  && mkdir -p /var/lib/dondoc \
  && chown node:node /var/lib/dondoc
# The node image's unprivileged user (uid 1000); the application files stay root-owned and read-only to it.
USER node
EXPOSE 8080
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/worker/main.js"]
