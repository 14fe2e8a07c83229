#!/bin/bash
# Runs once, when the data directory is first initialised (the image's /docker-entrypoint-initdb.d):
# one role and one database per context; a role can connect to its own database only.
set -euo pipefail
for ctx in user catalog ordering notification console; do
  var="${ctx^^}_DB_PASSWORD"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       -v role="${ctx}_ctx" -v password="${!var}" -v db="${ctx}_db" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"db" OWNER :"role";
REVOKE CONNECT, TEMPORARY ON DATABASE :"db" FROM PUBLIC;
SQL
done
