#!/usr/bin/env bash
# Creates the secret files an overlay's secretGenerator reads, under deploy/k8s/overlays/OVERLAY/secrets/
# (git-ignored, readable by you only): random passwords, and a new token signing key. A file that exists
# is left alone, so it is safe to run again; delete a file to renew it (and see README.md before
# renewing a database password or the signing key).
#   deploy/k8s/make-secrets.sh in-cluster
#   deploy/k8s/make-secrets.sh managed      then put the managed servers' users and passwords in secrets/*.env
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
overlay="${1:?usage: make-secrets.sh in-cluster|managed}"
dir="$here/overlays/$overlay"
[ -d "$dir/secrets.example" ] || { echo "no overlay $overlay with a secrets.example/" >&2; exit 2; }
umask 077
mkdir -p "$dir/secrets"
random() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
for example in "$dir"/secrets.example/*; do
  file="$dir/secrets/$(basename "$example")"
  [ -e "$file" ] && { echo "kept    $file"; continue; }
  case "$file" in
    *.json) java "$repo/scripts/GenerateSigningKey.java" "$file" >/dev/null ;;
    *.env) while IFS= read -r line; do
             case "$line" in *=CHANGE-ME) echo "${line%CHANGE-ME}$(random)" ;; *) echo "$line" ;; esac
           done < "$example" > "$file" ;;
  esac
  echo "created $file"
done
