# backendless-mock as a container image: the emulator, its runtime libraries
# and the bundled fixtures, running as a non-root user. See README "## Docker".
#
#   docker build -t backendless-mock .
#   docker run --rm -p 127.0.0.1:8080:8080 backendless-mock
#
# Two stages. "build" compiles with Debian's -dev packages and runs the C++
# unit tests (ctest; the Node/SDK tests are left out), so a broken build or a
# failing test never produces an image. The runtime stage holds only the
# stripped binary, the shared libraries it links and /fixtures.
# No heredocs and no COPY --link, which buildah 1.28 (Debian bookworm's podman)
# rejects; it also rejects HEALTHCHECK --start-interval (Docker 25+), so
# tests/container/smoke.sh builds a copy without that one flag.

FROM debian:bookworm-slim AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      g++ cmake make pkg-config libcpp-httplib-dev nlohmann-json3-dev \
      libcli11-dev doctest-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# /fixtures is compiled in as the default fixture directory (--fixtures); the
# tests that start the binary without --fixtures find the bundled ones there,
# as the runtime image will.
RUN cp -r fixtures /fixtures \
 && cmake -S . -B /build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=ON \
      -DBACKENDLESS_MOCK_JS_TESTS=OFF \
      -DBACKENDLESS_MOCK_DEFAULT_FIXTURES=/fixtures \
 && cmake --build /build -j"$(nproc)" \
 && cd /build \
 && ctest --output-on-failure -j"$(nproc)" --timeout 300 \
 && strip --strip-unneeded -o /backendless-mock /build/backendless-mock

FROM debian:bookworm-slim
LABEL org.opencontainers.image.title="backendless-mock" \
      org.opencontainers.image.description="A local emulator of the Backendless Messaging REST API, answering from fixture files"
# libcpp-httplib0.11 brings libssl3, zlib1g and libbrotli1; libstdc++6,
# libgcc-s1 and libc6 are already in bookworm-slim. No curl or wget: the
# healthcheck is the binary itself.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libcpp-httplib0.11 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 10001 mock \
 && useradd --uid 10001 --gid mock --no-create-home --no-log-init \
      --home-dir /nonexistent --shell /usr/sbin/nologin mock
COPY --from=build /backendless-mock /usr/local/bin/backendless-mock
COPY --from=build /src/fixtures/ /fixtures/
# Fail the build if a shared library is missing or the bundled fixtures do
# not load.
RUN if ldd /usr/local/bin/backendless-mock | grep 'not found'; then exit 1; fi \
 && backendless-mock --check --fixtures /fixtures

# Every flag also reads BACKENDLESS_MOCK_<FLAG>; a flag on `docker run` wins.
ENV BACKENDLESS_MOCK_HOST=0.0.0.0 \
    BACKENDLESS_MOCK_PORT=8080 \
    BACKENDLESS_MOCK_FIXTURES=/fixtures
# Mount your own fixture files here (read-only is enough); the server watches
# the directory and reloads on change.
VOLUME /fixtures
EXPOSE 8080
USER 10001:10001
# GET http://127.0.0.1:$BACKENDLESS_MOCK_PORT/__admin/health; exit 0 on 200.
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --start-interval=1s --retries=3 \
  CMD ["backendless-mock", "--healthcheck"]
# Exec form: the server is PID 1, gets SIGTERM from `docker stop` and exits 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["backendless-mock"]
