# stakes in a container (issue #22): built with the official Rust image, run from an empty
# image holding only the static binary, the CA certificates and a /tmp for `stakes serve`.
#
#   docker build -t stakes --build-arg STAKES_BUILD_COMMIT="$(git rev-parse --short=9 HEAD)" .
#   docker run --rm -v "$PWD:/site" -w /site stakes build
#   docker run --rm -v "$PWD:/site" -w /site -p 1111:1111 stakes serve --bind 0.0.0.0
#
# The build stage compiles for the machine's own architecture (x86_64 or aarch64), linked
# statically against musl, as the release archives are.

FROM docker.io/library/rust:1-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends musl-tools \
    && rm -rf /var/lib/apt/lists/* \
    && rustup target add "$(uname -m)-unknown-linux-musl"
WORKDIR /src
COPY . .
# The image is built without .git (see .dockerignore): pass the commit for `stakes --version`.
ARG STAKES_BUILD_COMMIT=""
RUN target="$(uname -m)-unknown-linux-musl" \
    && STAKES_BUILD_COMMIT="$STAKES_BUILD_COMMIT" \
       cargo build --release --locked --target "$target" \
    && mkdir -p /rootfs/usr/local/bin /rootfs/etc/ssl/certs /rootfs/tmp /rootfs/site \
    && chmod 1777 /rootfs/tmp \
    && cp "target/$target/release/stakes" /rootfs/usr/local/bin/stakes \
    && cp /etc/ssl/certs/ca-certificates.crt /rootfs/etc/ssl/certs/

FROM scratch
COPY --from=build /rootfs/ /
ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
WORKDIR /site
EXPOSE 1111
ENTRYPOINT ["/usr/local/bin/stakes"]
CMD ["--help"]
