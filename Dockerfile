# syntax=docker/dockerfile:1
#
# cspo-bot as an image (README: "Running several instances"): the release
# binary, with data/ and intents/, in a slim image that runs as a non-root
# user. The build steps are those of the README: `cargo build --release`
# (with SQLite compiled in, so the image needs no libsqlite3), then
# `cspo-bot check`, so that data the checker rejects never ships.
#
#   docker build -t cspo-bot .
#   docker run --rm -e TELOXIDE_TOKEN=... cspo-bot
#   docker compose up -d --build      # two replicas and Redis: compose.yaml

FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked --features bundled-sqlite \
    && cp target/release/cspo-bot /usr/local/bin/cspo-bot
RUN cspo-bot check --data data --intents intents

FROM debian:bookworm-slim
# TLS is rustls throughout (no OpenSSL); ca-certificates for the system's
# roots, curl for the health check.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /opt/cspo-bot --shell /usr/sbin/nologin cspo
WORKDIR /opt/cspo-bot
COPY --from=build /usr/local/bin/cspo-bot /usr/local/bin/cspo-bot
COPY --from=build /src/data ./data
COPY --from=build /src/intents ./intents
USER cspo
ENV RUST_LOG=info
EXPOSE 8080
# /healthz on the --listen address (liveness; /readyz and /metrics too).
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
# SIGTERM: the bot finishes the answers in flight, confirms them, gives up
# its polling lease (so another replica takes over at once) and exits 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["cspo-bot"]
CMD ["run", "--listen", "0.0.0.0:8080"]
