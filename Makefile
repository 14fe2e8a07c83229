# The two commands: `make run` (build, infrastructure, every service in the background) and `make test`.
SHELL := /bin/bash
MVNW := ./mvnw -B
SERVICES ?=
# make run REPLICAS=2: two instances of every service behind a local HAProxy on the usual ports
REPLICAS ?=

.PHONY: run build infra start stop status logs test replay clean up down bench

run: build infra start

build:
	$(MVNW) -q -DskipTests package

infra:
	bash scripts/infra.sh

start:
	REPLICAS=$(REPLICAS) bash scripts/services.sh start $(SERVICES)

stop:
	REPLICAS=$(REPLICAS) bash scripts/services.sh stop $(SERVICES)

status:
	REPLICAS=$(REPLICAS) bash scripts/services.sh status $(SERVICES)

logs:
	REPLICAS=$(REPLICAS) bash scripts/services.sh logs $(SERVICES)

# Rebuild one read model from the event store, with a progress bar: make replay SERVICE=ordering PROCESSOR=order-view
replay:
	bash scripts/replay.sh $(SERVICE) $(PROCESSOR)

# The benchmark suite against a stack of its own (ports 18001-18004, bench_* databases): one table of figures,
# ceilings measured in the same run, ratios and targets. QUICK=1 for a short run.
bench: build
	bash bench/suite.sh

# The whole system in containers (docker-compose.yml: a PostgreSQL per context, Redis, RabbitMQ, Prometheus,
# Grafana, Loki, Alloy, Jaeger); needs Docker with Compose and JWT_SIGNING_KEYS_FILE and ADMIN_PASSWORD set (see docker-compose.yml).
COMPOSE := $(shell docker compose version >/dev/null 2>&1 && echo "docker compose" || echo docker-compose)
up:
	DOCKER_BUILDKIT=1 COMPOSE_DOCKER_CLI_BUILD=1 $(COMPOSE) up -d --build

down:
	$(COMPOSE) down

# Unit, fixture, architecture and integration tests (real PostgreSQL, Redis and RabbitMQ), the Kubernetes
# manifests rendered and validated offline, then the seed's curl flow and integration test against the
# packaged services.
test: infra
	$(MVNW) verify
	bash scripts/check-k8s.sh
	bash scripts/e2e.sh

clean: stop
	$(MVNW) -q clean
	rm -rf .run
