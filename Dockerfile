# syntax=docker/dockerfile:1.7
# One Dockerfile for the four services; the module is a build argument:
#   docker build --build-arg MODULE=ordering-context --build-arg PORT=8003 -t event-commerce/ordering-context .
# Stage 1 builds the module (and the modules it needs) with the Maven wrapper; stage 2 runs the Spring
# Boot jar, unpacked into its layers so that a code change rebuilds only the small application layer.

FROM eclipse-temurin:17-jdk AS build
ARG MODULE
WORKDIR /src
COPY . .
# the Maven repository is a BuildKit cache: dependencies are downloaded once across builds and modules
RUN --mount=type=cache,target=/root/.m2 \
    test -n "$MODULE" || { echo "build with --build-arg MODULE=<module>, e.g. ordering-context" >&2; exit 1; } \
 && ./mvnw -B -q -DskipTests -pl "$MODULE" -am package \
 && java -Djarmode=tools -jar "$MODULE/target/$MODULE.jar" extract --layers --launcher --destination /layers

FROM eclipse-temurin:17-jre
ARG MODULE
ARG PORT=8080
LABEL org.opencontainers.image.title="event-commerce ${MODULE}" \
      org.opencontainers.image.description="event-commerce service ${MODULE} (Spring Boot, Axon)"
RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --home-dir /app --shell /usr/sbin/nologin app
WORKDIR /app
# least often changed first
COPY --from=build --chown=app:app /layers/dependencies/ ./
COPY --from=build --chown=app:app /layers/spring-boot-loader/ ./
COPY --from=build --chown=app:app /layers/snapshot-dependencies/ ./
COPY --from=build --chown=app:app /layers/application/ ./
USER 10001:10001
ENV PORT=${PORT} \
    AXONIQ_UPDATE_CHECKER_DISABLED=true \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError -Daxoniq.update-checker.disabled=true -Ddisable-axoniq-console-message=true"
EXPOSE ${PORT}
# /health answers 503 when the service's database is unreachable; no curl in the image, so bash's /dev/tcp
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/$PORT && printf "GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && head -n 1 <&3 | grep -q " 200 "'
# exec: java is PID 1 and gets SIGTERM for the graceful shutdown
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS org.springframework.boot.loader.launch.JarLauncher"]
