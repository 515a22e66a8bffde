# One image with every binary, built by the same install script CI runs.
#   docker build -t payment-gateway .                 runtime image (server, worker, checkout-web)
#   docker build --target build -t payment-gateway-build .   the build stage, which also runs the tests
FROM debian:12 AS build
WORKDIR /src
# The install script and what it reads (CMake's minimum version, the npm manifests) first, so the
# package layer is cached across code changes. A folder added to install-deps' npm_dirs goes here too.
COPY scripts/install-deps scripts/install-deps
COPY CMakeLists.txt ./
COPY tests/node/package.json tests/node/package-lock.json tests/node/
RUN scripts/install-deps
COPY . .
RUN scripts/build

FROM debian:12 AS runtime
WORKDIR /app
COPY scripts/install-deps scripts/install-deps
RUN scripts/install-deps --runtime && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/build/server/gateway-server /src/build/worker/gateway-worker /usr/local/bin/
COPY --from=build /src/build/checkout-web/checkout-web /src/build/admin/gateway-admin /usr/local/bin/
RUN useradd --system --no-create-home gateway
USER gateway
ENV PORT=8000 CHECKOUT_PORT=3001
EXPOSE 8000 3001
CMD ["gateway-server"]
