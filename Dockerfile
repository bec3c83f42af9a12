# syntax=docker/dockerfile:1

# Bases are pinned: the Go image to its patch release (the one CI tests
# with), the distroless runtime — which has no version tags — by the digest
# of its multi-architecture manifest index. Bump them deliberately.
ARG GO_IMAGE=golang:1.26.8-bookworm
ARG RUNTIME_IMAGE=gcr.io/distroless/base-debian12:nonroot@sha256:7f0c72cd138b442ae0deeb69c08b1acf5525439ba251a49ad93c320a061567e5

# Build: cgo is needed for SQLite (mattn/go-sqlite3).
FROM ${GO_IMAGE} AS build
ARG VERSION=dev
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=1 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/carnet . \
 && mkdir -p /out/data

# Run: distroless base has glibc for the cgo binary and nothing else (no
# shell, no package manager); it runs as the unprivileged "nonroot" user.
FROM ${RUNTIME_IMAGE}
ARG VERSION=dev
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="Carnet" \
      org.opencontainers.image.description="The shared address book of digital-inclusion actors, their services and referrals (JSON REST API)." \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.licenses="AGPL-3.0-or-later"
COPY --from=build /out/carnet /usr/local/bin/carnet
COPY --from=build --chown=nonroot:nonroot /out/data /data
ENV CARNET_ADDR=:8080 \
    CARNET_DB=/data/carnet.db \
    CARNET_ENV=production
VOLUME /data
EXPOSE 8080
USER nonroot:nonroot
# No curl in the image: the binary checks itself.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["/usr/local/bin/carnet", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/carnet"]
CMD ["serve"]
