# perfwatch service image: docker build -t perfwatch .
# Stage 1 builds the shaded jar with Maven; stage 2 runs it on a JRE 17 as a non-root user.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY exporter/pom.xml exporter/
COPY rules/pom.xml rules/
COPY service/pom.xml service/
COPY bench/pom.xml bench/
RUN mvn -B -q -pl service -am dependency:go-offline || true
COPY . .
RUN mvn -B -q -pl service -am package -DskipTests

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN groupadd --system perfwatch && useradd --system --gid perfwatch --home-dir /app --shell /usr/sbin/nologin perfwatch
WORKDIR /app
COPY --from=build /src/service/target/perfwatch.jar /app/perfwatch.jar
USER perfwatch
ENV PERFORMANCE_HTTP_PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD curl -fsS http://localhost:8080/api/v1/performance/health > /dev/null || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/perfwatch.jar"]
CMD ["serve"]
