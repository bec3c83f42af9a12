# syntax=docker/dockerfile:1

# Build: cgo is needed for SQLite (mattn/go-sqlite3), with FTS5 compiled in.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=1 go build -tags sqlite_fts5 -trimpath -ldflags "-s -w" -o /out/carnet . \
 && mkdir -p /out/data

# Run: distroless base has glibc for the cgo binary and nothing else (no
# shell, no package manager); it runs as the unprivileged "nonroot" user.
FROM gcr.io/distroless/base-debian12:nonroot
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
