# One image with every binary, built by the same install script CI runs.
#   docker build -t payment-gateway .                 runtime image (server, worker, checkout-web)
#   docker build --target build -t payment-gateway-build .   the build stage, which also runs the tests

# What scripts/install-deps reads, as it lists it (--inputs: itself, CMakeLists.txt, every npm
# manifest), taken out of the context so that the package layer below is built again only when one
# of those files changes, and a folder added to install-deps needs no line here.
FROM debian:12 AS inputs
COPY . /src
RUN cd /src && mkdir /inputs && cp --parents $(scripts/install-deps --inputs) /inputs/

FROM debian:12 AS build
WORKDIR /src
COPY --from=inputs /inputs/ ./
RUN scripts/install-deps
COPY . .
RUN scripts/build

# One image for every infrastructure node of the `ha` compose profile (docker-compose.yml): etcd,
# Patroni over PostgreSQL 15, Redis, Sentinel and HAProxy, Debian 12's packages, configured from
# deploy/ha/. Built only with that profile:  docker compose --profile ha build
FROM debian:12 AS ha-node
COPY scripts/install-deps scripts/install-deps
# Patroni makes PostgreSQL's data folder itself: no cluster from the package's install.
RUN mkdir -p /etc/postgresql-common/createcluster.d \
 && echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.d/gateway.conf \
 && scripts/install-deps --ha-node && apt-get clean && rm -rf /var/lib/apt/lists/* \
 && install -d -o postgres -g postgres -m 700 /var/lib/gateway-ha/pg \
 && install -d -o etcd -g etcd -m 700 /var/lib/gateway-ha/etcd
COPY deploy/ha/ /etc/gateway-ha/

# The runtime image, last, so that a build without a target makes it.
FROM debian:12 AS runtime
WORKDIR /app
COPY scripts/install-deps scripts/install-deps
RUN scripts/install-deps --runtime && apt-get clean && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/build/server/gateway-server /src/build/worker/gateway-worker /usr/local/bin/
COPY --from=build /src/build/checkout-web/checkout-web /src/build/admin/gateway-admin /usr/local/bin/
COPY scripts/healthcheck /usr/local/bin/gateway-healthcheck
# gateway-server's drain attaches a socket filter, which needs CAP_NET_ADMIN on newer kernels:
# held, never effective but for that one call (server/README.md, "Stopping: the drain"); the
# container must grant it (docker-compose.yml does).
RUN setcap cap_net_admin=p /usr/local/bin/gateway-server
RUN useradd --system --no-create-home gateway
USER gateway
ENV PORT=8000 CHECKOUT_PORT=3001
EXPOSE 8000 3001
HEALTHCHECK --interval=10s --timeout=5s --retries=10 CMD ["gateway-healthcheck"]
CMD ["gateway-server"]
