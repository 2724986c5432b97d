#!/usr/bin/env bash
# Creates the shop's secrets (see templates.yaml) in a namespace, with fresh random values where the shop makes its own
# (database passwords, keyfile, signing key, OTP hash key). Provider keys come from the environment:
#   TWOFACTOR_API_KEY, or TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN / TWILIO_SERVICE_SID; RAZORPAY_KEY_ID,
#   RAZORPAY_KEY_SECRET, RAZORPAY_WEBHOOK_SECRET (card payments; the local overlay needs none); optionally
#   BOOTSTRAP_ADMIN_PHONE / BOOTSTRAP_ADMIN_PASSWORD.
# Existing secrets are left alone, so running it again never rotates anything by accident.
# Usage: deploy/k8s/secrets/create-secrets.sh [namespace]     (needs kubectl and openssl)
set -euo pipefail
ns="${1:-shop}"

random() { openssl rand -base64 48 | tr -d '\n/+=' | cut -c1-40; }

create() {
    local name="$1"
    shift
    if kubectl -n "$ns" get secret "$name" >/dev/null 2>&1; then
        echo "secret/$name exists, left alone"
        return
    fi
    kubectl -n "$ns" create secret generic "$name" "$@"
    kubectl -n "$ns" label secret "$name" app.kubernetes.io/part-of=shop >/dev/null
}

kubectl get namespace "$ns" >/dev/null 2>&1 || kubectl create namespace "$ns"

create mongodb-root --from-literal=username=root --from-literal=password="$(random)"
create mongodb-keyfile --from-literal=keyfile="$(openssl rand -base64 756 | tr -d '\n')"
for service in auth-service catalog-service cart-service order-service admin-service; do
    create "$service-mongodb" --from-literal=password="$(random)"
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/signing-key.pem" 2>/dev/null
create auth-signing-key --from-file=signing-key.pem="$work/signing-key.pem"

create auth-otp \
    --from-literal=hash-key="$(openssl rand -base64 32)" \
    --from-literal=twofactor-api-key="${TWOFACTOR_API_KEY:-}" \
    --from-literal=twilio-account-sid="${TWILIO_ACCOUNT_SID:-}" \
    --from-literal=twilio-auth-token="${TWILIO_AUTH_TOKEN:-}" \
    --from-literal=twilio-service-sid="${TWILIO_SERVICE_SID:-}"

if [ -n "${BOOTSTRAP_ADMIN_PHONE:-}" ]; then
    create auth-bootstrap-admin \
        --from-literal=phone="$BOOTSTRAP_ADMIN_PHONE" \
        --from-literal=password="${BOOTSTRAP_ADMIN_PASSWORD:?set BOOTSTRAP_ADMIN_PASSWORD too}"
fi

create order-payments \
    --from-literal=key-id="${RAZORPAY_KEY_ID:-}" \
    --from-literal=key-secret="${RAZORPAY_KEY_SECRET:-}" \
    --from-literal=webhook-secret="${RAZORPAY_WEBHOOK_SECRET:-}"
