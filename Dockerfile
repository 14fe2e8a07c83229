# syntax=docker/dockerfile:1.7
# One Dockerfile for the four services; the module is a build argument:
#   docker build --build-arg MODULE=ordering-context --build-arg PORT=8003 -t event-commerce/ordering-context .
# Stage 1 builds the module (and the modules it needs) with the Maven wrapper; the last stage runs the Spring
# Boot jar, unpacked into its layers so that a code change rebuilds only the small application layer, and
# starts it with the AOT cache the training stage made.

FROM eclipse-temurin:17-jdk AS build
ARG MODULE
WORKDIR /src
COPY . .
# the Maven repository is a BuildKit cache: dependencies are downloaded once across builds and modules
RUN --mount=type=cache,target=/root/.m2 \
    test -n "$MODULE" || { echo "build with --build-arg MODULE=<module>, e.g. ordering-context" >&2; exit 1; } \
 && ./mvnw -B -q -DskipTests -pl "$MODULE" -am package \
 && java -Djarmode=tools -jar "$MODULE/target/$MODULE.jar" extract --layers --application-filename app.jar --destination /layers \
 && java scripts/GenerateSigningKey.java /training-keys.json >/dev/null

# The runtime is a JDK 25 (the classes are compiled for 17) for its AOT cache: the classes a start loads, read
# and linked once, then mapped by every start (a third of the CPU of a start on JDK 17 without it). The jar is
# extracted, not launched by Spring Boot's launcher, because the cache holds only the JVM's own class loaders'.
FROM eclipse-temurin:25-jre AS runtime
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
ENV PORT=${PORT} \
    AXONIQ_UPDATE_CHECKER_DISABLED=true \
    MALLOC_ARENA_MAX=2 \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError -Xss512k -XX:TrimNativeHeapInterval=5000 -Daxoniq.update-checker.disabled=true -Ddisable-axoniq-console-message=true"

# The training run: the service starts and exits once its context is refreshed, with the image's JVM, options and
# class path. No PostgreSQL, Redis or RabbitMQ at build time: Flyway and Hibernate's look at the database are off
# and the clients point nowhere (they connect lazily); a throwaway signing key lets user-service start. Measured
# without them, the archives hold nearly the classes of a training with them (88-94 MB of ~100 MB on JDK 17).
FROM runtime AS training
COPY --from=build /training-keys.json /tmp/training-keys.json
RUN java $JAVA_OPTS -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -jar app.jar \
      --spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none --spring.flyway.enabled=false \
      --spring.jpa.properties.hibernate.boot.allow_jdbc_metadata_access=false \
      --spring.data.redis.port=1 --spring.rabbitmq.port=1 --eventcommerce.auth.signing-keys-file=/tmp/training-keys.json

FROM runtime
# the AOT cache: its own layer, made for exactly this image's jars and JVM (a different one is refused, not misused)
COPY --from=training --chown=app:app /app/app.aot ./
USER 10001:10001
EXPOSE ${PORT}
# /health answers 503 when the service's database is unreachable; no curl in the image, so bash's /dev/tcp
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/$PORT && printf "GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && head -n 1 <&3 | grep -q " 200 "'
# exec: java is PID 1 and gets SIGTERM for the graceful shutdown
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -XX:AOTCache=app.aot -jar app.jar"]
