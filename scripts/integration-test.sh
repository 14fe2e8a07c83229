#!/bin/bash
# The seed's integration-test.sh, unchanged but for step 6: instead of reading the notification
# service's docker logs, it asks GET /notifications for the order's notification (bounded wait), and
# fails if it does not arrive. Run against `make run`.
set -e

echo "=== Integration Test ==="

echo "1. Testing User Service health..."
curl -s http://localhost:8001/health | jq

echo "2. Registering user..."
curl -s -X POST http://localhost:8001/register \
  -H "Content-Type: application/json" \
  -d '{"username": "integrationtest", "password": "Test@123"}' | jq

echo "3. Logging in..."
TOKEN=$(curl -s -X POST http://localhost:8001/login \
  -H "Content-Type: application/x-www-form-urlencoded" \
  -d "username=integrationtest&password=Test@123" | jq -r '.access_token')

if [ "$TOKEN" = "null" ] || [ -z "$TOKEN" ]; then
  echo "❌ Failed to get token"
  exit 1
fi

echo "✅ Got token: ${TOKEN:0:20}..."

echo "4. Creating product..."
PRODUCT=$(curl -s -X POST http://localhost:8002/products \
  -H "Content-Type: application/json" \
  -H "Authorization: Bearer $TOKEN" \
  -d '{
    "name": "Integration Test Product",
    "description": "Test product",
    "price": 199.99,
    "quantity": 5
  }')

PRODUCT_ID=$(echo "$PRODUCT" | jq -r '.id')

if [ "$PRODUCT_ID" = "null" ] || [ -z "$PRODUCT_ID" ]; then
  echo "❌ Failed to create product"
  exit 1
fi

echo "✅ Created product with ID: $PRODUCT_ID"

echo "5. Creating order..."
ORDER=$(curl -s -X POST http://localhost:8003/orders \
  -H "Content-Type: application/json" \
  -H "Authorization: Bearer $TOKEN" \
  -d "{\"product_id\": $PRODUCT_ID, \"quantity\": 2}")

echo "$ORDER" | jq

ORDER_ID=$(echo "$ORDER" | jq -r '.id')
if [ "$ORDER_ID" = "null" ] || [ -z "$ORDER_ID" ]; then
  echo "❌ Failed to create order"
  exit 1
fi

echo "6. Checking notifications..."
NOTIFICATION=""
for _ in $(seq 1 60); do
  NOTIFICATION=$(curl -s http://localhost:8004/notifications -H "Authorization: Bearer $TOKEN" \
    | jq -c --argjson id "$ORDER_ID" '[.[] | select(.order_id == $id)] | first // empty')
  [ -n "$NOTIFICATION" ] && break
  sleep 0.5
done
if [ -z "$NOTIFICATION" ]; then
  echo "❌ No notification for order $ORDER_ID within 30 s"
  exit 1
fi
echo "$NOTIFICATION" | jq

echo "✅ Integration test completed successfully!"
